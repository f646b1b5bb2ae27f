import { Testing } from 'cdk8s';
import { CapiValidationError, ManagementClusterSpec } from '../../lib';
import { ManagedCluster, ManagementCluster } from '../../lib/cdk8s';

const props: Omit<ManagementClusterSpec, 'name'> = {
  kubernetesVersion: 'v1.34.2',
  clusterApiVersion: 'v1.14.0',
  providers: {
    infrastructure: {
      aws: { version: 'v2.11.1', configSecret: { externalSecret: { storeName: 'vault', variables: [{ variable: 'AWS_B64ENCODED_CREDENTIALS', remoteKey: 'capi/aws' }] } } },
      docker: {},
    },
  },
};

test('synthesizes the core\'s manifests, namespaced objects in their own namespace even in a namespaced chart', () => {
  const chart = Testing.chart();
  (chart as any).namespace = 'ignored';
  const mgmt = new ManagementCluster(chart, 'mgmt', props);
  const out = Testing.synth(chart);
  expect(out).toEqual(mgmt.manifests.map(m => expect.objectContaining({ kind: m.kind, metadata: expect.objectContaining({ name: m.metadata.name }) })));
  expect(out.find(o => o.kind === 'Namespace').metadata.namespace).toBeUndefined();
  expect(out.find(o => o.kind === 'InfrastructureProvider' && o.metadata.name === 'aws').metadata.namespace).toBe('capa-system');
  expect(mgmt.providerObject('infrastructure', 'aws').kind).toBe('InfrastructureProvider');
  expect(() => mgmt.providerObject('infrastructure', 'azure')).toThrow(/has no infrastructure provider "azure"/);
});

test('throws when the props are invalid, naming the construct path and every problem', () => {
  const chart = Testing.chart();
  expect(() => new ManagementCluster(chart, 'mgmt', { ...props, kubernetesVersion: 'v1.34', providers: { infrastructure: { aws: {} } } })).toThrow(CapiValidationError);
  try {
    new ManagementCluster(Testing.chart(), 'mgmt', { ...props, kubernetesVersion: 'v1.34', providers: { infrastructure: { aws: {} } } });
  } catch (e) {
    expect(String((e as Error).message)).toMatch(/^Invalid ManagementCluster \[.*mgmt\] \(management cluster "mgmt"\): 2 problems/);
    expect((e as CapiValidationError).issues.map(i => i.path)).toEqual(['kubernetesVersion', 'providers.infrastructure.aws.version']);
  }
});

describe('ManagedCluster managementCluster prop', () => {
  const cluster = {
    version: 'v1.34.2', infrastructure: { dev: {} },
    workerPools: [{ name: 'md-0', taints: [{ key: 'a', effect: 'NoSchedule' as const }], taintsViaMachineTaintPropagation: true }],
  };

  test('throws when a gate is off on the management cluster (construct or spec)', () => {
    const chart = Testing.chart();
    const mgmt = new ManagementCluster(chart, 'mgmt', props);
    expect(() => new ManagedCluster(chart, 'w1', { ...cluster, managementCluster: mgmt })).toThrow(/workerPools\[0\]\.taintsViaMachineTaintPropagation: .* needs the MachineTaintPropagation feature gate/);
    expect(() => new ManagedCluster(chart, 'w2', { ...cluster, managementCluster: { ...props, name: 'plain' } })).toThrow(/management cluster "plain"/);
  });

  test('a pool added later is checked too; a fitting cluster synthesizes', () => {
    const chart = Testing.chart();
    const on = new ManagementCluster(chart, 'mgmt', { ...props, providers: { ...props.providers, core: { manager: { featureGates: { MachineTaintPropagation: true } } } } });
    const off = new ManagementCluster(chart, 'other', props);
    new ManagedCluster(chart, 'ok', { ...cluster, managementCluster: on });
    const w = new ManagedCluster(chart, 'w', { version: 'v1.34.2', infrastructure: { dev: {} }, managementCluster: off });
    expect(() => w.addWorkerPool('tainted', cluster.workerPools[0])).toThrow(/MachineTaintPropagation/);
    expect(Testing.synth(chart).filter(o => o.kind === 'MachineDeployment').map(o => o.metadata.name)).toEqual(['ok-md-0']);
  });
});
