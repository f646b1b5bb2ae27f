// The plan reads what the core renders: a change made through the cluster spec must show up as
// the rollout (and only the rollout) that CAPI would perform.
import { planChanges, renderManagedCluster } from '../../lib';
import { formatPlan } from '../../lib/plan/format';
import { awsSpec } from '../core/fixtures';

const plan = (before: Parameters<typeof renderManagedCluster>[0], after: Parameters<typeof renderManagedCluster>[0]) =>
  planChanges([...renderManagedCluster(before).manifests], [...renderManagedCluster(after).manifests]);

test('an unchanged spec yields an empty plan', () => {
  const p = plan(awsSpec(), awsSpec());
  expect(p.clusters.flatMap(c => [...c.changes, ...c.rollouts, ...c.dangers])).toEqual([]);
});

test('a new instance type for one pool rolls exactly that pool and lists the old template for cleanup', () => {
  const spec = awsSpec();
  const after = awsSpec({ workerPools: [spec.workerPools![0], { ...spec.workerPools![1], machine: { aws: { instanceType: 'g5.2xlarge' } } }] });
  const [cluster] = plan(spec, after).clusters;
  expect(cluster.rollouts.map(r => [r.target, r.machines])).toEqual([['gpu', null]]);
  expect(cluster.dangers).toEqual([]);
  const oldTemplate = renderManagedCluster(spec).manifests.find(m => m.kind === 'AWSMachineTemplate' && m.metadata.name.startsWith('prod-gpu-'))!;
  expect(cluster.cleanup.map(c => `${c.kind}/${c.name}`)).toEqual([`AWSMachineTemplate/${oldTemplate.metadata.name}`]);
});

test('a control-plane minor upgrade rolls three machines; skipping a minor is a danger', () => {
  const [upgrade] = plan(awsSpec(), awsSpec({ version: 'v1.35.0', workerPools: [] })).clusters;
  expect(upgrade.rollouts.find(r => r.target === 'control-plane')?.machines).toBe(3);
  const [skip] = plan(awsSpec({ workerPools: [] }), awsSpec({ version: 'v1.36.0', workerPools: [] })).clusters;
  expect(skip.dangers.map(d => d.code)).toContain('version-skip');
});

test('scaling a fixed pool is scaling, not a rollout and not in place', () => {
  const spec = awsSpec();
  const [cluster] = plan(spec, awsSpec({ workerPools: [{ ...spec.workerPools![0], replicas: 5 }, spec.workerPools![1]] })).clusters;
  expect(cluster.rollouts).toEqual([]);
  expect(cluster.inPlace).toEqual([]);
  expect(cluster.scaling).toEqual([{ target: 'general', kind: 'MachineDeployment', name: 'prod-general', from: 3, to: 5 }]);
  expect(cluster.changes.map(c => `${c.kind}/${c.name}:${c.paths.join(',')}`)).toEqual(['MachineDeployment/prod-general:spec.replicas']);
});

test('spreading a pool over one more failure domain adds its MachineDeployment and leaves the others unchanged', () => {
  const zones = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
  const spread = (n: number) => awsSpec({ workerPools: [{ name: 'web', failureDomains: zones.slice(0, n), replicas: 2 * n }] });
  const [cluster] = plan(spread(2), spread(3)).clusters;
  expect(cluster.changes).toEqual([{ kind: 'MachineDeployment', name: 'prod-web-eu-west-1c', action: 'created', paths: [] }]);
  expect(cluster.rollouts).toEqual([]);
  expect(cluster.dangers).toEqual([]);
  expect(cluster.cleanup).toEqual([]);
  expect(formatPlan(plan(spread(2), spread(3)), 'text')).toContain('+ MachineDeployment prod-web-eu-west-1c');
});

test('the scale-from-zero annotations this release adds to an existing min-0 pool are an in-place change, not a rollout', () => {
  const spec = awsSpec({ workerPools: [{ name: 'batch', autoscaling: { min: 0, max: 3 }, nodeLabels: { 'example.com/workload': 'batch' } }] });
  const after = [...renderManagedCluster(spec).manifests];
  // What the previous release rendered: the same MachineDeployment without the capacity annotations.
  const before = after.map(m => (m.kind !== 'MachineDeployment' ? m : {
    ...m, metadata: { ...m.metadata, annotations: Object.fromEntries(Object.entries(m.metadata.annotations ?? {}).filter(([k]) => !k.startsWith('capacity.'))) },
  }));
  const [cluster] = planChanges(before, after).clusters;
  expect(cluster.rollouts).toEqual([]);
  expect(cluster.dangers).toEqual([]);
  expect(cluster.changes).toEqual([{ kind: 'MachineDeployment', name: 'prod-batch', action: 'updated', paths: ['metadata.annotations["capacity.cluster-autoscaler.kubernetes.io/labels"]'] }]);
});
