/**
 * The same spec gives byte-identical manifests through the cdk8s construct (Testing.synth) and the
 * Pulumi component (registered under mocks), in the same order.
 */
import * as pulumi from '@pulumi/pulumi';
import { Testing } from 'cdk8s';
import { awsCluster, azureCluster, devCluster, vsphereCluster } from '../examples/clusters';
import { ManagedClusterSpec, toYaml } from '../lib';
import type { ManagedClusterArgs } from '../lib/pulumi';
import { AWS_CLUSTER, AZURE_CLUSTER, DEV_CLUSTER } from './fixtures/clusters';
import { installMocks, settle, valueOf } from './pulumi/_mocks';

const registered = installMocks();
let pulumiEngine: typeof import('../lib/pulumi');
let cdk8sEngine: typeof import('../lib/cdk8s');

beforeAll(async () => {
  pulumiEngine = await import('../lib/pulumi');
  cdk8sEngine = await import('../lib/cdk8s');
});

/** AWS_CLUSTER with an override on a template and on the AWSCluster, so overrides are covered too. */
const AWS_WITH_OVERRIDES: ManagedClusterSpec = {
  ...AWS_CLUSTER,
  name: 'prod-eu-2',
  overrides: [
    { target: 'pool/gpu/machine-template', path: 'spec.template.spec.rootVolume.encrypted', value: true },
    { target: 'infrastructure-cluster', path: ['spec', 'additionalTags', 'team'], value: 'platform' },
  ],
};

const SPECS: Array<[string, ManagedClusterSpec]> = [
  ['Dev cluster, three pools (autoscaled, tainted, health-checked)', DEV_CLUSTER],
  ['AWS cluster in an existing VPC, three pools', AWS_CLUSTER],
  ['AWS cluster with overrides', AWS_WITH_OVERRIDES],
  ['examples/clusters devCluster', { ...devCluster, name: devCluster.name ?? 'example-dev' } as ManagedClusterSpec],
  // In a namespace of its own: its csi values differ from the fixtures' clusters, which would share the csi HelmChartProxy.
  ['examples/clusters awsCluster', { ...awsCluster, name: awsCluster.name ?? 'example-aws', namespace: 'example-aws' } as ManagedClusterSpec],
  ['examples/clusters vsphereCluster (kube-vip, deployment zones, IPAM pool)', { ...vsphereCluster, name: vsphereCluster.name ?? 'example-vsphere' } as ManagedClusterSpec],
  // Azure clusters in namespaces of their own: their cloud-controller-manager and csi add-ons
  // have the names of the AWS clusters' (other charts), which would share one HelmChartProxy.
  ['Azure cluster in an existing virtual network, three pools', { ...AZURE_CLUSTER, namespace: 'azure' }],
  ['examples/clusters azureCluster', { ...azureCluster, name: azureCluster.name ?? 'example-azure', namespace: 'example-azure' } as ManagedClusterSpec],
];

/** cdk8s: the first pool through props, the others through addWorkerPool (the aws-eks style API). */
function synthCdk8s(spec: ManagedClusterSpec): any[] {
  const chart = Testing.chart();
  const [first, ...rest] = spec.workerPools ?? [];
  const cluster = new cdk8sEngine.ManagedCluster(chart, spec.name, { ...spec, workerPools: first ? [first] : [] });
  for (const { name, ...options } of rest) cluster.addWorkerPool(name, options);
  return Testing.synth(chart);
}

/** Pulumi: the component under mocks; what it registers, in its manifest order. */
async function registerPulumi(spec: ManagedClusterSpec, args: ManagedClusterArgs = spec): Promise<{ registered: any[]; output: any[] }> {
  const before = registered.length;
  const component = new pulumiEngine.ManagedCluster(`parity-${before}`, args);
  const output = await valueOf(component.manifests);
  await settle(registered);
  // Only this component's registrations (the example specs reuse the fixtures' cluster names).
  const mine = output.map(m => registered.slice(before).find(r => r.name === `${m.metadata.namespace}/${spec.name}/${m.kind}/${m.metadata.name}` && r.type === `kubernetes:${m.apiVersion}:${m.kind}`)!);
  expect(mine.every(r => r !== undefined)).toBe(true);
  return { registered: mine.map(r => r.inputs), output };
}

describe.each(SPECS)('%s', (_label, spec) => {
  test('cdk8s and Pulumi emit identical manifests, byte for byte', async () => {
    const fromCdk8s = synthCdk8s(spec);
    const { registered: fromPulumi, output } = await registerPulumi(spec);
    expect(fromPulumi).toEqual(fromCdk8s);
    expect(output).toEqual(fromCdk8s);
    expect(toYaml(fromPulumi)).toBe(toYaml(fromCdk8s));
    expect(fromCdk8s.length).toBeGreaterThanOrEqual(7);
  });
});

test('a Pulumi Input for the vSphere external endpoint and identity resolves to the manifests cdk8s emits for the plain values', async () => {
  const vsphere = vsphereCluster.infrastructure.vsphere!;
  const spec = { ...vsphereCluster, name: 'onprem-2', infrastructure: { vsphere: { ...vsphere, controlPlaneEndpoint: { external: { host: 'api.onprem-2.example.com', port: 443 } } } } } as ManagedClusterSpec;
  const { registered: fromPulumi } = await registerPulumi(spec, {
    ...spec,
    infrastructure: {
      vsphere: {
        ...spec.infrastructure.vsphere!,
        controlPlaneEndpoint: { external: { host: pulumi.output('api.onprem-2.example.com'), port: 443 } },
        identity: { kind: 'VSphereClusterIdentity', name: pulumi.output(vsphere.identity!.name) },
      },
    },
  });
  expect(toYaml(fromPulumi)).toBe(toYaml(synthCdk8s(spec)));
});

test('Pulumi Inputs for the VPC, subnets and identity resolve to the manifests cdk8s emits for the plain values', async () => {
  const aws = AWS_CLUSTER.infrastructure.aws!;
  const spec = { ...AWS_CLUSTER, name: 'prod-eu-3' };
  const { registered: fromPulumi } = await registerPulumi(spec, {
    ...spec,
    infrastructure: {
      aws: {
        ...aws,
        network: { existing: { vpcId: pulumi.output(aws.network!.existing!.vpcId), subnetIds: pulumi.output([...aws.network!.existing!.subnetIds]) } },
        identity: { kind: aws.identity!.kind, name: pulumi.output(aws.identity!.name) },
      },
    },
  });
  expect(toYaml(fromPulumi)).toBe(toYaml(synthCdk8s(spec)));
});

test('Pulumi Inputs for the Azure subscription, resource group, virtual network and identity resolve to the manifests cdk8s emits for the plain values', async () => {
  const azure = AZURE_CLUSTER.infrastructure.azure!;
  const spec = { ...AZURE_CLUSTER, name: 'prod-weu-2', namespace: 'azure' };
  const { registered: fromPulumi } = await registerPulumi(spec, {
    ...spec,
    infrastructure: {
      azure: {
        ...azure,
        subscriptionId: pulumi.output(azure.subscriptionId),
        resourceGroup: pulumi.output(azure.resourceGroup!),
        identity: { name: pulumi.output(azure.identity.name) },
        network: { ...azure.network, vnet: { ...azure.network!.vnet, name: pulumi.output(azure.network!.vnet!.name!), resourceGroup: pulumi.output(azure.network!.vnet!.resourceGroup!) } },
      },
    },
  });
  expect(toYaml(fromPulumi)).toBe(toYaml(synthCdk8s(spec)));
});

test('the shared add-on objects are the same through both engines', async () => {
  const spec = { ...awsCluster, name: 'addons-parity', namespace: 'addons-parity' } as ManagedClusterSpec;
  const cdk8sCluster = new cdk8sEngine.ManagedCluster(Testing.chart(), spec.name, spec);
  const fromCdk8s = Testing.synth(cdk8sCluster.addons!);
  const before = registered.length;
  const pulumiCluster = new pulumiEngine.ManagedCluster('addons-parity', spec);
  await settle(registered);
  const fromPulumi = registered.slice(before).filter(r => r.name.startsWith('addons-addons-parity/')).map(r => r.inputs);
  expect(pulumiCluster.addons!.resources.size).toBe(fromCdk8s.length);
  // Mocked registrations complete in any order, and the mock's inputs come with sorted keys: compare by object and value.
  const byKey = (ms: any[]) => [...ms].sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
  expect(byKey(fromPulumi)).toEqual(byKey(fromCdk8s));
  expect(fromCdk8s.map(m => m.kind)).toEqual(['HelmChartProxy', 'HelmChartProxy', 'HelmChartProxy', 'ConfigMap', 'ClusterResourceSet']);
});
