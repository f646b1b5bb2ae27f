/**
 * Dev-only (tests, scripts, bench): never imported by lib/.
 * fast-check arbitraries over cluster specs, shared by the property tests and by the
 * conformance corpus (`scripts/corpus.ts`).
 *
 * - `validClusterSpec` only produces specs the core must accept, with every optional feature
 *   switched on at random (both providers, pools, health checks, files, users, taints, pins...).
 * - `mutatedClusterSpec` takes such a spec and replaces a few values anywhere in it (leaves and
 *   whole sections) by hostile ones: wrong types, null, NaN, huge or negative numbers, empty
 *   and oversized strings, unicode, YAML-special strings. The result may or may not be valid.
 */
import fc from 'fast-check';
import { AddonSpec, ManagedClusterSpec, WorkerPoolSpec } from '../lib';
import { poolDeployments } from '../lib/core/pool-spread';

/** The seed every property and the corpus use; a failure message prints it. */
export const SEED = 20261121;

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const alnum = fc.constantFrom(...ALNUM);
const dnsChar = fc.constantFrom(...ALNUM, '-');

/** A DNS-1123 label of 1..max characters. */
export function dnsLabel(max: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ unit: alnum, minLength: 1, maxLength: 1 }),
    fc.tuple(alnum, fc.string({ unit: dnsChar, maxLength: Math.max(0, max - 2) }), alnum).map(([a, mid, b]) => `${a}${mid}${b}`),
  );
}

const labelValue = fc.oneof(
  fc.constant(''),
  fc.tuple(fc.constantFrom(...ALNUM, ...'ABCXYZ'.split('')), fc.string({ unit: fc.constantFrom(...ALNUM, '-', '_', '.', 'Q'), maxLength: 20 }), alnum)
    .map(([a, mid, b]) => `${a}${mid}${b}`),
  // Valid label values that YAML 1.1 would read as something else unless quoted.
  fc.constantFrom('yes', 'no', 'on', 'off', 'true', 'false', 'null', 'y', 'n', '0644', '1e3', '012', '1_000', '0x1f', '1.5', '12345'),
);
const labelKey = fc.constantFrom('team', 'example.com/env', 'example.com/tier', 'app.example.org/owner', 'cost-center', 'a.b.c/d_e.f');
const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });

/** Free text: annotations, file contents, commands. Unicode, YAML specials, colons, newlines. */
export const freeText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
  fc.constantFrom(
    'yes', 'no', 'on', 'off', 'null', '~', '0644', '1e3', 'true', 'False', '- item', 'key: value', 'a: b: c', '*alias', '&anchor', '!tag', '|', '>',
    '#comment', '%YAML 1.1', '---', '...', '@at', '`tick`', '"double"', "'single'", '{ flow: map }', '[1, 2]', 'line one\nline two', 'trailing space ',
    ' leading space', '\ttab', 'tab\there', 'crlf\r\nline', '2026-11-21', '12:30:00', '0o17', '.inf', '-.nan', 'échec ✓ 日本語 🚀', '\u00a0nbsp', 'a\u2028b',
  ),
);
const nonBlankText = freeText.filter(s => s.trim().length > 0);

const flagName = fc.constantFrom('v', 'audit-log-maxage', 'feature-gates', 'max-pods', 'node.ip', 'profiling');
const flagValue = fc.oneof(fc.constantFrom('true', 'false', 'on', 'yes', '0644', '2', 'a=b,c=d', 'x: y'), fc.string({ maxLength: 20 }));
const flags = fc.dictionary(flagName, flagValue, { maxKeys: 3 });

const secretRef = fc.record({ name: dnsLabel(20), key: fc.constantFrom('value', 'key.pem', 'pass_word', 'a-b') });

const file = fc.oneof(
  fc.record({
    path: fc.constantFrom('/etc/a.conf', '/etc/kubernetes/x.yaml', '/opt/script.sh', '/root/.ssh/config'),
    content: nonBlankText,
    permissions: fc.option(fc.constantFrom('0644', '0600', '644', '0755', '0400'), { nil: undefined }),
    owner: fc.option(fc.constantFrom('root:root', 'nobody:nogroup'), { nil: undefined }),
    encoding: fc.option(fc.constantFrom('base64' as const, 'gzip' as const, 'gzip+base64' as const), { nil: undefined }),
    append: fc.option(fc.boolean(), { nil: undefined }),
  }, { requiredKeys: ['path', 'content'] }),
  fc.record({ path: fc.constantFrom('/etc/secret.pem', '/etc/token'), contentFromSecret: secretRef, permissions: fc.option(fc.constant('0600'), { nil: undefined }) }, { requiredKeys: ['path', 'contentFromSecret'] }),
);
/** Files with distinct paths (CAPI refuses two files on one path, with append too). */
const files = fc.uniqueArray(file, { maxLength: 3, selector: f => f.path });

const user = fc.record({
  name: dnsLabel(12),
  sshAuthorizedKeys: fc.option(fc.array(fc.constantFrom('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@host', 'ssh-rsa AAAAB3Nza yes'), { minLength: 1, maxLength: 2 }), { nil: undefined }),
  sudo: fc.option(fc.constant('ALL=(ALL) NOPASSWD:ALL'), { nil: undefined }),
  shell: fc.option(fc.constantFrom('/bin/bash', '/bin/sh'), { nil: undefined }),
  groups: fc.option(fc.constantFrom('wheel', 'docker, adm'), { nil: undefined }),
  passwordFromSecret: fc.option(secretRef, { nil: undefined }),
  lockPassword: fc.option(fc.boolean(), { nil: undefined }),
}, { requiredKeys: ['name'] });

const commands = fc.array(nonBlankText, { maxLength: 3 });

const kubeadmCommon = fc.record({
  files,
  preKubeadmCommands: commands,
  postKubeadmCommands: commands,
  users: fc.uniqueArray(user, { maxLength: 2, selector: u => u.name }),
  ntpServers: fc.array(fc.constantFrom('pool.ntp.org', '169.254.169.123', 'time.example.com'), { maxLength: 2 }),
  kubeletExtraArgs: flags,
}, { requiredKeys: [] });

const taintEffect = fc.constantFrom('NoSchedule' as const, 'PreferNoSchedule' as const, 'NoExecute' as const);
const taints = fc.uniqueArray(
  fc.record({ key: fc.constantFrom('dedicated', 'example.com/gpu', 'special'), value: fc.option(labelValue, { nil: undefined }), effect: taintEffect }, { requiredKeys: ['key', 'effect'] }),
  { maxLength: 3, selector: t => `${t.key}:${t.effect}` },
);

const rfc3339 = fc.constantFrom('2026-11-21T00:00:00Z', '2027-01-02T03:04:05+01:00', '2026-12-31T23:59:59.5Z');
const intOrPercent = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('0%', '25%', '100%'));

const healthCheck = fc.record({
  unhealthyNodeConditions: fc.array(
    fc.record({ type: fc.constantFrom('Ready', 'DiskPressure', 'example.com/Custom'), status: fc.constantFrom('False', 'Unknown', 'True'), timeoutSeconds: fc.integer({ min: 0, max: 3600 }) }),
    { minLength: 1, maxLength: 3 },
  ),
  unhealthyMachineConditions: fc.array(
    fc.record({ type: fc.constantFrom('DiskPressure', 'example.com/GPUHealthy'), status: fc.constantFrom('False' as const, 'Unknown' as const, 'True' as const), timeoutSeconds: fc.integer({ min: 0, max: 3600 }) }),
    { minLength: 1, maxLength: 2 },
  ),
  nodeStartupTimeoutSeconds: fc.oneof(fc.constant(0), fc.integer({ min: 30, max: 7200 })),
  limit: fc.oneof(fc.constant({}), fc.record({ maxUnhealthy: intOrPercent }), fc.constantFrom({ unhealthyRange: '[1-3]' }, { unhealthyRange: '[0-10]' })),
}, { requiredKeys: ['limit'] }).map(({ limit, ...rest }) => ({ ...rest, ...limit }));

/** kubeadm extraVolumes of one component: distinct names and mount paths. */
const extraVolumes = fc.uniqueArray(
  fc.record({
    name: fc.constantFrom('audit-policy', 'audit-log', 'cloud-config'),
    hostPath: fc.constantFrom('/etc/kubernetes/audit', '/var/log/kubernetes', '/etc/cloud'),
    mountPath: fc.constantFrom('/etc/kubernetes/audit', '/var/log/kubernetes', '/etc/cloud'),
    readOnly: fc.boolean(),
    pathType: fc.constantFrom('DirectoryOrCreate' as const, 'Directory' as const),
  }, { requiredKeys: ['name', 'hostPath', 'mountPath'] }),
  { minLength: 1, maxLength: 2, selector: v => v.name },
).filter(vs => new Set(vs.map(v => v.mountPath)).size === vs.length);

const localEtcd = fc.record({
  dataDir: fc.constantFrom('/var/lib/etcd', '/mnt/etcd'),
  extraArgs: flags,
  imageRepository: fc.constantFrom('registry.k8s.io', 'registry.example.com:5000/k8s'),
  imageTag: fc.constantFrom('3.6.4-0', '3.5.21-0'),
}, { requiredKeys: [] });

const machineNaming = (variable: string) => fc.constantFrom('{{ .random }}', `{{ .cluster.name }}-{{ .random }}`, `{{ ${variable} }}-x-{{ .random }}`).map(template => ({ template }));

const deletion = fc.record({
  nodeDrainTimeoutSeconds: fc.integer({ min: 0, max: 86400 }),
  nodeVolumeDetachTimeoutSeconds: fc.integer({ min: 0, max: 86400 }),
  nodeDeletionTimeoutSeconds: fc.integer({ min: 0, max: 86400 }),
}, { requiredKeys: [] });

const VERSIONS = { oldest: 31, newest: 36 };
const version = fc.tuple(fc.integer({ min: VERSIONS.oldest, max: VERSIONS.newest }), fc.integer({ min: 0, max: 12 }));

/** Values in CAPA's tag character set (api/v1beta2/tags.go). */
const awsTagValue = fc.stringMatching(/^[a-zA-Z0-9 _.:=+\-@/]{0,40}$/);

/** An EBS volume as CAPA's webhooks accept it: IOPS for io1/io2, throughput only for gp3. */
function awsVolume(root: boolean) {
  return fc.record({
    sizeGiB: fc.integer({ min: 8, max: 2000 }),
    type: fc.constantFrom('gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1', 'standard'),
    encrypted: fc.boolean(),
    iops: fc.integer({ min: 100, max: 16000 }),
    throughput: fc.integer({ min: root ? 125 : 0, max: 1000 }),
  }, { requiredKeys: ['sizeGiB', 'type'] }).map(({ iops, throughput, ...v }) => ({
    ...v,
    ...(['io1', 'io2'].includes(v.type) ? { iops: iops ?? 3000 } : iops !== undefined ? { iops } : {}),
    ...(v.type === 'gp3' && throughput !== undefined ? { throughput } : {}),
  }));
}

const awsMachine = fc.record({
  instanceType: fc.constantFrom('t3.large', 'm6i.xlarge', 'c7g.2xlarge', 'g5.xlarge'),
  lookup: fc.oneof(
    fc.constant({}),
    fc.constantFrom({ amiId: 'ami-0123456789abcdef0' }, { imageLookup: { org: '258751437250', baseOS: 'ubuntu-24.04', format: 'capa-ami-{{.BaseOS}}-?{{.K8sVersion}}-*' } }),
  ),
  rootVolume: awsVolume(true),
  nonRootVolumes: fc.uniqueArray(fc.constantFrom('/dev/sdb', '/dev/sdc', '/dev/xvdf'), { minLength: 1, maxLength: 2 })
    .chain(names => fc.tuple(...names.map(deviceName => awsVolume(false).map(v => ({ deviceName, ...v }))))),
  instanceMetadataOptions: fc.record({
    httpTokens: fc.constantFrom('required' as const, 'optional' as const),
    httpEndpoint: fc.constant('enabled' as const),
    httpPutResponseHopLimit: fc.integer({ min: 1, max: 64 }),
    instanceMetadataTags: fc.constantFrom('enabled' as const, 'disabled' as const),
  }, { requiredKeys: [] }),
  spotMarketOptions: fc.oneof(fc.constant({}), fc.record({ maxPrice: fc.constantFrom('0.05', '1', '12.5') })),
  iamInstanceProfile: fc.constantFrom('nodes.cluster-api-provider-aws.sigs.k8s.io', 'custom-profile'),
  sshKeyName: fc.constantFrom('ops', ''),
  subnetId: fc.constantFrom('subnet-0a1b2c3d', 'subnet-ffff0000'),
  publicIP: fc.boolean(),
  additionalSecurityGroupIds: fc.array(fc.constantFrom('sg-0123abcd', 'sg-0456ef01'), { minLength: 1, maxLength: 2 }).map(a => [...new Set(a)]),
  additionalTags: fc.dictionary(fc.constantFrom('Owner', 'CostCenter', 'example.com/x'), awsTagValue, { maxKeys: 2 }),
}, { requiredKeys: ['lookup'] }).map(({ lookup, ...rest }) => ({ ...rest, ...lookup }));

const devMachine = fc.record({
  customImage: fc.constantFrom('kindest/node:v1.34.0', 'registry.example.com/node:custom'),
  extraMounts: fc.array(fc.record({ containerPath: fc.constantFrom('/var/lib/x', '/data'), hostPath: fc.constantFrom('/tmp/x', '/srv'), readOnly: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['containerPath', 'hostPath'] }), { maxLength: 2 }),
  preLoadImages: fc.array(fc.constantFrom('nginx:1.27', 'registry.example.com/app:yes'), { maxLength: 2 }),
}, { requiredKeys: [] });

const vsphereMachine = fc.record({
  numCPUs: fc.integer({ min: 2, max: 64 }),
  memoryMiB: fc.constantFrom(4096, 8192, 32768),
  cloneMode: fc.constantFrom('fullClone' as const, 'linkedClone' as const),
  datastore: fc.constantFrom('ds-1', 'fast-ssd'),
  network: fc.constant({ devices: [{ networkName: 'k8s-ipam', addressesFromPools: [{ apiGroup: 'ipam.cluster.x-k8s.io', kind: 'InClusterIPPool', name: 'nodes' }] }] }),
}, { requiredKeys: [] }).map(m => (m.cloneMode === 'linkedClone' ? m : { ...m, diskGiB: 40 }));

const vsphereCluster = fc.record({
  server: fc.constantFrom('vcenter.example.com', '10.1.0.5'),
  thumbprint: fc.constant('5A:3B:71:0C:9E:44:12:8D:F0:6B:2A:91:C3:77:E5:08:1D:BA:4F:66'),
  identity: fc.record({ kind: fc.constantFrom('VSphereClusterIdentity' as const, 'Secret' as const), name: dnsLabel(20) }),
  controlPlaneEndpoint: fc.oneof(
    fc.record({ kubeVip: fc.record({ address: fc.constantFrom('10.1.0.10', 'fd00::10', 'api.example.com'), interface: fc.constant('ens192') }, { requiredKeys: ['address'] }) }),
    fc.record({ external: fc.record({ host: fc.constantFrom('api.example.com', '10.1.0.11'), port: fc.constantFrom(6443, 443) }, { requiredKeys: ['host'] }) }),
  ),
  deploymentZones: fc.uniqueArray(fc.constantFrom('zone-a', 'zone-b', 'zone-c'), { maxLength: 3 }),
  template: fc.constantFrom('ubuntu-2404-kube', 'vm-42'),
  datacenter: fc.constantFrom('dc-1', '/dc-1'),
  network: fc.constant({ devices: [{ networkName: 'VM Network' }] }),
}, { requiredKeys: ['server', 'thumbprint', 'controlPlaneEndpoint', 'template', 'network'] });

type Provider = 'aws' | 'dev' | 'vsphere' | 'azure';
const MACHINES: Record<Provider, () => fc.Arbitrary<object>> = {
  aws: () => fc.record({ aws: awsMachine }),
  dev: () => fc.record({ dev: devMachine }),
  vsphere: () => fc.record({ vsphere: vsphereMachine }),
  azure: () => fc.record({ azure: azureMachine }),
};
const machineFor = (provider: Provider) => MACHINES[provider]();

const awsCluster = fc.record({
  region: fc.constantFrom('eu-west-1', 'us-east-2', 'ap-southeast-1', 'us-gov-west-1'),
  sshKeyName: fc.constantFrom('ops', 'default', ''),
  network: fc.oneof(
    fc.record({ managed: fc.record({ vpcCidr: fc.constantFrom('10.0.0.0/16', '10.20.0.0/16', '172.16.0.0/16'), availabilityZoneCount: fc.integer({ min: 1, max: 6 }) }, { requiredKeys: [] }) }),
    fc.record({ existing: fc.record({ vpcId: fc.constantFrom('vpc-0123456789abcdef0', 'vpc-1a2b'), subnetIds: fc.uniqueArray(fc.constantFrom('subnet-01', 'subnet-02a', 'subnet-0b3', 'subnet-ffff'), { minLength: 1, maxLength: 4 }) }) }),
  ),
  controlPlaneLoadBalancer: fc.oneof(
    fc.record({ type: fc.constantFrom('classic' as const, 'nlb' as const), scheme: fc.constantFrom('internet-facing' as const, 'internal' as const), healthCheckProtocol: fc.constantFrom('TCP' as const, 'HTTPS' as const) }, { requiredKeys: [] }),
    fc.record({ type: fc.constant('disabled' as const), scheme: fc.constantFrom('internet-facing' as const, 'internal' as const) }, { requiredKeys: ['type'] }),
  ),
  additionalTags: fc.dictionary(fc.constantFrom('Owner', 'Environment', 'kubernetes.io/cluster/x'), awsTagValue, { maxKeys: 2 }),
  identity: fc.oneof(
    fc.constant({ kind: 'AWSClusterControllerIdentity' as const, name: 'default' }),
    fc.record({ kind: fc.constantFrom('AWSClusterStaticIdentity' as const, 'AWSClusterRoleIdentity' as const), name: dnsLabel(20) }),
  ),
  imageLookup: fc.record({ org: fc.constant('258751437250'), baseOS: fc.constantFrom('ubuntu-24.04', 'flatcar-stable') }, { requiredKeys: [] }),
}, { requiredKeys: ['region'] });

const devCluster = fc.record({
  loadBalancer: fc.record({ imageRepository: fc.constant('kindest/haproxy'), imageTag: fc.constantFrom('v20230510-486859a6', 'latest') }, { requiredKeys: [] }),
  failureDomains: fc.uniqueArray(fc.record({ name: fc.constantFrom('fd1', 'fd2', 'zone-a'), controlPlane: fc.option(fc.boolean(), { nil: undefined }) }, { requiredKeys: ['name'] }), { maxLength: 3, selector: f => f.name }),
}, { requiredKeys: [] });

/** An SSH public key made with ssh-keygen for the corpus (Azure takes ed25519 and RSA keys). */
const AZURE_SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFPMxIqEzjvvHdzDx1fDxinm3pgMNoHTPYqcD4PbCngv ops@example';
const AZURE_SUBSCRIPTION = '3f2c1b0a-9d8e-4c7b-a6f5-e4d3c2b1a098';

const azureMachine = fc.record({
  vmSize: fc.constantFrom('Standard_D2s_v3', 'Standard_D8s_v5', 'Standard_NC4as_T4_v3', 'Standard_M416-208s_v2'),
  image: fc.constantFrom(
    { marketplace: { publisher: 'cncf-upstream', offer: 'capi', sku: 'ubuntu-2404-gen1', version: '134.1.20260901' } },
    { computeGallery: { gallery: 'ClusterAPI-f72ceb4f-5159-4c26-a0fe-2ea738f0d019', name: 'capi-ubun2-2404', version: '1.34.1' } },
    { computeGallery: { gallery: 'platform', name: 'node', version: '1.0.0', subscriptionId: AZURE_SUBSCRIPTION, resourceGroup: 'images' } },
    { id: `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/images/providers/Microsoft.Compute/images/node` },
  ),
  osDisk: fc.record({
    sizeGiB: fc.integer({ min: 30, max: 2048 }),
    storageAccountType: fc.constantFrom('Premium_LRS', 'StandardSSD_LRS', 'Standard_LRS', 'PremiumV2_LRS'),
    cachingType: fc.constantFrom('None' as const, 'ReadOnly' as const, 'ReadWrite' as const),
  }, { requiredKeys: [] }),
  dataDisks: fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { minLength: 1, maxLength: 2 })
    .map(luns => luns.map((lun, i) => ({ nameSuffix: `disk${i}`, sizeGiB: 64 * (i + 1), lun }))),
  sshPublicKey: fc.constant(AZURE_SSH_KEY),
  managedIdentity: fc.constantFrom(
    {},
    { identity: 'SystemAssigned' as const },
    { identity: 'UserAssigned' as const, userAssignedIdentities: [`/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/ids/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ccm`] },
  ),
  spot: fc.record({ maxPrice: fc.constantFrom('-1', '0.05'), evictionPolicy: fc.constantFrom('Deallocate' as const, 'Delete' as const) }, { requiredKeys: [] }),
  additionalTags: fc.dictionary(fc.constantFrom('owner', 'cost-center'), fc.stringMatching(/^[a-z0-9 -]{0,20}$/), { maxKeys: 2 }),
}, { requiredKeys: ['managedIdentity'] }).map(({ managedIdentity, ...rest }) => ({ ...rest, ...managedIdentity }));

const azureCluster = fc.record({
  subscriptionId: fc.constant(AZURE_SUBSCRIPTION),
  location: fc.constantFrom('westeurope', 'eastus2', 'japaneast'),
  resourceGroup: fc.constantFrom('rg-1', 'Prod_(weu).1'),
  identity: fc.record({ name: dnsLabel(20) }),
  // CAPZ's default network, or an existing one (an internal load balancer then needs an address of its control-plane subnet).
  existingNetwork: fc.boolean(),
  apiServerLoadBalancer: fc.record({ type: fc.constantFrom('Public' as const, 'Internal' as const), idleTimeoutInMinutes: fc.integer({ min: 4, max: 30 }) }, { requiredKeys: [] }),
  additionalTags: fc.dictionary(fc.constantFrom('owner', 'environment'), fc.stringMatching(/^[a-z0-9 -]{0,20}$/), { maxKeys: 2 }),
}, { requiredKeys: ['subscriptionId', 'location', 'identity', 'existingNetwork'] }).map(({ existingNetwork, ...cluster }) => (existingNetwork ? {
  ...cluster,
  network: { vnet: { name: 'shared-vnet', resourceGroup: 'network', cidrBlocks: ['10.20.0.0/16'] }, controlPlaneSubnet: { name: 'cp', cidrBlocks: ['10.20.0.0/24'] }, nodeSubnet: { name: 'nodes', cidrBlocks: ['10.20.16.0/20'] } },
  apiServerLoadBalancer: cluster.apiServerLoadBalancer?.type === 'Internal' ? { ...cluster.apiServerLoadBalancer, privateIp: '10.20.0.10' } : cluster.apiServerLoadBalancer,
} : cluster));

const ipv4Networks = [
  {},
  { podCidrs: ['192.168.0.0/16'] },
  { podCidrs: ['100.64.0.0/16'], serviceCidrs: ['10.96.0.0/12'] },
  { serviceDomain: 'cluster.local', apiServerPort: 6443 },
  { apiServerPort: 443 },
];
const dualStack = { podCidrs: ['192.168.0.0/16', 'fd00:10::/56'], serviceCidrs: ['10.128.0.0/12', 'fd00:20::/108'], serviceDomain: 'k8s.internal' };
/** The AWS and Azure providers set up no IPv6 networks, so their clusters get IPv4 networks only. */
const networksFor = (provider: Provider) => fc.constantFrom(...ipv4Networks, ...(provider === 'aws' || provider === 'azure' ? [] : [dualStack]));

/** A pool spec given the cluster's provider, Kubernetes minor/patch and the room left for its name. */
function workerPool(provider: Provider, cp: [number, number], nameMax: number): fc.Arbitrary<WorkerPoolSpec> {
  // kubeadm pools run the control plane's minor (CAPI's KubeadmVersionSkew preflight check); any patch.
  const poolVersion = fc.integer({ min: 0, max: 12 }).map(patch => `v1.${cp[0]}.${patch}`);
  return fc.record({
    name: dnsLabel(Math.min(20, nameMax)),
    size: fc.oneof(fc.record({ replicas: fc.integer({ min: 0, max: 10000 }) }), fc.integer({ min: 0, max: 50 }).chain(min => fc.tuple(fc.integer({ min: Math.max(1, min), max: 100 }), fc.option(capacity, { nil: undefined }))
      .map(([max, c]) => ({ autoscaling: dropUndefined({ min, max, capacity: c }) }))), fc.constant({})),
    machine: machineFor(provider),
    version: poolVersion,
    nodeLabels: fc.dictionary(fc.constantFrom('node-role.kubernetes.io/worker', 'node.cluster.x-k8s.io/pool', 'example.com/gpu', 'topology.kubernetes.io/zone', 'node.kubernetes.io/instance-kind'), labelValue, { maxKeys: 3 }),
    taintsSpec: taints.chain(t => (t.length > 0 ? fc.record({ taints: fc.constant(t), taintsViaMachineTaintPropagation: fc.boolean() }) : fc.constant({ taints: t }))),
    // Placeholders: the spec's final map puts zones of the cluster there (a zone of the AWS
    // region, a failure domain the DevCluster declares).
    placement: fc.oneof(
      fc.record({ failureDomain: fc.constant('zone-0') }),
      fc.record({ failureDomains: fc.uniqueArray(fc.constantFrom('zone-0', 'zone-1', 'zone-2'), { minLength: 1, maxLength: 3 }) }),
    ),
    rollout: fc.oneof(
      fc.constant({ type: 'OnDelete' as const }),
      fc.record({ type: fc.constant('RollingUpdate' as const), maxSurge: intOrPercent, maxUnavailable: intOrPercent, after: rfc3339 }, { requiredKeys: [] })
        // maxSurge and maxUnavailable both 0 could never replace a machine: refused by the core.
        .filter(r => !(isZero(r.maxSurge ?? 1) && isZero(r.maxUnavailable ?? 0))),
    ),
    deletionOrder: fc.constantFrom('Random' as const, 'Newest' as const, 'Oldest' as const),
    deletion,
    minReadySeconds: fc.integer({ min: 0, max: 600 }),
    healthCheck,
    machineNaming: machineNaming('.machineSet.name'),
    labels,
    common: kubeadmCommon,
  }, { requiredKeys: ['name', 'size', 'taintsSpec', 'common'] }).map(({ size, taintsSpec, common, placement, ...rest }) => {
    let pool = dropUndefined({ ...rest, ...size, ...taintsSpec, ...common, ...placement }) as WorkerPoolSpec;
    // vSphere machine templates report no capacity: an autoscaled pool (or one of its domains) may reach zero.
    if (provider === 'vsphere' && pool.autoscaling) pool = { ...pool, autoscaling: { ...pool.autoscaling, capacity: { ...pool.autoscaling.capacity, cpu: '4', memory: '16Gi' } } };
    // A spread pool's max is a total: every domain needs a share of at least 1.
    const n = pool.failureDomains?.length ?? 0;
    return pool.autoscaling && pool.autoscaling.max < n ? { ...pool, autoscaling: { ...pool.autoscaling, max: n } } : pool;
  });
}

/** A machine's capacity for cluster-autoscaler, in the formats it parses. */
const capacity = fc.record({
  cpu: fc.constantFrom('2', '3500m', '16'),
  memory: fc.constantFrom('8Gi', '128G', '1.5Gi'),
  gpuCount: fc.integer({ min: 0, max: 8 }),
  ephemeralDisk: fc.constantFrom('100Gi', '1e11'),
  maxPods: fc.integer({ min: 1, max: 250 }),
}, { requiredKeys: [] });

/** Add-ons: a CNI, a chart, manifests, and the provider defaults turned off or adjusted. */
const addons = fc.uniqueArray(fc.constantFrom<AddonSpec>(
  { name: 'cni', kind: 'cni', plugin: 'cilium' },
  { name: 'cni', kind: 'cni', plugin: 'calico', version: 'v3.31.7', channel: 'canary' },
  { name: 'ingress', kind: 'helm', repository: 'oci://registry.example.com/charts', chart: 'ingress-nginx', version: '4.13.1', namespace: 'ingress', values: { controller: { replicaCount: 2, name: '{{ .Cluster.metadata.name }}' } } },
  { name: 'policies', kind: 'manifests', strategy: 'ApplyOnce', content: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n', secrets: ['registry-credentials'] },
  { name: 'csi', kind: 'csi', enabled: false },
), { maxLength: 3, selector: a => a.name });

/** Specs the core must render. */
export const validClusterSpec: fc.Arbitrary<ManagedClusterSpec> = fc.record({
  name: dnsLabel(40),
  provider: fc.constantFrom<Provider>('aws', 'dev', 'vsphere', 'azure'),
  version,
}).chain(({ name, provider, version: [minor, patch] }) => fc.record({
  name: fc.constant(name),
  namespace: dnsLabel(30),
  labels,
  annotations: fc.dictionary(fc.constantFrom('example.com/note', 'description', 'a.b/c'), freeText, { maxKeys: 3 }),
  version: fc.constant(`v1.${minor}.${patch}`),
  network: networksFor(provider),
  paused: fc.boolean(),
  addons,
  infrastructure: provider === 'aws' ? awsCluster.map(aws => ({ aws })) : provider === 'dev' ? devCluster.map(dev => ({ dev })) : provider === 'azure' ? azureCluster.map(azure => ({ azure })) : vsphereCluster.map(vsphere => ({ vsphere })),
  controlPlane: fc.record({
    replicas: fc.constantFrom(1, 3, 5),
    machine: machineFor(provider),
    apiServerExtraArgs: flags,
    controllerManagerExtraArgs: flags,
    schedulerExtraArgs: flags,
    apiServerExtraVolumes: extraVolumes,
    controllerManagerExtraVolumes: extraVolumes,
    schedulerExtraVolumes: extraVolumes,
    etcd: localEtcd,
    featureGates: fc.dictionary(fc.constantFrom('ControlPlaneKubeletLocalMode', 'WaitForAllControlPlaneComponents', 'NodeLocalCRISocket'), fc.boolean(), { maxKeys: 2 }),
    nodeLabels: fc.dictionary(fc.constantFrom('node-role.kubernetes.io/etcd', 'node.cluster.x-k8s.io/tier', 'example.com/tier'), labelValue, { maxKeys: 2 }),
    machineNaming: machineNaming('.kubeadmControlPlane.name'),
    certSans: fc.array(fc.constantFrom('api.example.com', '10.0.0.1', 'localhost'), { maxLength: 2 }),
    taints: taints,
    rollout: fc.record({ after: rfc3339, certificatesExpiryDays: fc.integer({ min: 7, max: 365 }), maxSurge: fc.constantFrom(0, 1) }, { requiredKeys: [] }),
    remediation: fc.record({ maxRetry: fc.integer({ min: 0, max: 10 }), retryPeriodSeconds: fc.integer({ min: 0, max: 600 }), minHealthyPeriodSeconds: fc.integer({ min: 0, max: 7200 }) }, { requiredKeys: [] }),
    healthCheck,
    deletion,
    common: kubeadmCommon,
  }, { requiredKeys: ['common'] }).map(({ common, ...cp }) => {
    const out = dropUndefined({ ...cp, ...common });
    // A surge of 0 with a single machine is refused by the core (it would delete the only API server first).
    if ((out as any).rollout?.maxSurge === 0 && ((out as any).replicas ?? 3) === 1) (out as any).rollout = { ...(out as any).rollout, maxSurge: 1 };
    return out;
  }),
  workerPools: fc.uniqueArray(workerPool(provider, [minor, patch], 62 - name.length), { maxLength: 4, selector: p => p.name }),
}, { requiredKeys: ['name', 'version', 'infrastructure', 'workerPools'] }).map(spec => {
  // A failure domain must be one of the cluster's: a zone of the AWS region, an Azure availability
  // zone, one the DevCluster declares or a vSphere deployment zone of the cluster (a pool of a
  // cluster without any is placed nowhere).
  const infra = spec.infrastructure as { aws?: { region: string }; azure?: object; dev?: { failureDomains?: Array<{ name: string }> }; vsphere?: { deploymentZones?: string[] } };
  const zones = infra.aws ? ['a', 'b', 'c'].map(z => `${infra.aws!.region}${z}`) : infra.azure ? ['1', '2', '3'] : infra.vsphere ? infra.vsphere.deploymentZones ?? [] : (infra.dev?.failureDomains ?? []).map(fd => fd.name);
  const zoneOf = (placeholder: string) => zones[Number(placeholder.slice('zone-'.length))];
  const placed = spec.workerPools.map(p => {
    const { failureDomain, failureDomains, ...rest } = p;
    if (failureDomain !== undefined && zoneOf(failureDomain) !== undefined) return { ...rest, failureDomain: zoneOf(failureDomain) };
    const domains = (failureDomains ?? []).map(zoneOf).filter((z): z is string => z !== undefined);
    return domains.length > 0 ? { ...rest, failureDomains: domains } : rest;
  });
  // MachineDeployment names (`<cluster>-<pool>`, `<cluster>-<pool>-<domain>`) must stay within 63
  // characters and be unique: `a` spread over `fd1` and a pool `a-fd1` would share one.
  const taken = new Set<string>();
  const pools = placed.filter(p => {
    const names = poolDeployments(name, p).map(d => d.name);
    if (names.some(n => n.length > 63 || taken.has(n))) return false;
    names.forEach(n => taken.add(n));
    return true;
  });
  return dropUndefined({ ...spec, workerPools: pools }) as unknown as ManagedClusterSpec;
}));

/** Values that break types and limits. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, NaN, Infinity, -1, 0, 1.5, 1e21, -0, 2 ** 53, '', ' ', '\n', 'yes', '0644', '~', 'null', '*', '-', 'x'.repeat(300), 'UPPER', 'has space', 'ünïcödé', '🚀', true, false, [], {}, [null], { '': '' }),
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);

/** Every path (list of keys) to a value inside `value`, containers included. */
export function allPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([...prefix, i]);
      out.push(...allPaths(v, [...prefix, i]));
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      out.push(...allPaths(v, [...prefix, k]));
    }
  }
  return out;
}

/** A copy of `value` with the value at `path` replaced. */
export function setPath(value: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head] = setPath(copy[head], rest, replacement);
  return copy;
}

/** A valid spec with 1 to 3 values (anywhere, containers included) replaced by hostile ones. */
export const mutatedClusterSpec: fc.Arbitrary<{ spec: ManagedClusterSpec; mutations: string[] }> = fc.tuple(
  validClusterSpec,
  fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 3 }),
).map(([spec, mutations]) => {
  let out: unknown = spec;
  const applied: string[] = [];
  for (const [index, replacement] of mutations) {
    const paths = allPaths(out);
    if (paths.length === 0) break;
    const path = paths[index % paths.length];
    out = setPath(out, path, replacement);
    applied.push(`${path.join('.')} = ${describe(replacement)}`);
  }
  return { spec: out as ManagedClusterSpec, mutations: applied };
});

function describe(v: unknown): string {
  if (typeof v === 'number' || v === undefined) return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** The same value with the keys of every object in another order (shuffled with `seed`). */
export function permuteKeys<T>(value: T, seed: number): T {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [keys[i], keys[j]] = [keys[j], keys[i]];
      }
      return Object.fromEntries(keys.map(k => [k, visit((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return visit(value) as T;
}

function isZero(v: number | string): boolean {
  return v === 0 || v === '0%';
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
