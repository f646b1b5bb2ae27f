import { ANNOTATIONS, LABELS, Manifest, ManagedClusterSpec, overrideTargets, renderManagedCluster, toYaml, WorkerPoolSpec } from '../../lib';
import { renderWorkerPoolOf } from '../../lib/core';
import { poolDeployments, splitEvenly } from '../../lib/core/pool-spread';
import { registerProvider } from '../../lib/core/provider';
import { devProvider } from '../../lib/providers/dev';
import { awsSpec, devSpec, problemsOf } from './fixtures';

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const problems = (spec: ManagedClusterSpec) => problemsOf(() => renderManagedCluster(spec));
const withPool = (pool: Partial<WorkerPoolSpec>, base = awsSpec) => base({ workerPools: [{ name: 'web', ...pool }] });
const mds = (spec: ManagedClusterSpec): any[] => renderManagedCluster(spec).manifests.filter(m => m.kind === 'MachineDeployment');
const annotationsOf = (m: Manifest) => m.metadata.annotations ?? {};

describe('failureDomains', () => {
  test('renders one MachineDeployment per domain, named after the domain, sharing the templates', () => {
    const r = renderManagedCluster(withPool({ failureDomains: ZONES, replicas: 7 }));
    const pool = r.manifests.filter(m => m.metadata.labels?.[LABELS.pool] === 'web');
    expect(pool.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      expect.stringMatching(/^AWSMachineTemplate\/prod-web-[0-9a-f]{8}$/),
      expect.stringMatching(/^KubeadmConfigTemplate\/prod-web-[0-9a-f]{8}$/),
      'MachineDeployment/prod-web-eu-west-1a', 'MachineDeployment/prod-web-eu-west-1b', 'MachineDeployment/prod-web-eu-west-1c',
    ]);
    expect(r.roles.filter(role => role.startsWith('pool/web/'))).toEqual([
      'pool/web/machine-template', 'pool/web/bootstrap-template',
      'pool/web/machine-deployment/eu-west-1a', 'pool/web/machine-deployment/eu-west-1b', 'pool/web/machine-deployment/eu-west-1c',
    ]);
    const deployments = pool.filter(m => m.kind === 'MachineDeployment') as any[];
    // 7 over 3: the remainder goes to the first domains in list order.
    expect(deployments.map(m => m.spec.replicas)).toEqual([3, 2, 2]);
    expect(deployments.map(m => m.spec.template.spec.failureDomain)).toEqual(ZONES);
    expect(new Set(deployments.map(m => m.spec.template.spec.infrastructureRef.name)).size).toBe(1);
    expect(new Set(deployments.map(m => m.spec.template.spec.bootstrap.configRef.name)).size).toBe(1);
    expect(deployments[0].spec.selector.matchLabels).toEqual({ [LABELS.clusterName]: 'prod', [LABELS.deploymentName]: 'prod-web-eu-west-1a' });
    expect(deployments[0].spec.template.metadata.labels).toEqual({ [LABELS.clusterName]: 'prod', [LABELS.deploymentName]: 'prod-web-eu-west-1a', [LABELS.pool]: 'web' });
  });

  test('adding a domain adds one MachineDeployment and leaves the others byte for byte when the split is unchanged', () => {
    const two = mds(withPool({ failureDomains: ZONES.slice(0, 2), replicas: 4 }));
    const three = mds(withPool({ failureDomains: ZONES, replicas: 6 }));
    expect(three.slice(0, 2)).toEqual(two);
    expect(three[2].metadata.name).toBe('prod-web-eu-west-1c');
  });

  test('names do not depend on the position of a domain', () => {
    const names = mds(withPool({ failureDomains: ['eu-west-1c', 'eu-west-1a'], replicas: 2 })).map(m => m.metadata.name);
    expect(names).toEqual(['prod-web-eu-west-1c', 'prod-web-eu-west-1a']);
  });

  test('a domain that is not a DNS label piece gets a stable hashed suffix', () => {
    // The DevCluster declares the domains: a pool may only use declared ones.
    const dev = (o: Partial<ManagedClusterSpec> = {}) => devSpec({ ...o, infrastructure: { dev: { failureDomains: [{ name: 'Zone A' }, { name: 'zone-b' }] } } });
    const names = mds(withPool({ failureDomains: ['Zone A', 'zone-b'], replicas: 2 }, dev)).map(m => m.metadata.name);
    expect(names).toEqual([expect.stringMatching(/^demo-web-fd-[0-9a-f]{8}$/), 'demo-web-zone-b']);
    expect(mds(withPool({ failureDomains: ['zone-b', 'Zone A'], replicas: 2 }, dev))[1].metadata.name).toBe(names[0]);
  });

  test('splits autoscaling bounds per domain and leaves replicas unset', () => {
    const deployments = mds(withPool({ failureDomains: ZONES, autoscaling: { min: 4, max: 8 } }));
    expect(deployments.map(m => [annotationsOf(m)[ANNOTATIONS.autoscalerMin], annotationsOf(m)[ANNOTATIONS.autoscalerMax]])).toEqual([['2', '3'], ['1', '3'], ['1', '2']]);
    expect(deployments.map(m => m.spec.replicas)).toEqual([undefined, undefined, undefined]);
  });

  test('splitEvenly gives shares that differ by at most one, larger first, summing to the total', () => {
    expect(splitEvenly(7, 3)).toEqual([3, 2, 2]);
    expect(splitEvenly(2, 3)).toEqual([1, 1, 0]);
    expect(splitEvenly(0, 2)).toEqual([0, 0]);
    for (let total = 0; total < 20; total++) {
      for (let parts = 1; parts < 6; parts++) {
        const s = splitEvenly(total, parts);
        expect(s.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
      }
    }
  });

  test('one health check selects every MachineDeployment of the pool by the pool label', () => {
    const r = renderManagedCluster(withPool({ failureDomains: ZONES, replicas: 3, healthCheck: {} }));
    const hc = r.manifests.find(m => m.kind === 'MachineHealthCheck') as any;
    expect(hc.metadata.name).toBe('prod-web');
    expect(hc.spec.selector.matchLabels).toEqual({ [LABELS.clusterName]: 'prod', [LABELS.pool]: 'web' });
    expect(r.roles).toContain('pool/web/health-check');
  });

  test('an unspread pool renders as before: one MachineDeployment without the pool label on its machines', () => {
    const [md] = mds(withPool({ replicas: 2, failureDomain: 'eu-west-1a' }));
    expect(md.metadata.name).toBe('prod-web');
    expect(md.spec.template.metadata.labels).toEqual({ [LABELS.clusterName]: 'prod', [LABELS.deploymentName]: 'prod-web' });
    expect(md.spec.template.spec.failureDomain).toBe('eu-west-1a');
  });

  test('overrides target one domain\'s MachineDeployment; the unspread role is not emitted', () => {
    const spec = withPool({ failureDomains: ZONES, replicas: 3 });
    const deployments = mds({ ...spec, overrides: [{ target: 'pool/web/machine-deployment/eu-west-1b', path: 'spec.minReadySeconds', value: 30 }] });
    expect(deployments.map(m => m.spec.minReadySeconds)).toEqual([undefined, 30, undefined]);
    expect(overrideTargets(spec)).toEqual(expect.arrayContaining(['pool/web/machine-deployment/eu-west-1a', 'pool/web/machine-template']));
    expect(problems({ ...spec, overrides: [{ target: 'pool/web/machine-deployment', path: 'spec.minReadySeconds', value: 30 }] })).toEqual([
      'overrides[0].target: no emitted object has this role',
    ]);
  });

  test('names.machineDeployments pins the name of a domain, the others keep theirs', () => {
    const names = mds(withPool({ failureDomains: ZONES, replicas: 3, names: { machineDeployments: { 'eu-west-1b': 'prod-md-1' } } })).map(m => m.metadata.name);
    expect(names).toEqual(['prod-web-eu-west-1a', 'prod-md-1', 'prod-web-eu-west-1c']);
  });

  test('a pool rendered against a cluster reference spreads the same way', () => {
    const spec = withPool({ failureDomains: ZONES, replicas: 3 });
    const alone = renderWorkerPoolOf({ name: 'prod', namespace: 'clusters', version: 'v1.34.1', infrastructure: spec.infrastructure }, spec.workerPools![0]);
    expect(alone.manifests.filter(m => m.kind === 'MachineDeployment')).toEqual(mds(spec));
  });

  test('refuses every spreading mistake at once, with exact messages', () => {
    expect(problems(withPool({ failureDomains: [], replicas: 1 }))).toEqual(['workerPools[0].failureDomains: an empty list would render no MachineDeployment']);
    expect(problems(withPool({ failureDomains: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a', ''], failureDomain: 'eu-west-1a', autoscaling: { min: 0, max: 3 } }))).toEqual([
      'workerPools[0].failureDomains: failureDomain and failureDomains are mutually exclusive',
      'workerPools[0].failureDomains[2]: duplicate failure domain (also failureDomains[0])',
      'workerPools[0].failureDomains[3]: must be a non-empty string',
      'workerPools[0].autoscaling.max: is the total over 4 failure domains: each needs a max of at least 1',
    ]);
    expect(problems(withPool({ failureDomains: ZONES, names: { machineDeployment: 'prod-web' } }))).toEqual([
      'workerPools[0].names.machineDeployment: a pool spread over failureDomains has one MachineDeployment per domain',
    ]);
    expect(problems(withPool({ names: { machineDeployments: { 'eu-west-1a': 'x' } } }))).toEqual([
      'workerPools[0].names.machineDeployments: only applies to a pool spread over failureDomains',
    ]);
    expect(problems(withPool({ failureDomains: ZONES, names: { machineDeployments: { 'eu-west-9z': 'Bad' } } }))).toEqual([
      'workerPools[0].names.machineDeployments.eu-west-9z: is not one of the pool\'s failureDomains',
      expect.stringMatching(/^workerPools\[0\]\.names\.machineDeployments\.eu-west-9z: the name must be a DNS-1123 label/),
    ]);
  });

  test('refuses a per-domain name over 63 characters and names another pool already has', () => {
    const long = 'c'.repeat(40);
    expect(problems(awsSpec({ name: long, workerPools: [{ name: 'web', failureDomains: ['eu-west-1a', 'eu-west-1-long-local-zone'], replicas: 2 }] }))).toEqual([
      `workerPools[0].failureDomains[1]: the MachineDeployment name "${long}-web-eu-west-1-long-local-zone" has 70 characters; CAPI copies it into a label value, at most 63`,
    ]);
    const issues = renderError(devSpec({ infrastructure: { dev: { failureDomains: [{ name: 'b' }] } }, workerPools: [{ name: 'a', failureDomains: ['b'], replicas: 1 }, { name: 'a-b', replicas: 1 }] }));
    expect(issues).toEqual([{
      path: 'workerPools[1].name', message: 'the MachineDeployment name "demo-a-b" is also the MachineDeployment of workerPools[0] in b',
      value: 'a-b', fix: 'rename one of the pools, or pin a name',
    }]);
  });

  test('poolDeployments derives names, roles and shares from the spec alone', () => {
    expect(poolDeployments('prod', { name: 'web', failureDomains: ['a', 'b'], autoscaling: { min: 1, max: 3 } })).toEqual([
      { domain: 'a', name: 'prod-web-a', role: 'pool/web/machine-deployment/a', replicas: undefined, autoscaling: { min: 1, max: 2 } },
      { domain: 'b', name: 'prod-web-b', role: 'pool/web/machine-deployment/b', replicas: undefined, autoscaling: { min: 0, max: 1 } },
    ]);
  });
});

function renderError(spec: ManagedClusterSpec): unknown {
  try {
    renderManagedCluster(spec);
    return [];
  } catch (e: any) {
    return e.issues;
  }
}

describe('scale-from-zero capacity annotations', () => {
  const batch: Partial<WorkerPoolSpec> = {
    autoscaling: { min: 0, max: 3 },
    nodeLabels: { 'example.com/workload': 'batch', 'node-role.kubernetes.io/batch': '' },
    taints: [{ key: 'example.com/dedicated', value: 'batch', effect: 'NoSchedule' }, { key: 'example.com/spot', effect: 'PreferNoSchedule' } as any],
  };

  test('a pool with min 0 carries its node labels and taints in the autoscaler\'s format', () => {
    const [md] = mds(withPool(batch));
    expect(annotationsOf(md)).toEqual({
      [ANNOTATIONS.autoscalerMin]: '0',
      [ANNOTATIONS.autoscalerMax]: '3',
      'capacity.cluster-autoscaler.kubernetes.io/labels': 'example.com/workload=batch,node-role.kubernetes.io/batch=',
      'capacity.cluster-autoscaler.kubernetes.io/taints': 'example.com/dedicated=batch:NoSchedule,example.com/spot:PreferNoSchedule',
    });
  });

  test('a pool with min above 0 does not need them', () => {
    const [md] = mds(withPool({ ...batch, autoscaling: { min: 1, max: 3 } }));
    expect(Object.keys(annotationsOf(md))).toEqual([ANNOTATIONS.autoscalerMax, ANNOTATIONS.autoscalerMin]);
  });

  test('after splitting, only the domains whose min is 0 carry them', () => {
    const deployments = mds(withPool({ ...batch, failureDomains: ZONES, autoscaling: { min: 1, max: 3 } }));
    expect(deployments.map(m => annotationsOf(m)[ANNOTATIONS.capacityLabels] !== undefined)).toEqual([false, true, true]);
  });

  test('capacity renders every annotation as a string that survives YAML', () => {
    const [md] = mds(withPool({ autoscaling: { min: 0, max: 2, capacity: { cpu: '16', memory: '128G', gpuCount: 2, gpuType: 'nvidia.com/gpu', ephemeralDisk: '100Gi', maxPods: 200 } } }));
    expect(annotationsOf(md)).toEqual({
      [ANNOTATIONS.autoscalerMin]: '0',
      [ANNOTATIONS.autoscalerMax]: '2',
      'capacity.cluster-autoscaler.kubernetes.io/cpu': '16',
      'capacity.cluster-autoscaler.kubernetes.io/memory': '128G',
      'capacity.cluster-autoscaler.kubernetes.io/gpu-count': '2',
      'capacity.cluster-autoscaler.kubernetes.io/gpu-type': 'nvidia.com/gpu',
      'capacity.cluster-autoscaler.kubernetes.io/ephemeral-disk': '100Gi',
      'capacity.cluster-autoscaler.kubernetes.io/maxPods': '200',
    });
    const yaml = toYaml([md]);
    expect(yaml).toContain('capacity.cluster-autoscaler.kubernetes.io/cpu: "16"');
    expect(yaml).toContain('capacity.cluster-autoscaler.kubernetes.io/maxPods: "200"');
  });

  test('refuses capacity values the autoscaler cannot parse, with exact messages', () => {
    expect(problems(withPool({ autoscaling: { min: 0, max: 2, capacity: { cpu: '4 cores', memory: '-1Gi', ephemeralDisk: '10GB', gpuCount: 1.5, maxPods: 0, gpuType: '' } } }))).toEqual([
      'workerPools[0].autoscaling.capacity.cpu: must be a Kubernetes quantity (cluster-autoscaler ignores the node group\'s capacity otherwise)',
      'workerPools[0].autoscaling.capacity.memory: must be a Kubernetes quantity (cluster-autoscaler ignores the node group\'s capacity otherwise)',
      'workerPools[0].autoscaling.capacity.ephemeralDisk: must be a Kubernetes quantity (cluster-autoscaler ignores the node group\'s capacity otherwise)',
      'workerPools[0].autoscaling.capacity.gpuCount: must be an integer >= 0',
      'workerPools[0].autoscaling.capacity.maxPods: must be an integer >= 1',
      'workerPools[0].autoscaling.capacity.gpuType: must be a non-empty string',
    ]);
    expect(problems(withPool({ autoscaling: { min: 0, max: 2, capacity: { gpuType: 'nvidia.com/gpu' } } }))).toEqual([
      'workerPools[0].autoscaling.capacity.gpuType: is set without gpuCount: the autoscaler would simulate a node without GPUs',
    ]);
    expect(problems(withPool({ autoscaling: { min: 0, max: 2, capacity: { cpu: '3500m', memory: '1.5Gi', ephemeralDisk: '1e9' } } }))).toEqual([]);
  });

  test('a provider that does not report capacity needs cpu and memory for a pool that may reach zero', () => {
    registerProvider({ ...devProvider, id: 'bare', reportsMachineCapacity: undefined, failureDomainProblem: undefined });
    const bare = (pool: Partial<WorkerPoolSpec>) => devSpec({ infrastructure: { bare: {} } as any, workerPools: [{ name: 'web', ...pool }] });
    expect(problemsOf(() => renderManagedCluster(bare({ autoscaling: { min: 0, max: 2 } })))).toEqual([
      'workerPools[0].autoscaling.capacity: the bare provider does not report machine capacity, and cluster-autoscaler cannot scale a pool up from zero without its CPU and memory',
    ]);
    // Spread, min 2 over 3 domains leaves one domain at 0.
    expect(problemsOf(() => renderManagedCluster(bare({ failureDomains: ['a', 'b', 'c'], autoscaling: { min: 2, max: 3, capacity: { cpu: '2' } } })))).toHaveLength(1);
    expect(problemsOf(() => renderManagedCluster(bare({ failureDomains: ['a', 'b', 'c'], autoscaling: { min: 3, max: 3 } })))).toEqual([]);
    expect(problemsOf(() => renderManagedCluster(bare({ autoscaling: { min: 0, max: 2, capacity: { cpu: '2', memory: '4Gi' } } })))).toEqual([]);
    // AWS and Dev report cpu and memory themselves.
    expect(problems(withPool({ autoscaling: { min: 0, max: 2 } }))).toEqual([]);
    expect(problems(withPool({ autoscaling: { min: 0, max: 2 } }, devSpec))).toEqual([]);
  });
});
