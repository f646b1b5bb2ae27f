/** Rendering of the AWSCluster spec and of AWSMachineTemplates. */
import { MachineRole } from '../../core/provider';
import { AWS_INSTANCE_PROFILES, AwsClusterSpec, AwsInstanceMetadataOptions, AwsLoadBalancerSpec, AwsMachineSpec, AwsVolumeSpec } from './spec';

export function renderAwsClusterSpec(spec: AwsClusterSpec): Record<string, unknown> {
  const net = spec.network ?? {};
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
    controlPlaneLoadBalancer: renderLoadBalancer(spec.controlPlaneLoadBalancer ?? {}),
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
    rootVolume: m.rootVolume ? renderVolume(m.rootVolume) : undefined,
    nonRootVolumes: m.nonRootVolumes && m.nonRootVolumes.length > 0 ? m.nonRootVolumes.map(v => ({ deviceName: v.deviceName, ...renderVolume(v) })) : undefined,
    instanceMetadataOptions: renderInstanceMetadata(m.instanceMetadataOptions ?? {}),
    spotMarketOptions: m.spotMarketOptions ? { maxPrice: m.spotMarketOptions.maxPrice } : undefined,
    iamInstanceProfile: m.iamInstanceProfile ?? (role === 'control-plane' ? AWS_INSTANCE_PROFILES.controlPlane : AWS_INSTANCE_PROFILES.nodes),
    sshKeyName: m.sshKeyName ?? cluster.sshKeyName,
    subnet: m.subnetId ? { id: m.subnetId } : undefined,
    publicIP: m.publicIP,
    additionalSecurityGroups: m.additionalSecurityGroupIds && m.additionalSecurityGroupIds.length > 0 ? m.additionalSecurityGroupIds.map(id => ({ id })) : undefined,
    additionalTags: nonEmpty(m.additionalTags),
  };
}

/**
 * CAPA's own cluster template's load balancer (templates/cluster-template.yaml: `nlb`, HTTPS
 * health check), not CAPA's webhook default (`classic`, which its webhook warns is deprecated).
 */
function renderLoadBalancer(lb: AwsLoadBalancerSpec): Record<string, unknown> {
  const type = lb.type ?? 'nlb';
  return { loadBalancerType: type, scheme: lb.scheme, healthCheckProtocol: lb.healthCheckProtocol ?? (type === 'nlb' ? 'HTTPS' : undefined) };
}

function renderVolume(v: AwsVolumeSpec): Record<string, unknown> {
  return { size: v.sizeGiB, type: v.type, encrypted: v.encrypted, iops: v.iops, throughput: v.throughput };
}

/** CAPA v2.11.1 api/v1beta2/types.go InstanceMetadataOptions.SetDefaults(), except httpTokens. */
const CAPA_IMDS_DEFAULTS: Required<AwsInstanceMetadataOptions> = {
  httpTokens: 'optional',
  httpEndpoint: 'enabled',
  httpPutResponseHopLimit: 1,
  httpProtocolIpv6: 'disabled',
  instanceMetadataTags: 'disabled',
};

/**
 * IMDSv2 by default. Only the settings that differ from CAPA's defaults are written, so a spelled
 * out CAPA default renders the template (and its hash) older versions rendered without it.
 */
function renderInstanceMetadata(options: AwsInstanceMetadataOptions): Record<string, unknown> | undefined {
  const wanted: AwsInstanceMetadataOptions = { ...options, httpTokens: options.httpTokens ?? 'required' };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(CAPA_IMDS_DEFAULTS) as (keyof AwsInstanceMetadataOptions)[]) {
    if (wanted[key] !== undefined && wanted[key] !== CAPA_IMDS_DEFAULTS[key]) out[key] = wanted[key];
  }
  return nonEmpty(out);
}

function nonEmpty<T extends object>(o: T | undefined): T | undefined {
  return o && Object.keys(o).length > 0 ? o : undefined;
}
