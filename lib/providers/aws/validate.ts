/** Rules for the AWS provider's sections: what CAPA or AWS would refuse or regret. */
import { isCidr } from '../../support/cidr';
import { checkEnum, checkInteger, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { ClusterNetworkBlock, MachineRole } from '../../core/provider';
import { AwsClusterSpec, AwsMachineSpec, AwsVolumeSpec } from './spec';

export const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'gp3', 'sc1', 'st1'];
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const OWNED_TAG = /^sigs\.k8s\.io\/cluster-api-provider-aws\/cluster\//;
const HEALTH_CHECK_PROTOCOLS = ['TCP', 'SSL', 'HTTP', 'HTTPS', 'TLS', 'UDP'];
const ENABLED_DISABLED = ['enabled', 'disabled'];

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
    // CAPA v2.11.1 api/v1beta2/network_types.go VPCSpec.AvailabilityZoneUsageLimit: minimum 1, no
    // maximum (CAPA uses at most the zones the region has).
    checkInteger(report, 'network.managed.availabilityZoneCount', net.managed.availabilityZoneCount, 1);
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
  // CAPA v2.11.1 api/v1beta2/awscluster_types.go AWSLoadBalancerSpec.HealthCheckProtocol (CRD enum).
  checkEnum(report, 'controlPlaneLoadBalancer.healthCheckProtocol', lb.healthCheckProtocol, HEALTH_CHECK_PROTOCOLS, 'health check protocol');
  // Stricter than CAPA, which accepts both: an ALB terminates HTTP(S), and CAPA v2.11.1
  // pkg/cloud/services/elb/loadbalancer.go createLB() creates `elb` as a gateway load balancer
  // (GENEVE on port 6081); neither passes the API server's TLS through.
  if (lb.type === 'alb') {
    report({ path: 'controlPlaneLoadBalancer.type', message: 'an application load balancer cannot carry the API server (TLS passthrough on 6443 needs layer 4)', value: lb.type, allowed: 'nlb, classic, disabled', fix: "use 'nlb'" });
  }
  if (lb.type === 'elb') {
    report({ path: 'controlPlaneLoadBalancer.type', message: "CAPA creates 'elb' as a gateway load balancer, which cannot carry the API server (it forwards GENEVE traffic to appliances)", value: lb.type, allowed: 'nlb, classic, disabled', fix: "use 'nlb'" });
  }
  // CAPA v2.11.1 webhooks/awscluster_webhook.go validateControlPlaneLBs(): a disabled load balancer takes no health check.
  if (lb.type === 'disabled' && lb.healthCheckProtocol !== undefined) {
    report({ path: 'controlPlaneLoadBalancer.healthCheckProtocol', message: 'healthcheck protocol cannot be set if the LoadBalancer reconciliation is disabled', value: lb.healthCheckProtocol, fix: 'remove healthCheckProtocol or choose another load balancer type' });
  }
  // Stricter than CAPA's CRD enum: AWS refuses the other protocols for health checks when CAPA
  // creates the load balancer (ELBv2 target groups: TLS and UDP are not health check protocols,
  // SSL is classic only; a classic ELB health check target is TCP, SSL, HTTP or HTTPS).
  const checkable = (lb.type ?? 'nlb') === 'classic' ? ['TCP', 'SSL', 'HTTP', 'HTTPS'] : ['TCP', 'HTTP', 'HTTPS'];
  if (lb.type !== 'disabled' && lb.healthCheckProtocol !== undefined && HEALTH_CHECK_PROTOCOLS.includes(lb.healthCheckProtocol) && !checkable.includes(lb.healthCheckProtocol)) {
    report({ path: 'controlPlaneLoadBalancer.healthCheckProtocol', message: `AWS cannot health-check the API server over ${lb.healthCheckProtocol} on a ${lb.type === 'classic' ? 'classic' : 'network'} load balancer: CAPA would fail to create it`, value: lb.healthCheckProtocol, allowed: checkable.join(', '), fix: "use 'HTTPS' (the API server's /readyz) or 'TCP'" });
  }
  checkSshKeyName(report, 'sshKeyName', spec.sshKeyName);
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
  checkTags(report, 'additionalTags', spec.additionalTags);
}

/**
 * The library renders no IPv6 VPC (CAPA's `spec.network.vpc.ipv6`), and CAPA v2.11.1 does not
 * migrate a VPC to IPv6 in place (docs/book/src/topics/ipv6-enabled-cluster.md): IPv6 pods or
 * services would get addresses the VPC cannot route.
 */
export function validateAwsClusterNetwork(_spec: AwsClusterSpec, blocks: readonly ClusterNetworkBlock[], report: IssueSink): void {
  for (const b of blocks) {
    if (b.family === 'ipv6') {
      report({ path: b.path, message: 'IPv6 and dual-stack pod or service networks need an IPv6 VPC, which the AWS provider does not set up: the VPC could not route these addresses', value: b.cidr, allowed: 'IPv4 blocks', fix: 'use IPv4 blocks only on AWS' });
    }
  }
}

// CAPA v2.11.1 webhooks/sshkeyname.go validateSSHKeyName(): `^[[:graph:]]+([[:print:]]*[[:graph:]]+)*$`,
// the empty string allowed. Written without nested quantifiers (Go's regexp is linear, JavaScript's backtracks).
const SSH_KEY_NAME = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function checkSshKeyName(report: IssueSink, path: string, name: string | undefined): void {
  if (name === undefined || name === '' || typeof name !== 'string') return;
  if (!SSH_KEY_NAME.test(name)) {
    report({ path, message: 'the key pair name must be printable ASCII and must not start or end with a space (CAPA refuses it)', value: name, allowed: 'printable ASCII characters, no surrounding spaces', fix: 'use the EC2 key pair name as it is, or "" for none' });
  }
}

// CAPA v2.11.1 api/v1beta2/tags.go Tags.Validate(): run by the AWSCluster webhook (ValidateCreate,
// ValidateUpdate) and the AWSMachineTemplate webhook (ValidateCreate). Go's `\s` is ASCII only.
const TAG_CHARACTERS = /^[a-zA-Z0-9\t\n\f\r _.:=+\-@/]*$/;
const TAG_CHARACTERS_ALLOWED = 'letters, digits, spaces and _ . : / = + - @';
const MAX_TAGS = 50;

function checkTags(report: IssueSink, path: string, tags: Record<string, string> | undefined): void {
  if (!tags) return;
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  const keys = Object.keys(tags);
  for (const key of keys) {
    const value = tags[key];
    const at = key === '' ? path : `${path}.${key}`;
    if (key === '') report({ path: at, message: 'a tag key cannot be empty', value: key, fix: 'remove the empty key' });
    if (bytes(key) > 128) report({ path: at, message: `the tag key has ${bytes(key)} characters; AWS allows at most 128`, value: key, fix: 'shorten the key' });
    if (typeof value === 'string' && bytes(value) > 256) report({ path: at, message: `the tag value has ${bytes(value)} characters; AWS allows at most 256`, value, fix: 'shorten the value' });
    if (key.startsWith('aws:')) report({ path: at, message: 'the aws: prefix is reserved for tags AWS creates', value: key, fix: 'choose a key without the aws: prefix' });
    if (!TAG_CHARACTERS.test(key)) report({ path: at, message: `the tag key may only have ${TAG_CHARACTERS_ALLOWED}`, value: key, allowed: TAG_CHARACTERS_ALLOWED, fix: 'remove the other characters from the key' });
    if (typeof value === 'string' && !TAG_CHARACTERS.test(value)) report({ path: at, message: `the tag value may only have ${TAG_CHARACTERS_ALLOWED}`, value, allowed: TAG_CHARACTERS_ALLOWED, fix: 'remove the other characters from the value' });
  }
  if (keys.length > MAX_TAGS) {
    report({ path, message: `${keys.length} tags; AWS allows at most ${MAX_TAGS} user tags on a resource`, value: keys.length, allowed: `at most ${MAX_TAGS}`, fix: 'remove tags' });
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
  // Stricter than CAPA, which takes the AMI id and ignores the lookup without a word
  // (pkg/cloud/services/ec2/instances.go CreateInstance()): nothing written is silently dropped.
  if (spec.amiId !== undefined && spec.imageLookup !== undefined) {
    report({ path: 'imageLookup', message: 'amiId and imageLookup are mutually exclusive', fix: 'keep only one' });
  }
  if (spec.rootVolume) checkVolume(report, 'rootVolume', spec.rootVolume, true);
  const devices = new Set<string>();
  (spec.nonRootVolumes ?? []).forEach((volume, i) => {
    const at = `nonRootVolumes[${i}]`;
    checkVolume(report, at, volume, false);
    // CAPA v2.11.1 webhooks/awsmachinetemplate_webhook.go validateNonRootVolumes().
    if (typeof volume.deviceName !== 'string' || volume.deviceName === '') {
      report({ path: `${at}.deviceName`, message: 'non root volume should have device name', value: volume.deviceName, allowed: 'e.g. /dev/sdb', fix: 'name the device the volume is attached at' });
    } else if (devices.has(volume.deviceName)) {
      // Stricter than CAPA: EC2 refuses two volumes at one device name when it launches the instance.
      report({ path: `${at}.deviceName`, message: 'another volume uses this device name: EC2 refuses to launch the instance', value: volume.deviceName, fix: 'give each volume its own device name' });
    }
    devices.add(volume.deviceName);
  });
  const imds = spec.instanceMetadataOptions;
  if (imds) {
    // CAPA v2.11.1 api/v1beta2/types.go InstanceMetadataOptions (CRD enums and bounds).
    checkEnum(report, 'instanceMetadataOptions.httpTokens', imds.httpTokens, ['required', 'optional'], 'httpTokens value');
    checkEnum(report, 'instanceMetadataOptions.httpEndpoint', imds.httpEndpoint, ENABLED_DISABLED, 'httpEndpoint value');
    checkEnum(report, 'instanceMetadataOptions.httpProtocolIpv6', imds.httpProtocolIpv6, ENABLED_DISABLED, 'httpProtocolIpv6 value');
    checkEnum(report, 'instanceMetadataOptions.instanceMetadataTags', imds.instanceMetadataTags, ENABLED_DISABLED, 'instanceMetadataTags value');
    checkInteger(report, 'instanceMetadataOptions.httpPutResponseHopLimit', imds.httpPutResponseHopLimit, 1, 64);
    // Stricter than CAPA: cloud-init reads the bootstrap data (EC2 user data) and the node name
    // (`{{ ds.meta_data.local_hostname }}`) from the metadata service, so without it no machine joins.
    if (imds.httpEndpoint === 'disabled') {
      report({ path: 'instanceMetadataOptions.httpEndpoint', message: 'cloud-init reads the bootstrap data and the node name from the instance metadata service: with it disabled the machine never joins the cluster', value: imds.httpEndpoint, allowed: 'enabled', fix: "keep httpEndpoint 'enabled' (httpTokens: 'required' already limits it to IMDSv2)" });
    }
  }
  // CAPA v2.11.1 api/v1beta2/types.go SpotMarketOptions.MaxPrice documents `^[0-9]+(\.[0-9]+)?$`; the
  // marker is spelled `pattern` (not `Pattern`), so the CRD does not enforce it and EC2 refuses the
  // price only when CAPA launches the instance: stricter than the CRD, as CAPA intends.
  const maxPrice = spec.spotMarketOptions?.maxPrice;
  if (maxPrice !== undefined && (typeof maxPrice !== 'string' || !/^[0-9]+(\.[0-9]+)?$/.test(maxPrice))) {
    report({ path: 'spotMarketOptions.maxPrice', message: 'must be a price in USD written as a decimal number', value: maxPrice, allowed: 'e.g. 0.05', fix: 'write the price as digits with an optional decimal point, or leave it out for the on-demand price' });
  }
  checkNonEmptyString(report, 'iamInstanceProfile', spec.iamInstanceProfile);
  checkSshKeyName(report, 'sshKeyName', spec.sshKeyName);
  if (spec.subnetId !== undefined && !/^subnet-[0-9a-f]+$/.test(spec.subnetId)) {
    report({ path: 'subnetId', message: 'must be a subnet id', value: spec.subnetId, allowed: 'subnet- followed by hex digits' });
  }
  checkTags(report, 'additionalTags', spec.additionalTags);
}

const PROVISIONED_IOPS = ['io1', 'io2'];

/** One EBS volume, root or not. */
function checkVolume(report: IssueSink, path: string, volume: AwsVolumeSpec, root: boolean): void {
  // The size bounds: CAPA v2.11.1 api/v1beta2/types.go Volume.Size (minimum 8); the maximum is EBS's 64 TiB.
  checkInteger(report, `${path}.sizeGiB`, volume.sizeGiB, 8, 65536, 'AWS and CAPA need at least 8 GiB');
  checkEnum(report, `${path}.type`, volume.type, VOLUME_TYPES, 'EBS volume type');
  // Non-negative integers: CAPA's webhooks leave negative IOPS to EC2, which refuses them.
  checkInteger(report, `${path}.iops`, volume.iops, 0);
  // CAPA v2.11.1 webhooks/awsmachinetemplate_webhook.go validateRootVolume() / validateNonRootVolumes():
  // io1 and io2 need IOPS (0 means unset), and throughput is only for gp3.
  if (volume.type !== undefined && PROVISIONED_IOPS.includes(volume.type) && !volume.iops) {
    report({ path: `${path}.iops`, message: "iops required if type is 'io1' or 'io2'", value: volume.iops, fix: 'set the provisioned IOPS of the volume' });
  }
  if (volume.throughput === undefined) return;
  if (volume.type !== 'gp3') {
    report({ path: `${path}.throughput`, message: "throughput is valid only for type 'gp3'", value: volume.throughput, fix: "remove throughput or use type 'gp3'" });
  }
  if (root) {
    // CAPA v2.11.1 webhooks/awsmachine_webhook.go validateRootVolume(): every AWSMachine created
    // from the template passes this check, so a template outside it creates no machine.
    checkInteger(report, `${path}.throughput`, volume.throughput, 125, 2000, 'gp3 throughput is 125 to 2000 MiB/s');
  } else {
    // CAPA v2.11.1 webhooks/awsmachinetemplate_webhook.go validateNonRootVolumes(): nonnegative.
    checkInteger(report, `${path}.throughput`, volume.throughput, 0);
  }
}
