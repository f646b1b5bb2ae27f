/** Rendering of the AWSCluster spec and of AWSMachineTemplates. */
import { MachineRole } from '../../core/provider';
import { AWS_INSTANCE_PROFILES, AwsClusterSpec, AwsMachineSpec } from './spec';

export function renderAwsClusterSpec(spec: AwsClusterSpec): Record<string, unknown> {
  const net = spec.network ?? {};
  const lb = spec.controlPlaneLoadBalancer;
  let network: Record<string, unknown>;
  if (net.existing) {
    network = { vpc: { id: net.existing.vpcId }, subnets: net.existing.subnetIds.map(id => ({ id })) };
  } else {
    network = {
      vpc: {
        cidrBlock: net.managed?.vpcCidr ?? '10.0.0.0/16',
        availabilityZoneUsageLimit: net.managed?.availabilityZoneCount ?? 3,
      },
    };
  }
  return {
    region: spec.region,
    sshKeyName: spec.sshKeyName,
    network,
    controlPlaneLoadBalancer: lb && (lb.type || lb.scheme) ? { loadBalancerType: lb.type, scheme: lb.scheme } : undefined,
    additionalTags: nonEmpty(spec.additionalTags),
    identityRef: spec.identity ? { kind: spec.identity.kind, name: spec.identity.name } : undefined,
    imageLookupOrg: spec.imageLookup?.org,
    imageLookupBaseOS: spec.imageLookup?.baseOS,
    imageLookupFormat: spec.imageLookup?.format,
  };
}

export function renderAwsMachineSpec(spec: AwsMachineSpec | undefined, role: MachineRole, cluster: AwsClusterSpec): Record<string, unknown> {
  const m = spec ?? {};
  return {
    instanceType: m.instanceType ?? 't3.large',
    ami: m.amiId ? { id: m.amiId } : undefined,
    imageLookupOrg: m.imageLookup?.org,
    imageLookupBaseOS: m.imageLookup?.baseOS,
    imageLookupFormat: m.imageLookup?.format,
    rootVolume: m.rootVolume
      ? { size: m.rootVolume.sizeGiB, type: m.rootVolume.type, encrypted: m.rootVolume.encrypted, iops: m.rootVolume.iops, throughput: m.rootVolume.throughput }
      : undefined,
    iamInstanceProfile: m.iamInstanceProfile ?? (role === 'control-plane' ? AWS_INSTANCE_PROFILES.controlPlane : AWS_INSTANCE_PROFILES.nodes),
    sshKeyName: m.sshKeyName ?? cluster.sshKeyName,
    subnet: m.subnetId ? { id: m.subnetId } : undefined,
    publicIP: m.publicIP,
    additionalSecurityGroups: m.additionalSecurityGroupIds && m.additionalSecurityGroupIds.length > 0 ? m.additionalSecurityGroupIds.map(id => ({ id })) : undefined,
    additionalTags: nonEmpty(m.additionalTags),
  };
}

function nonEmpty<T extends object>(o: T | undefined): T | undefined {
  return o && Object.keys(o).length > 0 ? o : undefined;
}
