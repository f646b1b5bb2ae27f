/** The management cluster's cluster-api-operator providers in the plan: changes, order, dangers, formats. */
import * as path from 'path';
import { readManifestPath } from '../../lib/io';
import { formatPlan, planChanges, planDangers, summarizePlan } from '../../lib/plan';
import { PlanManifest } from '../../lib/plan/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const read = (dir: string, side: string) => readManifestPath(path.join(FIXTURES, dir, side));

const KINDS = { core: 'CoreProvider', bootstrap: 'BootstrapProvider', controlPlane: 'ControlPlaneProvider', infrastructure: 'InfrastructureProvider', addon: 'AddonProvider' };

/** A provider object as cluster-api-operator v0.28 takes it. */
function provider(type: keyof typeof KINDS, name: string, version: string | undefined, namespace = `${name}-system`, spec: Record<string, unknown> = {}): PlanManifest {
  return {
    apiVersion: 'operator.cluster.x-k8s.io/v1alpha2',
    kind: KINDS[type],
    metadata: { name, namespace },
    spec: { ...(version ? { version } : {}), ...spec },
  };
}

const core = (version: string) => provider('core', 'cluster-api', version, 'capi-system');
const aws = (version: string, spec?: Record<string, unknown>) => provider('infrastructure', 'aws', version, 'capa-system', spec);

function providersOf(before: PlanManifest[], after: PlanManifest[]) {
  return planChanges(before, after).providers!;
}

describe('provider changes', () => {
  test('the fixture: upgrades, a contract change, a removal and an install, in clusterctl order', () => {
    const plan = planChanges(read('plan-management', 'before'), read('plan-management', 'after'));
    expect(plan.clusters).toEqual([]);
    expect(plan.unassigned).toBeUndefined();
    const p = plan.providers!;
    expect(p.changes.map((c) => [c.step, c.action, c.provider, c.from, c.to, c.contractFrom, c.contractTo])).toEqual([
      [1, 'upgrade', 'CAPI', 'v1.13.5', 'v1.14.0', 'v1beta2', 'v1beta2'],
      [2, 'upgrade', 'CABPK', 'v1.13.5', 'v1.14.0', 'v1beta2', 'v1beta2'],
      [3, 'upgrade', 'KCP', 'v1.13.5', 'v1.14.0', 'v1beta2', 'v1beta2'],
      [4, 'upgrade', 'CAPA', 'v2.11.0', 'v2.11.1', 'v1beta1', 'v1beta1'],
      [4, 'upgrade', 'CAPV', 'v1.15.3', 'v1.16.1', 'v1beta1', 'v1beta2'],
      // A removal comes after the other changes of its step.
      [4, 'remove', 'CAPD', 'v1.13.5', null, 'v1beta2', undefined],
      [5, 'install', 'CAAPH', null, 'v0.6.4', undefined, 'v1beta2'],
    ]);
    expect(p.changes[0].paths).toEqual(['spec.manager.featureGates.MachineTaintPropagation', 'spec.version']);
    // The Namespaces of the providers are the management cluster's objects, not "objects of no cluster".
    expect(p.objects).toEqual([
      { kind: 'Namespace', name: 'caaph-system', action: 'created', paths: [] },
      { kind: 'Namespace', name: 'capd-system', action: 'deleted', paths: [] },
    ]);
    expect(p.dangers.map((d) => [d.code, d.object])).toEqual([
      ['namespace-deleted', 'Namespace/capd-system'],
      ['provider-removed', 'InfrastructureProvider/docker'],
      ['provider-contract-changed', 'InfrastructureProvider/vsphere'],
    ]);
    expect(p.unchecked).toEqual([]);
    expect(planDangers(plan)).toEqual(p.dangers);
  });

  test('"upgrade CAPA v2.11.0 → v2.11.1" and what the operator does', () => {
    const plan = planChanges([aws('v2.11.0')], [aws('v2.11.1')]);
    expect(plan.providers).toEqual({
      changes: [{
        action: 'upgrade', type: 'infrastructure', kind: 'InfrastructureProvider', name: 'aws', namespace: 'capa-system', provider: 'CAPA',
        from: 'v2.11.0', to: 'v2.11.1', contractFrom: 'v1beta1', contractTo: 'v1beta1', paths: ['spec.version'], step: 4,
        effect: "the operator deletes the provider's controllers and installs the new ones (CRDs, namespace and objects stay); no machine is replaced",
      }],
      objects: [], dangers: [], unchecked: ["no CoreProvider in these manifests, so no provider's contract is checked against the core"],
    });
    expect(formatPlan(plan, 'text')).toContain('4. upgrade CAPA v2.11.0 → v2.11.1 (InfrastructureProvider capa-system/aws, contract v1beta1)');
  });

  test('no provider change, no providers part', () => {
    expect(planChanges([aws('v2.11.1')], [aws('v2.11.1')]).providers).toBeUndefined();
    expect(formatPlan(planChanges([aws('v2.11.1')], [aws('v2.11.1')]))).toBe('No changes: no object changes and no machine is replaced.\n');
  });

  test('a change of other fields only is a reconfiguration', () => {
    const p = providersOf([aws('v2.11.1')], [aws('v2.11.1', { manager: { featureGates: { MachinePool: true } } })]);
    expect(p.changes.map((c) => [c.action, c.paths])).toEqual([['reconfigure', ['spec.manager']]]);
    expect(p.dangers).toEqual([]);
  });

  test('installing a provider is information; the core first, the others once it is Ready', () => {
    const p = providersOf([], [core('v1.14.0'), aws('v2.11.1')]);
    expect(p.changes.map((c) => [c.step, c.action, c.effect])).toEqual([
      [1, 'install', 'installed first: every other provider waits until the CoreProvider is Ready'],
      [4, 'install', 'installed once the CoreProvider is Ready'],
    ]);
    expect(p.dangers).toEqual([]);
  });

  test('an unset version is the operator default', () => {
    const p = providersOf([provider('addon', 'helm', undefined)], [provider('addon', 'helm', 'v0.6.4')]);
    expect(p.changes.map((c) => [c.action, c.from, c.to])).toEqual([['upgrade', null, 'v0.6.4']]);
    expect(formatPlan(planChanges([], [provider('addon', 'helm', undefined)]))).toContain('5. install CAAPH (operator default)');
  });
});

describe('provider dangers', () => {
  test('removing a provider', () => {
    expect(providersOf([core('v1.14.0'), aws('v2.11.1')], [core('v1.14.0')]).dangers).toEqual([{
      code: 'provider-removed', object: 'InfrastructureProvider/aws',
      message: 'removing CAPA v2.11.1 deletes its controllers but not its CRDs or objects: nothing reconciles the objects of its infrastructure kinds any more (their clusters stop being managed); delete the clusters that use it first, or keep it',
    }]);
    expect(providersOf([core('v1.14.0')], []).dangers[0].message).toContain('removing CAPI v1.14.0 deletes its controllers but not its CRDs or objects: nothing reconciles Clusters, Machines or MachineDeployments any more');
  });

  test('moving a provider to another namespace', () => {
    const p = providersOf([aws('v2.11.1')], [provider('infrastructure', 'aws', 'v2.11.1', 'capa-new')]);
    expect(p.changes.map((c) => [c.action, c.namespace])).toEqual([['install', 'capa-new'], ['remove', 'capa-system']]);
    expect(p.dangers).toEqual([{
      code: 'provider-removed', object: 'InfrastructureProvider/aws',
      message: 'CAPA moves from namespace capa-system to capa-new: the operator deletes it in one and installs it in the other, so its controllers are down in between',
    }]);
  });

  test('a downgrade: refused by the operator across minors, applied within a patch line', () => {
    expect(providersOf([aws('v2.11.1')], [aws('v2.10.3')]).dangers).toEqual([{
      code: 'provider-downgrade', object: 'InfrastructureProvider/aws',
      message: 'CAPA v2.11.1 → v2.10.3 is a downgrade, which Cluster API does not support (kubernetes-sigs/cluster-api v1.14.0 docs/book/src/reference/versions.md (Downgrades: "Cluster API does not support version downgrades")); the operator refuses a minor or major downgrade in its preflight check, so CAPA stays on v2.11.1',
    }]);
    const patch = providersOf([aws('v2.11.1')], [aws('v2.11.0')]);
    expect(patch.changes[0].action).toBe('downgrade');
    expect(patch.dangers[0].message).toMatch(/; the operator applies a patch downgrade \(its preflight check compares major and minor only\)$/);
  });

  test('core and kubeadm may not move more than three minors at once', () => {
    const p = providersOf([core('v1.10.4'), provider('bootstrap', 'kubeadm', 'v1.10.4')], [core('v1.14.0'), provider('bootstrap', 'kubeadm', 'v1.14.0')]);
    expect(p.dangers.filter((d) => d.code === 'provider-version-skip')).toEqual([
      {
        code: 'provider-version-skip', object: 'BootstrapProvider/kubeadm',
        message: "CABPK v1.10.4 → v1.14.0 moves 4 minor versions at once: the operator's upgrade fails, clusterctl allows at most 3 (kubernetes-sigs/cluster-api v1.14.0 cmd/clusterctl/client/cluster/upgrader.go (doUpgrade) and docs/book/src/reference/versions.md (Skip upgrades)); upgrade to v1.13.x first",
      },
      expect.objectContaining({ object: 'CoreProvider/cluster-api', message: expect.stringContaining('CAPI v1.10.4 → v1.14.0 moves 4 minor versions at once') }),
    ]);
    // v1.10 → v1.14 also moves the contract from v1beta1 to v1beta2.
    expect(p.dangers.filter((d) => d.code === 'provider-contract-changed').map((d) => d.object)).toEqual(['BootstrapProvider/kubeadm', 'CoreProvider/cluster-api']);
    expect(providersOf([core('v1.11.2')], [core('v1.14.0')]).dangers).toEqual([]);
    // Not enforced upstream for other providers.
    expect(providersOf([provider('infrastructure', 'vsphere', 'v1.12.0')], [provider('infrastructure', 'vsphere', 'v1.16.1')]).dangers.map((d) => d.code)).toEqual(['provider-contract-changed']);
  });

  test('a contract change', () => {
    expect(providersOf([provider('addon', 'helm', 'v0.4.2')], [provider('addon', 'helm', 'v0.5.0')]).dangers).toEqual([{
      code: 'provider-contract-changed', object: 'AddonProvider/helm',
      message: "CAAPH v0.4.2 → v0.5.0 moves from contract v1beta1 to v1beta2: its API and CRDs move on; apply it on its own, once the CoreProvider runs a Cluster API that works with v1beta2, after reading CAAPH's upgrade notes",
    }]);
  });

  test('a provider on a contract the core does not work with', () => {
    const p = providersOf([core('v1.10.4')], [core('v1.10.4'), provider('addon', 'helm', 'v0.6.4')]);
    expect(p.dangers).toEqual([{
      code: 'provider-contract-unsupported', object: 'AddonProvider/helm',
      message: "CAAPH v0.6.4 implements contract v1beta2, but the CoreProvider (Cluster API v1.10.4) works with providers on v1beta1: the operator's install of CAAPH fails (clusterctl checks every provider against the core's contract)",
    }]);
  });

  test('when the core moves, every provider is checked against it, changed or not', () => {
    const p = providersOf([core('v1.14.0'), provider('addon', 'helm', 'v0.6.4')], [core('v1.10.4'), provider('addon', 'helm', 'v0.6.4')]);
    expect(p.dangers.map((d) => [d.code, d.object])).toEqual([
      ['provider-downgrade', 'CoreProvider/cluster-api'],
      ['provider-contract-changed', 'CoreProvider/cluster-api'],
      ['provider-contract-unsupported', 'AddonProvider/helm'],
    ]);
  });

  test('a provider or release the version table does not know is said, not passed silently', () => {
    const p = providersOf([core('v1.14.0')], [core('v1.14.0'), provider('infrastructure', 'metal3', 'v1.10.0'), aws('v2.12.0')]);
    expect(p.unchecked).toEqual([
      'CAPA v2.12.0: release series v2.12 is not in the version table, so its contract is not checked',
      'metal3 infrastructure provider v1.10.0: not a provider the version table knows, so its contract is not checked',
    ]);
    expect(p.changes.map((c) => c.provider)).toEqual(['CAPA', 'metal3 infrastructure provider']);
    expect(formatPlan(planChanges([core('v1.14.0')], [core('v1.14.0'), provider('addon', 'helm', undefined)]))).toContain('Not checked:\n    CAAPH: no version pinned (the operator installs its default), so its contract is not checked');
    expect(providersOf([], [core('v1.15.0')]).unchecked).toEqual(['Cluster API v1.15.0 is not in the version table: no provider\'s contract is checked against it']);
    expect(providersOf([core('v1.14.0')], [core('v1.14.0'), aws('main')]).unchecked).toEqual(['CAPA main: not a release version, so its contract is not checked']);
    expect(providersOf([], [aws('v2.11.1')]).unchecked).toEqual(["no CoreProvider in these manifests, so no provider's contract is checked against the core"]);
  });
});

describe('the workload clusters follow the CoreProvider', () => {
  test("the desired CoreProvider's Cluster API version gives the supported workload window", () => {
    const before = read('plan', 'before');
    const after = read('plan', 'after');
    expect(planDangers(planChanges(before, after)).map((d) => d.code)).not.toContain('version-unsupported');
    const withOldCore = planChanges([...before, core('v1.10.4')], [...after, core('v1.10.4')]);
    expect(withOldCore.providers).toBeUndefined();
    expect(planDangers(withOldCore).filter((d) => d.code === 'version-unsupported').map((d) => d.message)).toContain(
      'control plane version v1.34 is outside the supported window v1.27 to v1.33 of this Cluster API version',
    );
    // An explicit window wins.
    expect(planDangers(planChanges([...before, core('v1.10.4')], [...after, core('v1.10.4')], { supportedVersions: { oldest: 'v1.31', newest: 'v1.36' } })).map((d) => d.code)).not.toContain('version-unsupported');
  });
});

describe('formats and the fleet summary', () => {
  const before = [...read('plan', 'before'), ...read('plan-management', 'before')];
  const after = [...read('plan', 'after'), ...read('plan-management', 'after')];
  const plan = planChanges(before, after);

  test('the summary lists the provider changes in order, and their dangers as the management cluster\'s', () => {
    const summary = summarizePlan(plan);
    expect(summary.providers!.map((p) => `${p.step} ${p.action} ${p.provider}`)).toEqual([
      '1 upgrade CAPI', '2 upgrade CABPK', '3 upgrade KCP', '4 upgrade CAPA', '4 upgrade CAPV', '4 remove CAPD', '5 install CAAPH',
    ]);
    expect(summary.dangers.filter((d) => d.management).map((d) => d.code)).toEqual(['namespace-deleted', 'provider-removed', 'provider-contract-changed']);
    expect(summary.dangers.filter((d) => d.management).every((d) => d.clusters.length === 0)).toBe(true);
    expect(summarizePlan(planChanges(read('plan', 'before'), read('plan', 'after'))).providers).toBeUndefined();
  });

  test('text: the headline counts provider changes; the summary and the details name them', () => {
    const text = formatPlan(plan, 'text');
    expect(text).toMatch(/^Plan: \d+ dangers, \d+ machine rollouts?, 1 cluster affected, 7 provider changes\.\n/);
    expect(text).toContain('    management cluster: 4. upgrade CAPA v2.11.0 → v2.11.1\n');
    expect(text).toContain('    management cluster: ! provider-removed InfrastructureProvider/docker: removing CAPD v1.13.5');
    expect(text).toContain('\nManagement cluster (cluster-api-operator providers)\n  Dangers:\n');
    expect(text.indexOf('Management cluster (cluster-api-operator providers)')).toBeLessThan(text.indexOf('\nCluster '));
  });

  test('markdown: the providers in a table, in their own details block', () => {
    const md = formatPlan(plan, 'markdown');
    expect(md).toContain('<details><summary>Management cluster (cluster-api-operator providers): 3 dangers, 7 provider changes</summary>');
    expect(md).toContain('| 4 | upgrade CAPV v1.15.3 → v1.16.1<br>`spec.version` | InfrastructureProvider `capv-system/vsphere` | v1beta1 → v1beta2 |');
    expect(md).toContain('- management cluster: **provider-removed** `InfrastructureProvider/docker`');
  });

  test('markdown escapes what the manifests say', () => {
    const hostile = provider('infrastructure', '<b>x</b>', 'v1.0.0</details>');
    const md = formatPlan(planChanges([], [hostile]), 'markdown');
    // Outside code spans (which GitHub shows literally) no HTML of the manifests is left.
    const outsideCode = md.replace(/`[^`]*`/g, '');
    expect(outsideCode).not.toContain('<b>');
    expect(outsideCode.match(/<\/details>/g)).toHaveLength(1);
    expect(md).toContain('install &lt;b&gt;x&lt;/b&gt; infrastructure provider v1.0.0&lt;/details&gt;');
  });

  test('JSON: providers beside the clusters; --summary keeps their dangers, marked', () => {
    const json = JSON.parse(formatPlan(plan, 'json'));
    expect(json.providers.changes).toHaveLength(7);
    expect(json.summary.providers).toHaveLength(7);
    const only = JSON.parse(formatPlan(plan, 'json', { summaryOnly: true }));
    expect(only.dangers.filter((d: { management?: boolean }) => d.management).map((d: { code: string }) => d.code)).toEqual(['namespace-deleted', 'provider-removed', 'provider-contract-changed']);
  });

  test('a markdown output cut to fit says it left out the providers', () => {
    const big = planChanges([], Array.from({ length: 400 }, (_, i) => provider('infrastructure', `p${i}`, 'v1.0.0')));
    const md = formatPlan(big, 'markdown', { markdownMaxLength: 5000 });
    expect(md.length).toBeLessThanOrEqual(5000);
    expect(md).toContain("the management cluster's provider details");
  });
});
