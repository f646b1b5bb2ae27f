import * as pulumi from '@pulumi/pulumi';
import { ClusterReference, renderManagedCluster } from '../../lib';
import { AWS_CLUSTER, DEV_CLUSTER } from '../fixtures/clusters';
import { CapturedOptions, captureOptions, installMocks, settle, valueOf } from './_mocks';
import { inputPropertiesErrorOf } from './aws/_mocks';

// GIVEN mocks installed before the modules under test are loaded.
const registered = installMocks();
let wp: typeof import('../../lib/pulumi/worker-pool');
let mc: typeof import('../../lib/pulumi/managed-cluster');
let k8s: typeof import('@pulumi/kubernetes');

beforeAll(async () => {
  wp = await import('../../lib/pulumi/worker-pool');
  mc = await import('../../lib/pulumi/managed-cluster');
  k8s = await import('@pulumi/kubernetes');
});

const AWS_REF: ClusterReference = { name: AWS_CLUSTER.name, namespace: AWS_CLUSTER.namespace, version: AWS_CLUSTER.version, infrastructure: AWS_CLUSTER.infrastructure };
const DEV_REF: ClusterReference = { name: 'dev-local', version: 'v1.34.2', infrastructure: { dev: {} } };
const { name: _devName, ...devArgs } = DEV_CLUSTER;

describe('planWorkerPoolResources (pure)', () => {
  test('emits what the cluster emits for the same pool, named namespace/cluster/Kind/name, with no aliases', () => {
    const [, spot] = AWS_CLUSTER.workerPools!;
    const { name, ...pool } = spot;
    const plan = wp.planWorkerPoolResources(name, { cluster: AWS_REF, ...pool });
    const whole = renderManagedCluster(AWS_CLUSTER);
    const expected = whole.manifests.filter((_, i) => whole.roles[i].startsWith('pool/spot/'));
    expect(plan.resources.map(r => r.manifest)).toEqual(expected);
    expect(plan.resources.map(r => r.resourceName)).toEqual(expected.map(m => `clusters/prod-eu-1/${m.kind}/${m.metadata.name}`));
    expect(plan.resources.map(r => r.role)).toEqual(['pool/spot/machine-template', 'pool/spot/bootstrap-template', 'pool/spot/machine-deployment']);
    expect(plan.resources.every(r => r.legacyResourceName === undefined && r.inputs.length === 0 && !r.protect)).toBe(true);
    expect(plan).toMatchObject({ poolName: 'spot', clusterName: 'prod-eu-1', namespace: 'clusters', dependsOnCluster: false });
  });

  test('retains the templates, ignores spec.replicas when autoscaled, and the MachineDeployment depends on its templates', () => {
    const plan = wp.planWorkerPoolResources('batch', { cluster: DEV_REF, autoscaling: { min: 1, max: 4 }, healthCheck: {} });
    expect(plan.resources.map(r => [r.manifest.kind, r.retainOnDelete ?? false, r.ignoreChanges])).toEqual([
      ['DevMachineTemplate', true, undefined],
      ['KubeadmConfigTemplate', true, undefined],
      ['MachineDeployment', false, ['spec.replicas']],
      ['MachineHealthCheck', false, undefined],
    ]);
    expect([...plan.resources[2].dependsOn].sort()).toEqual([plan.resources[0].resourceName, plan.resources[1].resourceName].sort());
    expect(plan.resources[3].dependsOn).toEqual([]);
  });

  test('the pool name is args.name, else the Pulumi resource name', () => {
    expect(wp.planWorkerPoolResources('from-pulumi', { cluster: DEV_REF }).poolName).toBe('from-pulumi');
    expect(wp.planWorkerPoolResources('x', { cluster: DEV_REF, name: 'given' }).resources[2].manifest.metadata.name).toBe('dev-local-given');
  });

  test('Inputs at the cluster\'s provider leaves are accepted and never reach the pool\'s objects', () => {
    const aws = AWS_CLUSTER.infrastructure.aws!;
    const cluster = { ...AWS_REF, infrastructure: { aws: { ...aws, network: { existing: { vpcId: pulumi.output('vpc-1'), subnetIds: pulumi.output(['subnet-1']) } } } } };
    const withInputs = wp.planWorkerPoolResources('general', { cluster, replicas: 3 });
    expect(withInputs.resources.map(r => r.manifest)).toEqual(wp.planWorkerPoolResources('general', { cluster: AWS_REF, replicas: 3 }).resources.map(r => r.manifest));
  });

  test('throws one InputPropertiesError listing every problem: the pool\'s at its paths, the reference\'s under cluster.', () => {
    const err = inputPropertiesErrorOf(() => wp.planWorkerPoolResources('x', {
      cluster: { ...DEV_REF, version: 'v1.34' },
      replicas: 2, autoscaling: { min: 1, max: 2 },
      machine: { dev: { customImage: pulumi.output('kindest/node:v1.34.2') as any } },
      overrides: [{ target: 'cluster', path: 'spec.paused', value: true }],
    }));
    expect(err.errors.map(e => e.propertyPath)).toEqual(['machine.dev.customImage', 'cluster.version', 'replicas', 'overrides[0].target']);
    expect(err.message).toMatch(/^Invalid arguments for capi-constructs:index:WorkerPool "x": 4 problems:\n {2}- machine\.dev\.customImage: a Pulumi Output/);
    expect(err.errors[0].reason).toContain('allowed: no Inputs: this provider has no late-bound leaves');
  });

  test('throws when the pool is newer than the reference\'s control plane version', () => {
    expect(inputPropertiesErrorOf(() => wp.planWorkerPoolResources('x', { cluster: DEV_REF, version: 'v1.35.0' })).errors)
      .toEqual([{ propertyPath: 'version', reason: expect.stringMatching(/^a kubeadm pool must run the control plane's minor \(v1\.34\)/) }]);
  });

  test('throws when the reference is an Output or missing', () => {
    expect(inputPropertiesErrorOf(() => wp.planWorkerPoolResources('x', { cluster: pulumi.output(DEV_REF) as any })).errors.map(e => [e.propertyPath, e.reason]))
      .toEqual([['cluster', expect.stringMatching(/^must be a ManagedCluster or a plain cluster reference, not an Output/)]]);
    expect(inputPropertiesErrorOf(() => wp.planWorkerPoolResources('x', {} as any)).errors.map(e => e.propertyPath)).toEqual(['cluster']);
  });
});

describe('WorkerPool (under mocks)', () => {
  test('of a ManagedCluster: objects wait for its Cluster and use its provider; handles by role', async () => {
    const captured: CapturedOptions[] = [];
    const provider = new k8s.Provider('mgmt-pools', { kubeconfig: 'mock' });
    const cluster = new mc.ManagedCluster('pools', { ...devArgs, workerPools: [] }, { provider });
    const pool = new wp.WorkerPool('extra', { cluster, replicas: 2, healthCheck: {} }, { transformations: [captureOptions(captured)] });
    await valueOf(pool.poolName);
    await settle(registered);

    const plan = wp.planWorkerPoolResources('extra', { cluster, replicas: 2, healthCheck: {} });
    expect(plan.dependsOnCluster).toBe(true);
    const children = captured.filter(c => c.type.startsWith('kubernetes:'));
    expect(children.map(c => c.name)).toEqual(plan.resources.map(r => r.resourceName));
    expect(children.map(c => c.name)).toEqual(expect.arrayContaining(['default/pools/MachineDeployment/pools-extra', 'default/pools/MachineHealthCheck/pools-extra']));
    for (const c of children) {
      expect(c.opts.parent).toBe(pool);
      expect(c.opts.aliases).toBeUndefined();
      expect(c.opts.dependsOn as pulumi.Resource[]).toContain(cluster.clusterResource);
    }
    const mine = registered.filter(r => plan.resources.some(p => p.resourceName === r.name));
    expect(mine).toHaveLength(4);
    expect(mine.every(r => r.provider?.includes('pulumi:providers:kubernetes::mgmt-pools'))).toBe(true);
    mine.forEach(r => expect(r.inputs).toEqual(plan.resources.find(p => p.resourceName === r.name)!.manifest));

    expect(pool.resources.get('MachineDeployment/default/pools-extra')).toBe(pool.machineDeployment);
    expect(pool.resources.get('MachineHealthCheck/default/pools-extra')).toBe(pool.healthCheck);
    expect([...pool.resources.values()]).toEqual(expect.arrayContaining([pool.machineTemplate, pool.bootstrapTemplate]));
    expect(await valueOf(pool.clusterName)).toBe('pools');
    expect(await valueOf(pool.namespace)).toBe('default');
    expect((await valueOf(pool.urn))).toBe('urn:pulumi:test::capi-constructs::capi-constructs:index:WorkerPool::extra');
  });

  test('of a reference: no dependency on a cluster, the provider from its own options', async () => {
    const captured: CapturedOptions[] = [];
    const provider = new k8s.Provider('mgmt-ref', { kubeconfig: 'mock' });
    const pool = new wp.WorkerPool('remote', { cluster: AWS_REF, name: 'far', replicas: 1 }, { provider, transformations: [captureOptions(captured)] });
    await valueOf(pool.poolName);
    await settle(registered);
    const children = captured.filter(c => c.type.startsWith('kubernetes:'));
    expect(children).toHaveLength(3);
    const md = children.find(c => c.name === 'clusters/prod-eu-1/MachineDeployment/prod-eu-1-far')!;
    expect((md.opts.dependsOn as pulumi.Resource[]).length).toBe(2);
    expect(children.filter(c => c !== md).every(c => (c.opts.dependsOn as pulumi.Resource[]).length === 0)).toBe(true);
    const mine = registered.filter(r => children.some(c => c.name === r.name));
    expect(mine).toHaveLength(3);
    expect(mine.every(r => r.provider?.includes('pulumi:providers:kubernetes::mgmt-ref'))).toBe(true);
  });

  test('spread over failure domains: one MachineDeployment handle per domain, each ignoring spec.replicas when autoscaled', async () => {
    const plan = wp.planWorkerPoolResources('zones', { cluster: AWS_REF, failureDomains: ['eu-west-1a', 'eu-west-1b'], autoscaling: { min: 2, max: 6 } });
    expect(plan.resources.map(r => [r.role, r.ignoreChanges])).toEqual([
      ['pool/zones/machine-template', undefined],
      ['pool/zones/bootstrap-template', undefined],
      ['pool/zones/machine-deployment/eu-west-1a', ['spec.replicas']],
      ['pool/zones/machine-deployment/eu-west-1b', ['spec.replicas']],
    ]);
    const pool = new wp.WorkerPool('zones', { cluster: AWS_REF, failureDomains: ['eu-west-1a', 'eu-west-1b'], autoscaling: { min: 2, max: 6 } });
    await valueOf(pool.poolName);
    expect(pool.resources.get('MachineDeployment/clusters/prod-eu-1-zones-eu-west-1a')).toBe(pool.machineDeployments['eu-west-1a']);
    expect(pool.resources.get('MachineDeployment/clusters/prod-eu-1-zones-eu-west-1b')).toBe(pool.machineDeployments['eu-west-1b']);
    expect(() => pool.machineDeployment).toThrow("WorkerPool zones is spread over failureDomains (eu-west-1a, eu-west-1b): use machineDeployments['<domain>']");
  });

  test('throws when the cluster already has a pool of that name, in its workerPools or another WorkerPool', () => {
    const cluster = new mc.ManagedCluster('clash', devArgs);
    expect(() => new wp.WorkerPool('general', { cluster })).toThrow(/Invalid arguments for capi-constructs:index:WorkerPool "general": 1 problem:\n {2}- name: the cluster already has a pool named "general"/);
    new wp.WorkerPool('once', { cluster });
    expect(() => new wp.WorkerPool('twice', { cluster, name: 'once' })).toThrow(/- name: another WorkerPool of this cluster is named "once"/);
  });
});
