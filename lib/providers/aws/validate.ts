/** Rules for the AWS provider's sections: what CAPA or AWS would refuse or regret. */
import { isCidr } from '../../support/cidr';
import { checkEnum, checkInteger, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { MachineRole } from '../../core/provider';
import { AwsClusterSpec, AwsMachineSpec } from './spec';

export const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'gp3', 'sc1', 'st1'];
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const OWNED_TAG = /^sigs\.k8s\.io\/cluster-api-provider-aws\/cluster\//;

export function validateAwsCluster(spec: AwsClusterSpec, report: IssueSink): void {
  if (typeof spec.region !== 'string' || !REGION.test(spec.region)) {
    report({ path: 'region', message: 'must be an AWS region name', value: spec.region, allowed: 'e.g. eu-west-1, us-east-2', fix: 'set infrastructure.aws.region' });
  }
  const net = spec.network ?? {};
  if (net.managed && net.existing) {
    report({ path: 'network', message: 'managed and existing are mutually exclusive', fix: 'keep only one of network.managed or network.existing' });
  }
  if (net.managed) {
    if (net.managed.vpcCidr !== undefined && !isCidr(net.managed.vpcCidr, 'ipv4')) {
      report({ path: 'network.managed.vpcCidr', message: 'must be an IPv4 CIDR', value: net.managed.vpcCidr, allowed: 'e.g. 10.0.0.0/16', fix: 'write the block as a.b.c.d/n' });
    }
    checkInteger(report, 'network.managed.availabilityZoneCount', net.managed.availabilityZoneCount, 1, 6);
  }
  if (net.existing) {
    if (typeof net.existing.vpcId !== 'string' || !/^vpc-[0-9a-f]+$/.test(net.existing.vpcId)) {
      report({ path: 'network.existing.vpcId', message: 'must be a VPC id', value: net.existing.vpcId, allowed: 'vpc- followed by hex digits', fix: 'pass the id of the existing VPC' });
    }
    const ids = net.existing.subnetIds ?? [];
    if (ids.length === 0) {
      report({ path: 'network.existing.subnetIds', message: 'an existing network needs at least one subnet', value: ids, fix: 'list the private and public subnets CAPA may use' });
    }
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || !/^subnet-[0-9a-f]+$/.test(id)) {
        report({ path: `network.existing.subnetIds[${i}]`, message: 'must be a subnet id', value: id, allowed: 'subnet- followed by hex digits' });
      } else if (seen.has(id)) {
        report({ path: `network.existing.subnetIds[${i}]`, message: 'duplicate subnet id (CAPA keys subnets by id)', value: id, fix: 'list each subnet once' });
      }
      seen.add(id);
    });
  }
  const lb = spec.controlPlaneLoadBalancer ?? {};
  checkEnum(report, 'controlPlaneLoadBalancer.type', lb.type, ['classic', 'elb', 'alb', 'nlb', 'disabled'], 'load balancer type');
  checkEnum(report, 'controlPlaneLoadBalancer.scheme', lb.scheme, ['internet-facing', 'internal'], 'load balancer scheme');
  if (lb.type === 'alb') {
    report({ path: 'controlPlaneLoadBalancer.type', message: 'an application load balancer cannot carry the API server (TLS passthrough on 6443 needs layer 4)', value: lb.type, allowed: 'classic, elb, nlb, disabled', fix: "use 'nlb'" });
  }
  if (spec.identity) {
    checkEnum(report, 'identity.kind', spec.identity.kind, ['AWSClusterStaticIdentity', 'AWSClusterRoleIdentity', 'AWSClusterControllerIdentity'], 'identity kind');
    checkNonEmptyString(report, 'identity.name', spec.identity.name ?? '', 'name the identity object');
    if (spec.identity.kind === 'AWSClusterControllerIdentity' && spec.identity.name !== 'default') {
      report({ path: 'identity.name', message: 'the controller identity is a singleton named "default"', value: spec.identity.name, allowed: 'default', fix: "set identity.name to 'default'" });
    }
  }
  for (const key of Object.keys(spec.additionalTags ?? {})) {
    if (OWNED_TAG.test(key)) {
      report({ path: `additionalTags.${key}`, message: "CAPA's ownership tag is reserved: CAPA sets it and deletes what carries it with the cluster", value: key, fix: 'remove this tag' });
    }
  }
}

export function validateAwsMachine(spec: AwsMachineSpec | undefined, _role: MachineRole, report: IssueSink): void {
  if (!spec) return;
  if (spec.instanceType !== undefined && (typeof spec.instanceType !== 'string' || !/^[a-z0-9-]+\.[a-z0-9]+$/.test(spec.instanceType))) {
    report({ path: 'instanceType', message: 'must be an EC2 instance type', value: spec.instanceType, allowed: 'e.g. t3.large, m6i.xlarge' });
  }
  if (spec.amiId !== undefined && !/^ami-[0-9a-f]+$/.test(spec.amiId)) {
    report({ path: 'amiId', message: 'must be an AMI id', value: spec.amiId, allowed: 'ami- followed by hex digits' });
  }
  if (spec.amiId !== undefined && spec.imageLookup !== undefined) {
    report({ path: 'imageLookup', message: 'amiId and imageLookup are mutually exclusive', fix: 'keep only one' });
  }
  if (spec.rootVolume) {
    checkInteger(report, 'rootVolume.sizeGiB', spec.rootVolume.sizeGiB, 8, 65536, 'AWS and CAPA need at least 8 GiB');
    checkEnum(report, 'rootVolume.type', spec.rootVolume.type, VOLUME_TYPES, 'EBS volume type');
    checkInteger(report, 'rootVolume.iops', spec.rootVolume.iops, 100);
    checkInteger(report, 'rootVolume.throughput', spec.rootVolume.throughput, 125);
  }
  checkNonEmptyString(report, 'iamInstanceProfile', spec.iamInstanceProfile);
  if (spec.subnetId !== undefined && !/^subnet-[0-9a-f]+$/.test(spec.subnetId)) {
    report({ path: 'subnetId', message: 'must be a subnet id', value: spec.subnetId, allowed: 'subnet- followed by hex digits' });
  }
}
