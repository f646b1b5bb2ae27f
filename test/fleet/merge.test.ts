import '../../lib';
import { SpecMerger } from '../../lib/fleet/merge';
import { ValueOrigin } from '../../lib/fleet';

const ENV: ValueOrigin = { layer: 'environment', entry: 'prod', source: 'inventory/environments/prod.yaml' };
const SITE: ValueOrigin = { layer: 'site', entry: 'fra1', source: 'inventory/sites/fra1.yaml' };
const SELF: ValueOrigin = { layer: 'cluster', entry: 'a' };

function merge(...layers: Array<[unknown, ValueOrigin]>) {
  const m = new SpecMerger(SELF);
  const problems = layers.flatMap(([layer, origin]) => m.apply(layer, origin));
  return { ...m.result(), problems };
}

const valueAt = (r: ReturnType<typeof merge>, path: string) => r.provenance.find(e => e.path === path);

test('objects merge deeply, the later layer winning field by field', () => {
  const r = merge(
    [{ infrastructure: { aws: { region: 'eu-west-1', sshKeyName: 'ops' } }, controlPlane: { replicas: 3 } }, ENV],
    [{ infrastructure: { aws: { region: 'eu-central-1' } } }, SITE],
  );
  expect(r.spec).toEqual({ infrastructure: { aws: { region: 'eu-central-1', sshKeyName: 'ops' } }, controlPlane: { replicas: 3 } });
  expect(valueAt(r, 'infrastructure.aws.region')).toMatchObject({ value: 'eu-central-1', origin: SITE, overridden: [ENV] });
  expect(valueAt(r, 'infrastructure.aws.sshKeyName')).toMatchObject({ origin: ENV, overridden: [] });
});

test('lists replace the inherited list as a whole', () => {
  const r = merge(
    [{ network: { podCidrs: ['10.0.0.0/16', '10.1.0.0/16'] }, controlPlane: { certSans: ['a.example.com'] } }, ENV],
    [{ network: { podCidrs: ['10.9.0.0/16'] } }, SITE],
  );
  expect(r.spec.network!.podCidrs).toEqual(['10.9.0.0/16']);
  expect(valueAt(r, 'network.podCidrs')).toMatchObject({ value: ['10.9.0.0/16'], origin: SITE, overridden: [ENV], specPath: 'network.podCidrs' });
  expect(r.spec.controlPlane!.certSans).toEqual(['a.example.com']);
});

test('workerPools merge by name: a new name is appended, a known name merges into the inherited pool', () => {
  const r = merge(
    [{ workerPools: [{ name: 'general', replicas: 3, nodeLabels: { a: '1' } }, { name: 'batch', replicas: 1 }] }, ENV],
    [{ workerPools: [{ name: 'general', machine: { aws: { instanceType: 'm6i.large' } }, nodeLabels: { b: '2' } }, { name: 'gpu', replicas: 1 }] }, SITE],
  );
  expect(r.spec.workerPools).toEqual([
    { name: 'general', replicas: 3, nodeLabels: { a: '1', b: '2' }, machine: { aws: { instanceType: 'm6i.large' } } },
    { name: 'batch', replicas: 1 },
    { name: 'gpu', replicas: 1 },
  ]);
  expect(valueAt(r, 'workerPools[general].machine.aws.instanceType')).toMatchObject({ specPath: 'workerPools[0].machine.aws.instanceType', origin: SITE });
  expect(valueAt(r, 'workerPools[general].replicas')).toMatchObject({ specPath: 'workerPools[0].replicas', origin: ENV });
  // The key stays with the layer that brought the pool.
  expect(valueAt(r, 'workerPools[general].name')!.origin).toBe(ENV);
  expect(valueAt(r, 'workerPools[gpu].replicas')).toMatchObject({ specPath: 'workerPools[2].replicas', origin: SITE });
});

test('addons merge by name', () => {
  const r = merge(
    [{ addons: [{ name: 'cni', kind: 'cni', plugin: 'calico' }, { name: 'metrics', kind: 'helm', chart: 'metrics-server', repository: 'https://kubernetes-sigs.github.io/metrics-server', version: '3.12.2' }] }, ENV],
    [{ addons: [{ name: 'cni', plugin: 'cilium' }] }, SITE],
  );
  expect(r.spec.addons).toEqual([
    { name: 'cni', kind: 'cni', plugin: 'cilium' },
    { name: 'metrics', kind: 'helm', chart: 'metrics-server', repository: 'https://kubernetes-sigs.github.io/metrics-server', version: '3.12.2' },
  ]);
  expect(valueAt(r, 'addons[cni].plugin')).toMatchObject({ origin: SITE, overridden: [ENV] });
});

test('files merge by path, in the control plane and in every pool', () => {
  const r = merge(
    [{ controlPlane: { files: [{ path: '/etc/a', content: 'one' }, { path: '/etc/b', content: 'b' }] }, workerPools: [{ name: 'general', files: [{ path: '/etc/p', content: 'x', permissions: '0600' }] }] }, ENV],
    [{ controlPlane: { files: [{ path: '/etc/a', content: 'two' }] }, workerPools: [{ name: 'general', files: [{ path: '/etc/p', content: 'y' }, { path: '/etc/q', content: 'q' }] }] }, SITE],
  );
  expect(r.spec.controlPlane!.files).toEqual([{ path: '/etc/a', content: 'two' }, { path: '/etc/b', content: 'b' }]);
  expect(r.spec.workerPools![0].files).toEqual([{ path: '/etc/p', content: 'y', permissions: '0600' }, { path: '/etc/q', content: 'q' }]);
  expect(valueAt(r, 'controlPlane.files[/etc/a].content')).toMatchObject({ specPath: 'controlPlane.files[0].content', origin: SITE });
});

test('taints merge by key and effect: the same key with another effect is another taint', () => {
  const r = merge(
    [{ workerPools: [{ name: 'gpu', taints: [{ key: 'gpu', value: 'a', effect: 'NoSchedule' }] }], controlPlane: { taints: [{ key: 'cp', effect: 'NoSchedule' }] } }, ENV],
    [{ workerPools: [{ name: 'gpu', taints: [{ key: 'gpu', value: 'b', effect: 'NoSchedule' }, { key: 'gpu', effect: 'NoExecute' }] }] }, SITE],
  );
  expect(r.spec.workerPools![0].taints).toEqual([{ key: 'gpu', value: 'b', effect: 'NoSchedule' }, { key: 'gpu', effect: 'NoExecute' }]);
  expect(r.spec.controlPlane!.taints).toEqual([{ key: 'cp', effect: 'NoSchedule' }]);
  expect(valueAt(r, 'workerPools[gpu].taints[gpu:NoSchedule].value')).toMatchObject({ origin: SITE, overridden: [ENV] });
});

test('null removes an inherited value or a whole list', () => {
  const r = merge(
    [{ infrastructure: { aws: { region: 'eu-west-1', sshKeyName: 'ops' } }, network: { podCidrs: ['10.0.0.0/16'] }, labels: { a: '1', b: '2' } }, ENV],
    [{ infrastructure: { aws: { sshKeyName: null } }, network: { podCidrs: null }, labels: { b: null } }, SITE],
  );
  expect(r.spec).toEqual({ infrastructure: { aws: { region: 'eu-west-1' } }, network: {}, labels: { a: '1' } });
  expect(r.provenance.map(e => e.path)).not.toContain('infrastructure.aws.sshKeyName');
  // What is left of an emptied object is a value too, and says who emptied it.
  expect(valueAt(r, 'network')).toMatchObject({ value: {}, origin: SITE });
});

test('$remove: true removes the inherited item of a keyed list; a later layer may bring it back', () => {
  const r = merge(
    [{ workerPools: [{ name: 'general', replicas: 3 }, { name: 'gpu', replicas: 1 }] }, ENV],
    [{ workerPools: [{ name: 'gpu', $remove: true }] }, SITE],
  );
  expect(r.spec.workerPools).toEqual([{ name: 'general', replicas: 3 }]);
  const back = merge(
    [{ workerPools: [{ name: 'gpu', replicas: 1 }] }, ENV],
    [{ workerPools: [{ name: 'gpu', $remove: true }] }, SITE],
    [{ workerPools: [{ name: 'gpu', replicas: 2 }] }, SELF],
  );
  expect(back.spec.workerPools).toEqual([{ name: 'gpu', replicas: 2 }]);
});

test('$ifInherited merges into an inherited item only and adds nothing otherwise', () => {
  const r = merge(
    [{ workerPools: [{ name: 'general', replicas: 3 }] }, ENV],
    [{ workerPools: [{ name: 'general', $ifInherited: true, machine: { aws: { instanceType: 'm6i.large' } } }, { name: 'batch', $ifInherited: true, replicas: 9 }] }, SITE],
  );
  expect(r.spec.workerPools).toEqual([{ name: 'general', replicas: 3, machine: { aws: { instanceType: 'm6i.large' } } }]);
});

test('overrides accumulate in layer order: the provenance names the winner and every layer it overrode', () => {
  const r = merge([{ version: 'v1.33.4' }, ENV], [{ version: 'v1.34.2' }, SITE], [{ version: 'v1.35.0' }, SELF]);
  expect(r.spec.version).toBe('v1.35.0');
  expect(valueAt(r, 'version')).toMatchObject({ origin: SELF, overridden: [ENV, SITE] });
});

test('a layer never changes the objects it was given, nor does merging share them with the spec', () => {
  const layer = { workerPools: [{ name: 'general', nodeLabels: { a: '1' } }], network: { podCidrs: ['10.0.0.0/16'] } };
  const copy = JSON.parse(JSON.stringify(layer));
  const r = merge([layer, ENV], [{ workerPools: [{ name: 'general', nodeLabels: { b: '2' } }] }, SITE]);
  expect(layer).toEqual(copy);
  expect(r.spec.network!.podCidrs).not.toBe(layer.network.podCidrs);
});

test('problems of a layer are returned with paths in that layer, not thrown', () => {
  const r = merge([{ workerPools: [{ replicas: 1 }, 'general', { name: 'a', $remove: 'yes' }, { name: 'b', $remove: true, replicas: 2 }] }, ENV]);
  expect(r.problems.map(p => `${p.path}: ${p.message}`)).toEqual([
    'workerPools[0]: needs its name: layers merge this list by name',
    'workerPools[1]: must be an object with name',
    'workerPools[2].$remove: must be true (remove the inherited item) or left out',
    'workerPools[3]: removes the item, so it cannot also set replicas',
  ]);
});

test('hostile input: __proto__ stays data, cycles and deep nesting are problems, not crashes', () => {
  const proto = JSON.parse('{"labels": {"__proto__": {"polluted": "yes"}}}');
  const r = merge([proto, ENV]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(r.spec.labels!)).toEqual(['__proto__']);

  const cyclic: Record<string, unknown> = { labels: { a: '1' } };
  (cyclic.labels as Record<string, unknown>).self = cyclic;
  expect(merge([cyclic, ENV]).problems[0].message).toBe('the value contains itself (a cycle)');
  const list: unknown[] = [];
  list.push(list);
  expect(merge([{ controlPlane: { certSans: list } }, ENV]).problems[0].message).toBe('the value contains itself (a cycle)');

  let deep: Record<string, unknown> = {};
  const top = deep;
  for (let i = 0; i < 500; i++) deep = (deep.x = {}) as Record<string, unknown>;
  expect(merge([{ addons: [{ name: 'a', values: top }] }, ENV]).problems[0].message).toMatch(/nested more than 100 levels deep/);
});
