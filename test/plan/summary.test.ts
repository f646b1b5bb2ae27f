import { summarizePlan } from '../../lib/plan/summary';
import { APP_CONF, cluster, evenControlPlane, fleetPlan, INSTANCE_TYPE, poolRollout, rootVolumeChange } from './hand-plans';

describe('summarizePlan', () => {
  test('one group for a rollout with the same field changes in 100 clusters, whatever their template names', () => {
    const plan = fleetPlan(100);
    const { rollouts, clusters } = summarizePlan(plan);
    expect(clusters).toBe(100);
    expect(rollouts).toEqual([
      {
        target: 'general',
        kind: 'MachineDeployment',
        strategy: 'RollingUpdate',
        fieldChanges: [APP_CONF, INSTANCE_TYPE],
        causes: ['machine template rotated {cluster}-general-{hash} → {cluster}-general-{hash}'],
        machines: 300,
        autoscaled: 0,
        clusters: plan.clusters.map((c) => `${c.namespace}/${c.cluster}`),
      },
    ]);
  });

  test('different field changes, strategies or start times are different groups, most clusters first', () => {
    const plan = {
      clusters: [
        cluster('a', 'one', { rollouts: [poolRollout('one', 'general', [INSTANCE_TYPE])] }),
        cluster('a', 'two', { rollouts: [poolRollout('two', 'general', [APP_CONF]), poolRollout('two', 'batch', [APP_CONF], { machines: null })] }),
        cluster('a', 'three', { rollouts: [poolRollout('three', 'general', [APP_CONF]), poolRollout('three', 'batch', [APP_CONF])] }),
        cluster('a', 'four', { rollouts: [poolRollout('four', 'general', [APP_CONF], { strategy: 'OnDelete' })] }),
        cluster('a', 'five', { rollouts: [poolRollout('five', 'general', [APP_CONF], { startsAt: '2030-01-01T00:00:00Z' })] }),
      ],
    };
    const groups = summarizePlan(plan).rollouts.map((r) => [r.target, r.fieldChanges.map((f) => f.path).join(), r.strategy, r.startsAt, r.clusters.join(), r.machines, r.autoscaled]);
    expect(groups).toEqual([
      ['batch', APP_CONF.path, 'RollingUpdate', undefined, 'a/two,a/three', 3, 1],
      ['general', APP_CONF.path, 'RollingUpdate', undefined, 'a/two,a/three', 6, 0],
      // Ties keep the plan's order.
      ['general', INSTANCE_TYPE.path, 'RollingUpdate', undefined, 'a/one', 3, 0],
      ['general', APP_CONF.path, 'OnDelete', undefined, 'a/four', 3, 0],
      ['general', APP_CONF.path, 'RollingUpdate', '2030-01-01T00:00:00Z', 'a/five', 3, 0],
    ]);
  });

  test('without field changes, causes are compared with the cluster names and hashes normalized; a group of one keeps the real names', () => {
    const rolled = (name: string, hash: string) => {
      const cause = `machine template rotated ${name}-general-${hash} → ${name}-general-44aa55bb; version v1.33.4 → v1.34.1`;
      return cluster('fleet', name, { rollouts: [poolRollout(name, 'general', [], { causes: cause.split('; '), reason: cause })] });
    };
    const { rollouts } = summarizePlan({ clusters: [rolled('alpha', '0e9d8c7b'), rolled('beta', '1f2e3d4c'), cluster('other', 'gamma', { rollouts: [poolRollout('gamma', 'system', [])] })] });
    expect(rollouts.map((r) => [r.causes, r.clusters])).toEqual([
      [['machine template rotated {cluster}-general-{hash} → {cluster}-general-{hash}', 'version v1.33.4 → v1.34.1'], ['fleet/alpha', 'fleet/beta']],
      [['machine template rotated gamma-system-0e9d8c7b → gamma-system-44aa55bb'], ['other/gamma']],
    ]);
  });

  test('dangers group by code, object and message with names normalized; dangers of no cluster stay apart', () => {
    const moved = (ns: string, name: string): ReturnType<typeof evenControlPlane> => ({
      code: 'object-moved',
      object: `MachineHealthCheck/${name}-mhc`,
      message: `MachineHealthCheck/${name}-mhc moves from cluster ${ns}/${name} to cluster ${ns}/${name}-new: CAPI does not move objects`,
    });
    const immutable = (ami: string) => ({ code: 'immutable-field-changed' as const, object: 'AWSMachineTemplate/x', message: `spec.template.spec.ami.id cannot change ("${ami}")` });
    const plan = {
      clusters: [
        cluster('a', 'prod', { dangers: [evenControlPlane('prod'), moved('a', 'prod')] }),
        cluster('b', 'production', { dangers: [evenControlPlane('production'), moved('b', 'production')] }),
        cluster('c', 'stage', { dangers: [{ ...evenControlPlane('stage'), message: 'another message for the production line' }] }),
        // Values that look like hashes are not names: different AMIs are different dangers.
        cluster('d', 'one', { dangers: [immutable('ami-0c1d2e3f4a5b6c7d8')] }),
        cluster('d', 'two', { dangers: [immutable('ami-0ffeeffeeffeeffee')] }),
      ],
      unassigned: { changes: [], dangers: [{ code: 'namespace-deleted' as const, object: 'Namespace/old', message: 'deleting Namespace old deletes every object in it' }] },
    };
    expect(summarizePlan(plan).dangers).toEqual([
      { code: 'namespace-deleted', object: 'Namespace/old', message: 'deleting Namespace old deletes every object in it', clusters: [] },
      { ...immutable('ami-0c1d2e3f4a5b6c7d8'), clusters: ['d/one'] },
      { ...immutable('ami-0ffeeffeeffeeffee'), clusters: ['d/two'] },
      { code: 'control-plane-even', object: 'KubeadmControlPlane/{cluster}-control-plane', message: evenControlPlane('x').message, clusters: ['a/prod', 'b/production'] },
      // One cluster: the real names (and "production" is a word here, not the cluster "prod").
      { code: 'control-plane-even', object: 'KubeadmControlPlane/stage-control-plane', message: 'another message for the production line', clusters: ['c/stage'] },
      {
        code: 'object-moved',
        object: 'MachineHealthCheck/{cluster}-mhc',
        message: 'MachineHealthCheck/{cluster}-mhc moves from cluster {namespace}/{cluster} to cluster {namespace}/{cluster}-new: CAPI does not move objects',
        clusters: ['a/prod', 'b/production'],
      },
    ]);
  });

  test('scaling and version steps group by target and from → to, in-place changes by paths', () => {
    const cp = (from: number, to: number, note?: string) => ({ target: 'control-plane', kind: 'KubeadmControlPlane', name: 'cp', from, to, ...(note ? { note } : {}) });
    const version = (from: string | null, to: string) => ({ target: 'control-plane', kind: 'KubeadmControlPlane', name: 'cp', from, to });
    const inPlace = (paths: string[]) => ({ target: 'batch', kind: 'MachineDeployment', name: 'md', paths });
    const plan = {
      clusters: [
        cluster('a', 'one', { scaling: [cp(3, 5)], versions: [version('v1.33.4', 'v1.34.1')], inPlace: [inPlace(['spec.template.metadata.labels.x'])] }),
        cluster('a', 'two', { scaling: [cp(3, 5)], versions: [version('v1.33.4', 'v1.34.1')], inPlace: [inPlace(['spec.template.metadata.labels.x'])] }),
        cluster('a', 'three', { scaling: [cp(1, 2, 'two etcd members: the control plane stops when either fails')], versions: [version(null, 'v1.34.1')], inPlace: [inPlace(['spec.rollout.strategy'])] }),
      ],
    };
    const s = summarizePlan(plan);
    expect(s.scaling.map((g) => [g.from, g.to, g.note, g.clusters])).toEqual([
      [3, 5, undefined, ['a/one', 'a/two']],
      [1, 2, 'two etcd members: the control plane stops when either fails', ['a/three']],
    ]);
    // A new control plane's version is no step (its cluster's details show it).
    expect(s.versions.map((g) => [g.from, g.to, g.clusters.length])).toEqual([['v1.33.4', 'v1.34.1', 2]]);
    expect(s.inPlace.map((g) => [g.paths, g.clusters.length])).toEqual([[['spec.template.metadata.labels.x'], 2], [['spec.rollout.strategy'], 1]]);
  });

  test('a real fleet change: a larger root volume for pool general in every AWS cluster is one group', () => {
    const { rollouts, dangers, clusters } = summarizePlan(rootVolumeChange(12));
    expect([clusters, dangers]).toEqual([6, []]);
    expect(rollouts).toHaveLength(1);
    expect(rollouts[0]).toMatchObject({ target: 'general', kind: 'MachineDeployment', clusters: ['team-0/fleet-0000', 'team-0/fleet-0010', 'team-1/fleet-0006', 'team-2/fleet-0002', 'team-3/fleet-0008', 'team-4/fleet-0004'] });
  });

  test('an empty plan has empty groups', () => {
    expect(summarizePlan({ clusters: [] })).toEqual({ clusters: 0, dangers: [], rollouts: [], scaling: [], versions: [], inPlace: [] });
  });

});
