import { formatPlan } from '../../lib/plan/format';
import { planChanges } from '../../lib/plan/plan';
import { Plan, PlanCluster, PlanInputError, PlanManifest } from '../../lib/plan/types';
import { base, edit, get, rotate, without } from './fixtures';

const KCP = 'KubeadmControlPlane';
const MD = 'MachineDeployment';
const AMT = 'AWSMachineTemplate';
const KCT = 'KubeadmConfigTemplate';

function only(plan: Plan): PlanCluster {
  expect(plan.clusters.map((c) => `${c.namespace}/${c.cluster}`)).toEqual(['fleet/prod']);
  return plan.clusters[0];
}

function codes(c: PlanCluster): string[] {
  return c.dangers.map((d) => d.code);
}

/** The control plane upgraded one minor, as the core renders it: new version, rotated template. */
function upgradeControlPlane(manifests: PlanManifest[], version: string): PlanManifest[] {
  const rotated = rotate(manifests, AMT, 'prod-control-plane-1f2e3d4c', 'prod-control-plane-5b6a7988', (m) => {
    m.spec.template.spec.ami.id = 'ami-0ffeeffeeffeeffee';
  });
  return edit(rotated, KCP, 'prod-control-plane', (m) => {
    m.spec.version = version;
  });
}

describe('planChanges', () => {
  test('an unchanged synth yields an empty plan', () => {
    const plan = planChanges(base(), base());
    expect(plan).toEqual({ clusters: [] });
    expect(formatPlan(plan, 'text')).toBe('No changes: no object changes and no machine is replaced.\n');
  });

  test('a control plane upgrade with a rotated template rolls the control plane one at a time', () => {
    const c = only(planChanges(base(), upgradeControlPlane(base(), 'v1.34.1')));
    expect(c.rollouts).toEqual([
      {
        target: 'control-plane',
        kind: KCP,
        name: 'prod-control-plane',
        machines: 3,
        maxSurge: 1,
        maxUnavailable: 0,
        reason: 'version v1.33.4 → v1.34.1; machine template rotated prod-control-plane-1f2e3d4c → prod-control-plane-5b6a7988',
        strategy: 'RollingUpdate',
        causes: ['version v1.33.4 → v1.34.1', 'machine template rotated prod-control-plane-1f2e3d4c → prod-control-plane-5b6a7988'],
        fieldChanges: expect.any(Array),
      },
    ]);
    expect(c.versions).toEqual([{ target: 'control-plane', kind: KCP, name: 'prod-control-plane', from: 'v1.33.4', to: 'v1.34.1' }]);
    expect(c.changes).toEqual([
      { kind: KCP, name: 'prod-control-plane', action: 'updated', paths: ['spec.machineTemplate.spec.infrastructureRef.name', 'spec.version'] },
      { kind: AMT, name: 'prod-control-plane-5b6a7988', action: 'created', paths: [] },
    ]);
    // The superseded template is retained (prune disabled): a cleanup candidate, not a deletion.
    expect(c.cleanup).toEqual([
      expect.objectContaining({ kind: AMT, name: 'prod-control-plane-1f2e3d4c', reason: expect.stringMatching(/^superseded/) }),
    ]);
    expect(c.dangers).toEqual([]);
    expect(c.inPlace).toEqual([]);
  });

  test('a control plane upgrade that skips a minor is a version-skip danger', () => {
    const c = only(planChanges(base(), upgradeControlPlane(base(), 'v1.35.0')));
    expect(c.dangers).toEqual([
      { code: 'version-skip', object: 'KubeadmControlPlane/prod-control-plane', message: expect.stringContaining('skips v1.34') },
    ]);
  });

  test('a downgrade of the control plane is a version-downgrade danger', () => {
    const c = only(planChanges(base(), upgradeControlPlane(base(), 'v1.32.9')));
    // The pools stay on v1.33: after the downgrade they are ahead of the control plane.
    expect(codes(c)).toEqual(['version-downgrade', 'workers-ahead-of-control-plane', 'workers-ahead-of-control-plane']);
  });

  test('a version outside the supported window is version-unsupported, and the window is data', () => {
    // v1.37 is also four minors ahead of both pools (kubelet skew is three).
    expect(codes(only(planChanges(base(), upgradeControlPlane(base(), 'v1.37.0'))))).toEqual([
      'version-skip',
      'workers-too-far-behind',
      'workers-too-far-behind',
      'version-unsupported',
    ]);
    expect(() => planChanges(base(), base(), { supportedVersions: { oldest: 'v1.36', newest: 'v1.31' } }))
      .toThrow('invalid supported versions {"oldest":"v1.36","newest":"v1.31"}: expected { oldest, newest } minors');
    expect(() => planChanges(base(), base(), { supportedVersions: { oldest: '1.31', newest: 'latest' } })).toThrow(PlanInputError);
    const narrow = planChanges(base(), upgradeControlPlane(base(), 'v1.34.1'), { supportedVersions: { oldest: 'v1.31', newest: 'v1.33' } });
    expect(only(narrow).dangers).toEqual([
      expect.objectContaining({ code: 'version-unsupported', message: expect.stringContaining('v1.34 is outside the supported window v1.31 to v1.33') }),
    ]);
  });

  test('workers newer than the control plane are workers-ahead-of-control-plane', () => {
    const after = edit(base(), MD, 'prod-general', (m) => {
      m.spec.template.spec.version = 'v1.34.1';
    });
    const c = only(planChanges(base(), after));
    expect(c.dangers).toEqual([
      { code: 'workers-ahead-of-control-plane', object: 'MachineDeployment/prod-general', message: expect.stringContaining('newer than the control plane v1.33') },
    ]);
    expect(c.rollouts.map((r) => [r.target, r.machines, r.reason])).toEqual([['general', 3, 'version v1.33.4 → v1.34.1']]);
  });

  test('upgrading workers in the same change as the control plane is workers-ahead-of-control-plane', () => {
    const after = edit(upgradeControlPlane(base(), 'v1.34.1'), MD, 'prod-general', (m) => {
      m.spec.template.spec.version = 'v1.34.1';
    });
    const c = only(planChanges(base(), after));
    expect(c.dangers).toEqual([expect.objectContaining({ code: 'workers-ahead-of-control-plane', message: expect.stringContaining('stays on v1.33 until its own rollout finishes') })]);
    expect(c.versions.map((v) => v.target)).toEqual(['control-plane', 'general']);
  });

  test('workers more than three minors behind the control plane are workers-too-far-behind', () => {
    let manifests = edit(base(), KCP, 'prod-control-plane', (m) => (m.spec.version = 'v1.35.0'));
    manifests = edit(manifests, MD, 'prod-general', (m) => (m.spec.template.spec.version = 'v1.35.0'));
    const after = edit(manifests, MD, 'prod-general', (m) => (m.spec.template.spec.version = 'v1.31.2'));
    expect(codes(only(planChanges(manifests, after)))).toEqual(['workers-too-far-behind']);
  });

  test('a rotated worker machine template rolls the pool with its surge settings', () => {
    const after = rotate(base(), AMT, 'prod-general-0e9d8c7b', 'prod-general-44aa55bb', (m) => {
      m.spec.template.spec.instanceType = 'm6i.2xlarge';
    });
    const c = only(planChanges(base(), after));
    expect(c.rollouts).toEqual([
      expect.objectContaining({
        target: 'general',
        kind: MD,
        name: 'prod-general',
        machines: 3,
        maxSurge: 1,
        maxUnavailable: 0,
        reason: 'machine template rotated prod-general-0e9d8c7b → prod-general-44aa55bb',
      }),
    ]);
    expect(c.cleanup.map((t) => t.name)).toEqual(['prod-general-0e9d8c7b']);
  });

  test('a rotated bootstrap template of an autoscaled pool rolls an unknown number of machines', () => {
    const after = rotate(base(), KCT, 'prod-batch-2c3d4e5f', 'prod-batch-6d7e8f90', (m) => {
      m.spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs[1].value = 'workload=batch,tier=spot';
    });
    const c = only(planChanges(base(), after));
    expect(c.rollouts).toEqual([
      expect.objectContaining({ target: 'batch', machines: null, maxSurge: 2, maxUnavailable: 0, autoscaling: { min: '1', max: '5' } }),
    ]);
    expect(c.rollouts[0].reason).toBe('bootstrap config template rotated prod-batch-2c3d4e5f → prod-batch-6d7e8f90');
    expect(formatPlan(planChanges(base(), after), 'text')).toContain('unknown (autoscaled between 1 and 5) machines');
  });

  test('with the OnDelete strategy a rotation replaces machines only when they are deleted', () => {
    const before = edit(base(), MD, 'prod-general', (m) => (m.spec.rollout.strategy = { type: 'OnDelete' }));
    const after = rotate(before, AMT, 'prod-general-0e9d8c7b', 'prod-general-44aa55bb');
    const c = only(planChanges(before, after));
    expect(c.rollouts).toEqual([expect.objectContaining({ target: 'general', strategy: 'OnDelete', machines: 3, maxSurge: null, maxUnavailable: null })]);
    expect(formatPlan(planChanges(before, after), 'text')).toContain('3 machines, replaced only when you delete them (OnDelete strategy)');
  });

  test('synced labels, autoscaler bounds, drain timeouts and the strategy change in place; replicas are scaling', () => {
    let after = edit(base(), MD, 'prod-general', (m) => {
      m.spec.replicas = 5;
      m.spec.template.metadata.labels['node-role.kubernetes.io/gpu'] = '';
      m.spec.template.spec.deletion.nodeDrainTimeoutSeconds = 900;
      m.spec.template.spec.minReadySeconds = 30;
      m.spec.rollout.strategy.rollingUpdate.maxSurge = '25%';
      m.spec.deletion = { order: 'Oldest' };
    });
    after = edit(after, MD, 'prod-batch', (m) => {
      m.metadata.annotations['cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size'] = '8';
    });
    after = edit(after, KCP, 'prod-control-plane', (m) => {
      m.spec.machineTemplate.metadata.labels.team = 'infra';
      m.spec.machineTemplate.spec.deletion.nodeDrainTimeoutSeconds = 120;
      m.spec.rollout.before.certificatesExpiryDays = 30;
    });
    const c = only(planChanges(base(), after));
    expect(c.rollouts).toEqual([]);
    expect(c.dangers).toEqual([]);
    expect(c.inPlace).toEqual([
      {
        target: 'control-plane',
        kind: KCP,
        name: 'prod-control-plane',
        paths: ['spec.machineTemplate.metadata.labels.team', 'spec.machineTemplate.spec.deletion.nodeDrainTimeoutSeconds', 'spec.rollout.before.certificatesExpiryDays'],
      },
      { target: 'batch', kind: MD, name: 'prod-batch', paths: ['metadata.annotations["cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size"]'] },
      {
        target: 'general',
        kind: MD,
        name: 'prod-general',
        paths: [
          'spec.deletion',
          'spec.rollout.strategy.rollingUpdate.maxSurge',
          'spec.template.metadata.labels["node-role.kubernetes.io/gpu"]',
          'spec.template.spec.deletion.nodeDrainTimeoutSeconds',
          'spec.template.spec.minReadySeconds',
        ],
      },
    ]);
    expect(c.scaling).toEqual([{ target: 'general', kind: MD, name: 'prod-general', from: 3, to: 5 }]);
  });

  test('a new rollout.after rolls the machines, removing it does not', () => {
    const after = edit(base(), MD, 'prod-general', (m) => (m.spec.rollout.after = '2026-01-10T02:00:00Z'));
    const c = only(planChanges(base(), after, { now: new Date('2026-01-09T00:00:00Z') }));
    expect(c.rollouts.map((r) => r.reason)).toEqual(['spec.rollout.after set to 2026-01-10T02:00:00Z: the rollout starts at that time (machines created before it are replaced then)']);
    const back = only(planChanges(after, base()));
    expect(back.rollouts).toEqual([]);
    expect(back.inPlace.map((p) => p.paths)).toEqual([['spec.rollout.after']]);
  });

  test('a kubeadmConfigSpec change rolls the control plane (conservatively)', () => {
    const after = edit(base(), KCP, 'prod-control-plane', (m) => {
      m.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs.push({ name: 'audit-log-maxage', value: '30' });
    });
    const c = only(planChanges(base(), after));
    expect(c.rollouts).toEqual([expect.objectContaining({ target: 'control-plane', machines: 3, reason: 'kubeadmConfigSpec changed (spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs[1])' })]);
  });

  test('a control plane rolling with maxSurge 0 removes an old machine first', () => {
    const before = edit(base(), KCP, 'prod-control-plane', (m) => (m.spec.rollout.strategy.rollingUpdate.maxSurge = 0));
    const c = only(planChanges(before, upgradeControlPlane(before, 'v1.34.1')));
    expect(c.rollouts[0]).toEqual(expect.objectContaining({ maxSurge: 0, maxUnavailable: 1 }));
    expect(formatPlan({ clusters: [c] }, 'text')).toContain('removing an old machine before adding its replacement (maxSurge 0)');
  });

  test('a template whose spec changes under the same name is a danger and rolls nothing', () => {
    let after = edit(base(), KCT, 'prod-general-7a6b5c4d', (m) => {
      m.spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs.push({ name: 'max-pods', value: '50' });
    });
    after = edit(after, AMT, 'prod-batch-9f8e7d6c', (m) => (m.spec.template.spec.instanceType = 'c6i.4xlarge'));
    const c = only(planChanges(base(), after));
    expect(c.rollouts).toEqual([]);
    expect(c.dangers).toEqual([
      expect.objectContaining({ code: 'immutable-field-changed', object: 'AWSMachineTemplate/prod-batch-9f8e7d6c', message: expect.stringContaining('webhook rejects it') }),
      expect.objectContaining({ code: 'template-mutated-in-place', object: 'KubeadmConfigTemplate/prod-general-7a6b5c4d', message: expect.stringContaining('only machines created later get it') }),
    ]);
  });

  test('changing the cluster network or the AWS region is immutable-field-changed', () => {
    let after = edit(base(), 'Cluster', 'prod', (m) => (m.spec.clusterNetwork.pods.cidrBlocks = ['10.244.0.0/16']));
    after = edit(after, 'AWSCluster', 'prod', (m) => (m.spec.region = 'eu-central-1'));
    const c = only(planChanges(base(), after));
    expect(c.dangers.map((d) => [d.code, d.object, d.message.split(' (')[0]])).toEqual([
      ['immutable-field-changed', 'AWSCluster/prod', 'spec.region cannot change on an existing AWSCluster'],
      ['immutable-field-changed', 'Cluster/prod', 'spec.clusterNetwork.pods.cidrBlocks changes on a running Cluster'],
    ]);
  });

  test('deleting every file of a cluster is cluster-deleted and namespace-deleted', () => {
    const c = only(planChanges(base(), []));
    expect(codes(c)).toEqual(['cluster-deleted', 'namespace-deleted']);
    expect(c.dangers[0].message).toContain('deletes every machine');
    expect(c.changes.filter((ch) => ch.action !== 'deleted')).toEqual([]);
    expect(c.changes.map((ch) => ch.kind)).toEqual(['Namespace', 'Cluster', 'AWSCluster', KCP, MD, MD, 'MachineHealthCheck', 'AWSClusterStaticIdentity']);
    // Retained templates stay on the cluster: cleanup candidates, CAPI garbage-collects owned ones.
    expect(c.cleanup).toHaveLength(5);
  });

  test('deleting a worker pool is pool-deleted', () => {
    const after = without(without(base(), MD, 'prod-general'), 'MachineHealthCheck');
    const c = only(planChanges(base(), after));
    expect(c.dangers).toEqual([{ code: 'pool-deleted', object: 'MachineDeployment/prod-general', message: 'deleting worker pool prod-general drains and deletes its 3 machines' }]);
    expect(c.cleanup.map((t) => `${t.kind}/${t.name}`)).toEqual(['AWSMachineTemplate/prod-general-0e9d8c7b', 'KubeadmConfigTemplate/prod-general-7a6b5c4d']);
  });

  test('an even control plane is control-plane-even; scaling 3 to 1 is control-plane-below-quorum', () => {
    const four = edit(base(), KCP, 'prod-control-plane', (m) => (m.spec.replicas = 4));
    expect(codes(only(planChanges(base(), four)))).toEqual(['control-plane-even']);
    const one = edit(base(), KCP, 'prod-control-plane', (m) => (m.spec.replicas = 1));
    const c = only(planChanges(base(), one));
    expect(codes(c)).toEqual(['control-plane-below-quorum']);
    expect(c.inPlace).toEqual([]);
    expect(c.scaling.map((s) => [s.from, s.to])).toEqual([[3, 1]]);
  });

  test('rolling a one-machine control plane with maxSurge 0 is control-plane-below-quorum', () => {
    const before = edit(base(), KCP, 'prod-control-plane', (m) => {
      m.spec.replicas = 1;
      m.spec.rollout.strategy.rollingUpdate.maxSurge = 0;
    });
    expect(codes(only(planChanges(before, upgradeControlPlane(before, 'v1.34.1'))))).toEqual(['control-plane-below-quorum']);
  });

  test('a reference to a template that is not in the manifests is template-missing', () => {
    const after = without(base(), AMT, 'prod-general-0e9d8c7b');
    const c = only(planChanges(base(), after));
    expect(c.dangers).toEqual([
      expect.objectContaining({ code: 'template-missing', object: 'MachineDeployment/prod-general', message: expect.stringContaining('spec.template.spec.infrastructureRef points to AWSMachineTemplate/prod-general-0e9d8c7b') }),
    ]);
  });

  test('an object that changes cluster or namespace is object-moved', () => {
    const otherCluster = edit(base(), 'MachineHealthCheck', 'prod-general', (m) => {
      m.spec.clusterName = 'staging';
      m.metadata.labels['cluster.x-k8s.io/cluster-name'] = 'staging';
    });
    const moved = planChanges(base(), otherCluster);
    expect(moved.clusters.map((c) => c.cluster)).toEqual(['staging']);
    expect(moved.clusters[0].dangers.map((d) => d.code)).toEqual(['immutable-field-changed', 'object-moved']);

    const otherNs = edit(base(), MD, 'prod-batch', (m) => (m.metadata.namespace = 'fleet-2'));
    const plan = planChanges(base(), otherNs);
    const target = plan.clusters.find((c) => c.namespace === 'fleet-2')!;
    // The templates stayed in fleet: from fleet-2 the pool's references dangle.
    expect(target.dangers.map((d) => d.code)).toEqual(['template-missing', 'template-missing', 'object-moved']);
    expect(target.dangers.slice(2)).toEqual([
      expect.objectContaining({ code: 'object-moved', message: 'MachineDeployment/prod-batch moves from namespace fleet to fleet-2: that deletes the old object (and what it owns) and creates a new one' }),
    ]);
  });

  test('objects without our labels are grouped by spec.clusterName and references', () => {
    const strip = (ms: PlanManifest[]) =>
      ms.map((m) => {
        const copy = structuredClone(m) as PlanManifest & { metadata: { labels?: Record<string, string> } };
        delete copy.metadata.labels;
        return copy;
      });
    const before = strip(base());
    const after = strip(rotate(base(), AMT, 'prod-control-plane-1f2e3d4c', 'prod-control-plane-5b6a7988', (m) => (m.spec.template.spec.instanceType = 'm6i.xlarge')));
    const c = only(planChanges(before, after));
    expect(c.rollouts.map((r) => r.target)).toEqual(['control-plane']);
    expect(c.changes.map((ch) => `${ch.action} ${ch.kind}`)).toEqual(['updated KubeadmControlPlane', 'created AWSMachineTemplate']);
    expect(c.cleanup.map((t) => t.name)).toEqual(['prod-control-plane-1f2e3d4c']);
    // The identity (cluster-scoped, no label) belongs to the cluster through AWSCluster.spec.identityRef.
    const identity = only(planChanges(before, edit(before, 'AWSClusterStaticIdentity', 'prod-credentials', (m) => (m.spec.allowedNamespaces.list = ['fleet', 'ops']))));
    expect(identity.changes).toEqual([{ kind: 'AWSClusterStaticIdentity', name: 'prod-credentials', action: 'updated', paths: ['spec.allowedNamespaces.list[1]'] }]);
  });

  test('a template without a prune annotation that leaves the manifests is deleted', () => {
    const before = edit(base(), AMT, 'prod-general-0e9d8c7b', (m) => delete m.metadata.annotations);
    const after = rotate(before, AMT, 'prod-general-0e9d8c7b', 'prod-general-44aa55bb');
    const c = only(planChanges(before, after));
    expect(c.changes.filter((ch) => ch.kind === AMT)).toEqual([
      { kind: AMT, name: 'prod-general-0e9d8c7b', action: 'deleted', paths: [] },
      { kind: AMT, name: 'prod-general-44aa55bb', action: 'created', paths: [] },
    ]);
    expect(c.cleanup).toEqual([]);
  });

  test('a Dev machine template changed under its name is immutable-field-changed', () => {
    const dev: PlanManifest = {
      apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
      kind: 'DevMachineTemplate',
      metadata: { name: 'lab-md-0-0a0b0c0d', namespace: 'lab', labels: { 'cluster.x-k8s.io/cluster-name': 'lab' } },
      spec: { template: { spec: { backend: { docker: {} } } } },
    };
    const changed = { ...dev, spec: { template: { spec: { backend: { docker: { extraMounts: [{ containerPath: '/data', hostPath: '/tmp' }] } } } } } };
    const plan = planChanges([dev], [changed]);
    expect(plan.clusters.map((c) => [c.cluster, c.dangers.map((d) => d.code)])).toEqual([['lab', ['immutable-field-changed']]]);
  });

  test('live mode compares only desired paths and lists live-only templates for cleanup', () => {
    const desired = base();
    const live = desired.map((m) => ({
      ...structuredClone(m),
      metadata: { ...structuredClone(m.metadata), uid: 'u-1', resourceVersion: '42', generation: 3, managedFields: [{ manager: 'flux' }] },
      status: { phase: 'Provisioned' },
    })) as PlanManifest[];
    const withDefaults = edit(live, MD, 'prod-batch', (m) => {
      m.spec.replicas = 4; // set by the autoscaler; absent from the desired side
      m.spec.template.spec.minReadySeconds = 0;
    });
    const old = structuredClone(get(desired, AMT, 'prod-general-0e9d8c7b'));
    old.metadata.name = 'prod-general-00c0ffee';
    expect(planChanges([...withDefaults, old as PlanManifest], desired, { beforeIsLive: true })).toEqual({
      clusters: [
        expect.objectContaining({
          changes: [],
          rollouts: [],
          dangers: [],
          cleanup: [{ kind: AMT, name: 'prod-general-00c0ffee', reason: 'on the management cluster, but no desired object references it; delete it once the rollout has finished' }],
        }),
      ],
    });
    // Without live mode the server fields are changes.
    expect(only(planChanges(withDefaults, desired)).changes.find((ch) => ch.name === 'prod-batch')!.paths).toEqual(['spec.replicas', 'spec.template.spec.minReadySeconds']);
  });

  test('clusters and objects come out sorted whatever the input order', () => {
    // A second cluster fleet-a/alpha: the same objects renamed.
    const alpha = base().map((m) => JSON.parse(JSON.stringify(m).split('prod').join('alpha').split('"fleet"').join('"fleet-a"')) as PlanManifest);
    const before = [...alpha, ...base()];
    const after = [
      ...edit(alpha, KCP, 'alpha-control-plane', (m) => (m.spec.replicas = 5)),
      ...upgradeControlPlane(base(), 'v1.34.1'),
    ].reverse();
    const plan = planChanges(before, after);
    expect(plan.clusters.map((c) => `${c.namespace}/${c.cluster}`)).toEqual(['fleet/prod', 'fleet-a/alpha']);
    expect(plan.clusters[0].changes.map((ch) => ch.kind)).toEqual([KCP, AMT]);
    expect(JSON.stringify(plan)).toBe(JSON.stringify(planChanges([...before].reverse(), [...after].reverse())));
  });

  test('throws when a side holds the same object twice', () => {
    const twice = [...base(), get(base(), MD, 'prod-general') as PlanManifest];
    expect(() => planChanges(base(), twice)).toThrow(PlanInputError);
    expect(() => planChanges(base(), twice)).toThrow('after: MachineDeployment/prod-general in namespace fleet appears twice');
  });
});
