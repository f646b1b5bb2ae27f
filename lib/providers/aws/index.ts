/**
 * The AWS provider (Cluster API Provider AWS, CAPA v2.11.1): AWSCluster and AWSMachineTemplate,
 * served at `infrastructure.cluster.x-k8s.io/v1beta2`, plus its cluster-scoped identities.
 */
import { API } from '../../capi';
import { InfrastructureProvider } from '../../core/provider';
import { listOf, objectOf } from '../../support/shape';
import { awsAddons } from './addons';
import { renderAwsClusterSpec, renderAwsMachineSpec } from './render';
import { AwsClusterSpec, AwsMachineSpec } from './spec';
import { validateAwsCluster, validateAwsClusterNetwork, validateAwsMachine } from './validate';

export * from './spec';
export * from './identities';

declare module '../../core/spec/provider-sections' {
  interface InfrastructureSpec {
    /** Cluster API Provider AWS (CAPA v2.11). */
    readonly aws?: AwsClusterSpec;
  }
  interface MachineSpec {
    /** AWS machine settings (AWSMachineTemplate). @default - t3.large, CAPA's default image lookup */
    readonly aws?: AwsMachineSpec;
  }
}

const DEFAULT_VPC_CIDR = '10.0.0.0/16';
const imageLookup = objectOf({ org: 'string', baseOS: 'string', format: 'string' });
const volume = { sizeGiB: 'number', type: 'string', encrypted: 'boolean', iops: 'number', throughput: 'number' } as const;

const LB_TYPE = 'spec.controlPlaneLoadBalancer.loadBalancerType';
const IDENTITY_REMOVED =
  "CAPA's defaulting webhook puts AWSClusterControllerIdentity/default in its place (the validating webhook refuses an empty one), so CAPA manages the cluster's AWS resources with the controller's own credentials from then on";
const LB_TYPE_CHANGED =
  "CAPA does not move a running cluster to another load balancer: the control-plane endpoint (the old load balancer's DNS name, in every kubeconfig and certificate) cannot change once set";

/** CAPA compares the endpoint with the empty APIEndpoint: set means a host or a port. */
function isSetEndpoint(value: unknown): boolean {
  const e = (value ?? {}) as { host?: unknown; port?: unknown };
  return (e.host !== undefined && e.host !== '') || (e.port !== undefined && e.port !== 0);
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

export const awsProvider: InfrastructureProvider<AwsClusterSpec, AwsMachineSpec> = {
  id: 'aws',
  operatorName: 'aws',
  apiVersion: API.infrastructure.version,
  clusterKind: 'AWSCluster',
  machineTemplateKind: 'AWSMachineTemplate',
  // CAPA v2.11.1 serves AWSClusterTemplate (config/crd infrastructure.cluster.x-k8s.io_awsclustertemplates.yaml); its webhook rejects any change to its spec ("AWSClusterTemplate.Spec is immutable", webhooks/awsclustertemplate_webhook.go).
  // Its cluster section renders the same for every cluster, so one template serves a class.
  clusterTemplateKind: 'AWSClusterTemplate',
  clusterShape: {
    region: 'string',
    sshKeyName: 'string',
    network: objectOf({
      managed: objectOf({ vpcCidr: 'string', availabilityZoneCount: 'number' }),
      existing: objectOf({ vpcId: 'string', subnetIds: listOf('string') }),
    }),
    controlPlaneLoadBalancer: objectOf({ type: 'string', scheme: 'string', healthCheckProtocol: 'string' }),
    additionalTags: 'stringMap',
    identity: objectOf({ kind: 'string', name: 'string' }),
    imageLookup,
  },
  machineShape: {
    instanceType: 'string', amiId: 'string', imageLookup,
    rootVolume: objectOf(volume),
    nonRootVolumes: listOf(objectOf({ deviceName: 'string', ...volume })),
    instanceMetadataOptions: objectOf({
      httpTokens: 'string', httpEndpoint: 'string', httpPutResponseHopLimit: 'number', httpProtocolIpv6: 'string', instanceMetadataTags: 'string',
    }),
    spotMarketOptions: objectOf({ maxPrice: 'string' }),
    iamInstanceProfile: 'string', sshKeyName: 'string', subnetId: 'string', publicIP: 'boolean',
    additionalSecurityGroupIds: listOf('string'), additionalTags: 'stringMap',
  },
  // As CAPA's cluster templates: the in-tree AWS cloud provider is gone, so kubelets and the
  // controller manager run with an external cloud provider, and nodes take the EC2 host name.
  // CAPA's AWSMachineTemplate controller fills status.capacity (cpu, memory) from EC2
  // DescribeInstanceTypes (cluster-api-provider-aws v2.11.1 controllers/awsmachinetemplate_controller.go
  // Reconcile(), getInstanceTypeCapacity()); GPUs are not reported.
  reportsMachineCapacity: true,
  kubeadmDefaults: {
    kubeletExtraArgs: { 'cloud-provider': 'external' },
    controllerManagerExtraArgs: { 'cloud-provider': 'external' },
    nodeName: '{{ ds.meta_data.local_hostname }}',
    // As CAPA's own templates (cluster-api-provider-aws v2.11.1 templates/cluster-template.yaml).
    required: {
      flags: ['cloud-provider'],
      why: "CAPA machines run with the external AWS cloud controller manager, which sets each node's providerID; without it Machines never get a nodeRef",
    },
  },
  plan: {
    // CAPA v2.11.1 webhooks/awscluster_webhook.go ValidateUpdate() and
    // validateControlPlaneLoadBalancerUpdate(), exactly what they refuse; the type change between
    // the load balancers other than `disabled` passes the webhook but not a running cluster.
    immutableFields: {
      AWSCluster: [
        'spec.region',
        { path: 'spec.network.vpc.id', when: c => c.setBefore, rule: 'cannot change once set' },
        { path: 'spec.controlPlaneEndpoint', when: c => isSetEndpoint(c.before), rule: 'cannot change once set' },
        { path: 'spec.identityRef', when: c => c.setBefore && !c.setAfter, accepted: IDENTITY_REMOVED, fix: 'keep the identityRef' },
        { path: LB_TYPE, when: c => (c.before === 'disabled') !== (c.after === 'disabled'), rule: 'cannot change to or from disabled' },
        { path: LB_TYPE, when: c => c.before !== 'disabled' && c.after !== 'disabled', accepted: LB_TYPE_CHANGED },
        'spec.controlPlaneLoadBalancer.scheme',
        'spec.controlPlaneLoadBalancer.name',
        // Refused unless the old load balancer is classic.
        { path: 'spec.controlPlaneLoadBalancer.healthCheckProtocol', when: c => c.valueBefore(LB_TYPE) !== 'classic' },
        'spec.controlPlaneLoadBalancer.targetGroupIPType',
      ],
    },
    // CAPA v2.11.1 api/v1beta2/defaults.go SetDefaults_AWSClusterSpec() (identityRef, the control
    // plane load balancer with its type and scheme) and the CRD defaults of AWSLoadBalancerSpec
    // (api/v1beta2/awscluster_types.go). The health check protocol has no stored default.
    serverDefaults: {
      AWSCluster: {
        'spec.identityRef': { kind: 'AWSClusterControllerIdentity', name: 'default' },
        [LB_TYPE]: 'classic',
        'spec.controlPlaneLoadBalancer.scheme': 'internet-facing',
      },
    },
  },
  addons: awsAddons,
  // The network ids and the identity name only go into the AWSCluster, never into a template,
  // so they may be late-bound (e.g. the outputs of Pulumi's CapaNetwork).
  inputLeaves: [
    { path: 'network.existing.vpcId', placeholder: n => `vpc-00c0ffee${hex8(n)}` },
    { path: 'network.existing.subnetIds', placeholder: n => `subnet-00c0ffee${hex8(n)}`, listItems: true },
    { path: 'identity.name', placeholder: n => `pulumi-input-${hex8(n)}` },
  ],
  validateCluster: validateAwsCluster,
  validateMachine: validateAwsMachine,
  validateClusterNetwork: validateAwsClusterNetwork,
  nodeNetworks(spec) {
    const net = spec.network;
    const cidr = net?.managed?.vpcCidr ?? (net?.existing ? undefined : DEFAULT_VPC_CIDR);
    return cidr ? [{ cidr, description: 'the VPC' }] : [];
  },
  failureDomainProblem(spec, name) {
    // CAPA's failure domains are the region's availability zones (eu-west-1a) and its local or
    // wavelength zones (us-west-2-lax-1a), all named after the region.
    if (typeof spec.region !== 'string' || new RegExp(`^${spec.region.replace(/[^a-z0-9-]/g, '')}(-[a-z0-9-]+)?[a-z]$`).test(name)) return undefined;
    return { message: `is not an availability zone of the cluster's region ${spec.region}`, allowed: `${spec.region}a, ${spec.region}b, ...`, fix: `use a zone of ${spec.region}, e.g. ${spec.region}a` };
  },
  renderClusterSpec: renderAwsClusterSpec,
  renderMachineSpec: renderAwsMachineSpec,
};
