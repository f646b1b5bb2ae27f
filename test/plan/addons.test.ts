/** The plan's add-on rules: deselection uninstalls (a danger), changes upgrade in place, a ClusterResourceSet leaves what it applied. */
import { AddonSpec, ManagedClusterSpec, Plan, planChanges, renderAddons, renderManagedCluster } from '../../lib';
import { devSpec } from '../core/fixtures';

const CNI: AddonSpec = { name: 'cni', kind: 'cni', plugin: 'cilium' };
const STORAGE: AddonSpec = { name: 'storage', kind: 'manifests', strategy: 'ApplyOnce', content: 'kind: StorageClass\n' };
const fleet = (...specs: ManagedClusterSpec[]) => [...specs.flatMap(s => renderManagedCluster(s).manifests), ...renderAddons(specs).manifests];
const a = (addons: AddonSpec[]) => devSpec({ name: 'a', addons });
const b = (addons: AddonSpec[]) => devSpec({ name: 'b', addons });
const of = (plan: Plan, name: string) => plan.clusters.find(c => c.cluster === name);

test('a CNI version change for the whole namespace is an in-place upgrade on every cluster, no danger', () => {
  const next = { ...CNI, version: '1.19.4' };
  const plan = planChanges(fleet(a([CNI]), b([CNI])), fleet(a([next]), b([next])));
  for (const name of ['a', 'b']) {
    expect(of(plan, name)!.dangers).toEqual([]);
    expect(of(plan, name)!.inPlace).toEqual([{ target: 'add-on cni (chart cilium, release cni): CAAPH upgrades the release from chart 1.19.3 to 1.19.4', kind: 'HelmChartProxy', name: 'cni', paths: ['spec.version'] }]);
  }
});

test('removing the CNI from one cluster is a danger for that cluster only: CAAPH uninstalls it', () => {
  const plan = planChanges(fleet(a([CNI]), b([CNI])), fleet(a([CNI]), b([])));
  expect(of(plan, 'a')).toBeUndefined();
  expect(of(plan, 'b')!.dangers).toEqual([{
    code: 'addon-uninstalled', object: 'HelmChartProxy/cni',
    message: 'uninstalls cni (chart cilium, release cni) from cluster b: the HelmChartProxy no longer selects the Cluster (its labels or the selector changed), and CAAPH deletes the release',
  }]);
});

test('moving a cluster to another channel uninstalls and installs again', () => {
  const plan = planChanges(fleet(a([CNI]), b([CNI])), fleet(a([CNI]), b([{ ...CNI, channel: 'canary', version: '1.19.4' }])));
  expect(of(plan, 'b')!.dangers.map(d => d.message)).toEqual([expect.stringMatching(/uninstalls cni .* from cluster b: .*; HelmChartProxy cni-canary installs it again, so the workload cluster runs without it in between$/)]);
});

test('removing the last user of a proxy removes it: a danger, with the proxy named', () => {
  const plan = planChanges(fleet(a([CNI])), fleet(a([])));
  expect(of(plan, 'a')!.dangers).toEqual([expect.objectContaining({ code: 'addon-uninstalled', message: expect.stringMatching(/the HelmChartProxy is removed/) })]);
});

test('removing a ClusterResourceSet says what stays; changing its strategy is refused upstream', () => {
  const removed = planChanges(fleet(a([STORAGE])), fleet(a([])));
  expect(of(removed, 'a')!.dangers).toEqual([]);
  expect(of(removed, 'a')!.inPlace.map(p => p.target)).toEqual(['add-on storage: the ClusterResourceSet no longer applies to the cluster; what it applied stays in the workload cluster (CAPI never removes it)']);
  const restrategized = planChanges(fleet(a([STORAGE])), fleet(a([{ ...STORAGE, strategy: 'Reconcile' }])));
  expect(of(restrategized, 'a')!.dangers).toEqual([expect.objectContaining({ code: 'immutable-field-changed', message: expect.stringMatching(/strategy is immutable \(ApplyOnce to Reconcile\)/) })]);
});

test('a deleted cluster has no add-on danger of its own (the deletion is the danger)', () => {
  const plan = planChanges(fleet(a([CNI]), b([CNI])), fleet(a([CNI])));
  expect(of(plan, 'b')!.dangers.map(d => d.code)).not.toContain('addon-uninstalled');
});

test('unchanged add-ons: no change', () => {
  expect(planChanges(fleet(a([CNI, STORAGE])), fleet(a([CNI, STORAGE]))).clusters).toEqual([]);
});
