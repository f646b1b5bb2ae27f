// Why a pool rolls: the field changes between the old and the new template, the object's own
// rolling changes, scaling instead of "in place", rollout.after against "now", and cleanup wording.
import { ManagedClusterSpec, planChanges, renderManagedCluster } from '../../lib';
import { fieldChanges, shownValue } from '../../lib/plan/fields';
import { formatPlan, PLAN_FORMATS } from '../../lib/plan/format';
import { PlanCluster, PlanManifest } from '../../lib/plan/types';
import { awsSpec } from '../core/fixtures';
import { base, edit, rotate, without } from './fixtures';

const render = (spec: ManagedClusterSpec) => [...renderManagedCluster(spec).manifests] as PlanManifest[];
const only = (before: PlanManifest[], after: PlanManifest[], now?: Date): PlanCluster => {
  const plan = planChanges(before, after, { now });
  expect(plan.clusters).toHaveLength(1);
  return plan.clusters[0];
};
const withPool = (name: string, change: (p: any) => any) => {
  const spec = awsSpec();
  return awsSpec({ workerPools: spec.workerPools!.map((p) => (p.name === name ? change(p) : p)) });
};
const rolloutOf = (c: PlanCluster, target: string) => c.rollouts.find((r) => r.target === target)!;

describe('why a pool rolls', () => {
  test('a new instance type: the rotated machine template says instanceType t3.large → m7i.large', () => {
    const before = withPool('general', (p) => ({ ...p, machine: { aws: { instanceType: 't3.large' } } }));
    const after = withPool('general', (p) => ({ ...p, machine: { aws: { instanceType: 'm7i.large' } } }));
    const c = only(render(before), render(after));
    expect(c.rollouts.map((r) => r.target)).toEqual(['general']);
    expect(rolloutOf(c, 'general').fieldChanges).toEqual([{ path: 'instanceType', kind: 'AWSMachineTemplate', from: 't3.large', to: 'm7i.large' }]);
    expect(rolloutOf(c, 'general').causes[0]).toMatch(/^machine template rotated prod-general-\w+ → prod-general-\w+$/);
  });

  test('kubeadm files are addressed by path, users and kubelet flags by name; added fields have no from', () => {
    const before = withPool('general', (p) => ({
      ...p,
      files: [{ path: '/etc/app.conf', content: 'level=info', owner: 'root:root' }],
      users: [{ name: 'ops', shell: '/bin/sh' }],
      kubeletExtraArgs: { 'max-pods': '50' },
    }));
    const after = withPool('general', (p) => ({
      ...p,
      files: [{ path: '/etc/extra.conf', content: 'x=1' }, { path: '/etc/app.conf', content: 'level=debug', owner: 'root:root' }],
      users: [{ name: 'ops', shell: '/bin/bash' }],
      kubeletExtraArgs: { 'max-pods': '110' },
    }));
    const c = only(render(before), render(after));
    const changes = rolloutOf(c, 'general').fieldChanges;
    const hash = (v: string) => shownValue(v, ['content']);
    expect(changes).toEqual([
      { path: 'files[/etc/app.conf].content', kind: 'KubeadmConfigTemplate', from: hash('level=info'), to: hash('level=debug') },
      { path: 'files[/etc/extra.conf].content', kind: 'KubeadmConfigTemplate', to: hash('x=1') },
      { path: 'joinConfiguration.nodeRegistration.kubeletExtraArgs[max-pods].value', kind: 'KubeadmConfigTemplate', from: '50', to: '110' },
      { path: 'users[ops].shell', kind: 'KubeadmConfigTemplate', from: '/bin/sh', to: '/bin/bash' },
    ]);
    expect(hash('level=info')).toMatch(/^sha256:[0-9a-f]{8}$/);
  });

  test('secrets never appear in any output format: file contents, commands, passwords and token-like values are hashed', () => {
    const secret = 'hunter2-S3CR3T-value';
    const before = withPool('general', (p) => ({ ...p, files: [{ path: '/etc/app.conf', content: 'token=old' }] }));
    const after = withPool('general', (p) => ({
      ...p,
      files: [{ path: '/etc/app.conf', content: `token=${secret}` }],
      preKubeadmCommands: [`echo ${secret} > /root/pass`],
      kubeletExtraArgs: { 'bootstrap-token': secret },
    }));
    const plan = planChanges(render(before), render(after));
    const changes = plan.clusters[0].rollouts[0].fieldChanges;
    expect(changes.map((c) => c.path)).toEqual([
      'files[/etc/app.conf].content',
      'joinConfiguration.nodeRegistration.kubeletExtraArgs[bootstrap-token].value',
      'preKubeadmCommands[0]',
    ]);
    for (const format of PLAN_FORMATS) expect(formatPlan(plan, format)).not.toContain(secret);
    expect(JSON.stringify(plan)).not.toContain(secret);
    // The same rule in the control plane's own kubeadmConfigSpec.
    const kcp = only(base(), edit(base(), 'KubeadmControlPlane', 'prod-control-plane', (m) => {
      m.spec.kubeadmConfigSpec.files = [{ path: '/etc/kubernetes/enc.yaml', content: secret }];
      m.spec.kubeadmConfigSpec.users = [{ name: 'ops', passwd: secret }];
    }));
    expect(rolloutOf(kcp, 'control-plane').fieldChanges.map((f) => [f.path, f.to?.startsWith('sha256:')])).toEqual([
      ['spec.kubeadmConfigSpec.files[/etc/kubernetes/enc.yaml].content', true],
      ['spec.kubeadmConfigSpec.users[ops].passwd', true],
    ]);
    for (const format of PLAN_FORMATS) expect(formatPlan({ clusters: [kcp] }, format)).not.toContain(secret);
  });

  test('the secrecy rule: names, long and multi-line strings are hashed; plain settings and httpTokens are shown', () => {
    expect(shownValue('required', ['instanceMetadataOptions', 'httpTokens'])).toBe('required');
    expect(shownValue('abc', ['spec', 'clientSecret'])).toMatch(/^sha256:/);
    expect(shownValue('abc', ['users', 'ops', 'passwd'])).toMatch(/^sha256:/);
    expect(shownValue('a'.repeat(65))).toMatch(/^sha256:/);
    expect(shownValue('line 1\nline 2')).toMatch(/^sha256:/);
    expect(shownValue(3)).toBe('3');
    expect(shownValue(true)).toBe('true');
    // Equal values give equal hashes (a reviewer sees that two clusters got the same content).
    expect(shownValue('x', ['content'])).toBe(shownValue('x', ['content']));
    expect(shownValue('x', ['content'])).not.toBe(shownValue('y', ['content']));
  });

  test('lists without a key are compared by index; a container that appears is shown by its leaves', () => {
    expect(fieldChanges({ a: ['x', 'y'] }, { a: ['x', 'z'], b: { c: 1, d: {} } })).toEqual([
      { path: 'a[1]', from: 'y', to: 'z' },
      { path: 'b.c', to: '1' },
      { path: 'b.d', to: '{}' },
    ]);
    // A list whose items share a name falls back to indexes.
    expect(fieldChanges([{ name: 'n', v: 1 }, { name: 'n', v: 2 }], [{ name: 'n', v: 1 }, { name: 'n', v: 3 }]).map((c) => c.path)).toEqual(['[1].v']);
    expect(fieldChanges({ ami: { id: 'ami-1' } }, { ami: 'ami-2' })).toEqual([{ path: 'ami', to: 'ami-2' }, { path: 'ami.id', from: 'ami-1' }]);
  });

  test('the object\'s own rolling changes are field changes too; a rotation whose old template is missing has none', () => {
    const after = rotate(base(), 'AWSMachineTemplate', 'prod-general-0e9d8c7b', 'prod-general-44aa55bb', (m) => {
      m.spec.template.spec.instanceType = 'm6i.2xlarge';
    });
    const upgraded = edit(after, 'MachineDeployment', 'prod-general', (m) => {
      m.spec.template.spec.version = 'v1.33.5';
      m.spec.template.spec.failureDomain = 'eu-west-1b';
    });
    expect(rolloutOf(only(base(), upgraded), 'general').fieldChanges).toEqual([
      { path: 'instanceType', kind: 'AWSMachineTemplate', from: 'm6i.xlarge', to: 'm6i.2xlarge' },
      { path: 'spec.template.spec.failureDomain', kind: 'MachineDeployment', from: 'eu-west-1a', to: 'eu-west-1b' },
      { path: 'spec.template.spec.version', kind: 'MachineDeployment', from: 'v1.33.4', to: 'v1.33.5' },
    ]);
    // The old template is on neither side: the cause stays, no field changes.
    const c = only(without(base(), 'AWSMachineTemplate', 'prod-general-0e9d8c7b'), after);
    expect(rolloutOf(c, 'general')).toEqual(expect.objectContaining({ reason: 'machine template rotated prod-general-0e9d8c7b → prod-general-44aa55bb', fieldChanges: [] }));
  });

  test('live, the old template is compared on the new one\'s paths: server defaults are no change', () => {
    const after = rotate(base(), 'AWSMachineTemplate', 'prod-general-0e9d8c7b', 'prod-general-44aa55bb', (m) => {
      m.spec.template.spec.instanceType = 'm6i.2xlarge';
    });
    const live = edit(base(), 'AWSMachineTemplate', 'prod-general-0e9d8c7b', (m) => {
      m.spec.template.spec.cloudInit = { secureSecretsBackend: 'secrets-manager' };
    });
    const c = planChanges(live, after, { beforeIsLive: true }).clusters[0];
    expect(rolloutOf(c, 'general').fieldChanges).toEqual([{ path: 'instanceType', kind: 'AWSMachineTemplate', from: 'm6i.xlarge', to: 'm6i.2xlarge' }]);
  });
});

describe('replica changes are scaling', () => {
  const kcpReplicas = (n: number) => edit(base(), 'KubeadmControlPlane', 'prod-control-plane', (m) => (m.spec.replicas = n));

  test('a pool +2 machines is scaling, not in place, and rolls nothing', () => {
    const c = only(base(), edit(base(), 'MachineDeployment', 'prod-general', (m) => (m.spec.replicas = 5)));
    expect(c.scaling).toEqual([{ target: 'general', kind: 'MachineDeployment', name: 'prod-general', from: 3, to: 5 }]);
    expect(c.inPlace).toEqual([]);
    expect(c.rollouts).toEqual([]);
  });

  test('control plane 3 → 4 ends on an even count; 1 → 3 passes 2; 5 → 3 passes 4; 3 → 1 leaves no fault tolerance', () => {
    const note = (from: number, to: number) => only(kcpReplicas(from), kcpReplicas(to)).scaling[0].note;
    expect(only(base(), kcpReplicas(4)).scaling).toEqual([
      {
        target: 'control-plane',
        kind: 'KubeadmControlPlane',
        name: 'prod-control-plane',
        from: 3,
        to: 4,
        note: 'KCP adds one machine (etcd member) at a time: 3 → 4; ends at 4 members, which tolerate no more failures than 3',
      },
    ]);
    expect(note(1, 3)).toBe('KCP adds one machine (etcd member) at a time: 1 → 2 → 3; passes 2 members, which lose quorum when either fails');
    expect(note(5, 3)).toBe('KCP removes one machine (etcd member) at a time: 5 → 4 → 3; passes 4 members, which tolerate no more failures than 3');
    expect(note(3, 1)).toBe('KCP removes one machine (etcd member) at a time: 3 → 2 → 1; passes 2 members, which lose quorum when either fails; 1 member has no fault tolerance');
    // The dangers stay as they were: an even end is control-plane-even, 3 → 1 is below quorum, 1 → 3 is none.
    expect(only(base(), kcpReplicas(4)).dangers.map((d) => d.code)).toEqual(['control-plane-even']);
    expect(only(base(), kcpReplicas(1)).dangers.map((d) => d.code)).toEqual(['control-plane-below-quorum']);
    expect(only(kcpReplicas(1), base()).dangers).toEqual([]);
  });

  test('an autoscaled pool: a set count is noted as the autoscaler\'s, a removed count is clamped into the bounds', () => {
    const batch = (n: number | undefined) => edit(base(), 'MachineDeployment', 'prod-batch', (m) => (n === undefined ? delete m.spec.replicas : (m.spec.replicas = n)));
    expect(only(batch(2), batch(4)).scaling[0]).toEqual(expect.objectContaining({ from: 2, to: 4, note: expect.stringContaining('the autoscaler changes the count again') }));
    // CAPI's MachineDeployment webhook moves 9 into the bounds 1 to 5.
    expect(only(batch(9), batch(undefined)).scaling[0]).toEqual(expect.objectContaining({ from: 9, to: 5, note: expect.stringContaining('left to the autoscaler (1 to 5)') }));
    // Within the bounds, the count is kept: nothing scales.
    expect(only(batch(3), batch(undefined)).scaling).toEqual([]);
  });
});

describe('rollout.after', () => {
  const at = (value: string) => edit(base(), 'MachineDeployment', 'prod-general', (m) => (m.spec.rollout.after = value));
  const now = new Date('2026-06-01T12:00:00Z');

  test('in the past the rollout starts now; in the future at that time (startsAt); unparsable stays as is', () => {
    const past = rolloutOf(only(base(), at('2026-05-01T00:00:00Z'), now), 'general');
    expect(past.reason).toBe('spec.rollout.after set to 2026-05-01T00:00:00Z, which has passed: the rollout starts now (machines created before it are replaced)');
    expect(past.startsAt).toBeUndefined();
    expect(past.fieldChanges).toEqual([{ path: 'spec.rollout.after', kind: 'MachineDeployment', to: '2026-05-01T00:00:00Z' }]);
    const future = rolloutOf(only(base(), at('2026-07-01T02:00:00+02:00'), now), 'general');
    expect(future.reason).toBe('spec.rollout.after set to 2026-07-01T02:00:00+02:00: the rollout starts at that time (machines created before it are replaced then)');
    expect(future.startsAt).toBe('2026-07-01T02:00:00+02:00');
    const garbage = rolloutOf(only(base(), at('next tuesday'), now), 'general');
    expect(garbage.reason).toBe('spec.rollout.after set to next tuesday (machines created before it are replaced from then on)');
    expect(garbage.startsAt).toBeUndefined();
    // The control plane reads the same clock.
    const kcp = edit(base(), 'KubeadmControlPlane', 'prod-control-plane', (m) => (m.spec.rollout.after = '2026-07-01T00:00:00Z'));
    expect(rolloutOf(only(base(), kcp, now), 'control-plane').startsAt).toBe('2026-07-01T00:00:00Z');
  });

  test('the default "now" is the clock', () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(rolloutOf(only(base(), at(future)), 'general').startsAt).toBe(future);
  });
});

describe('cleanup candidates', () => {
  test('a deleted pool\'s templates: delete them once the pool\'s machines are gone', () => {
    const c = only(base(), without(without(base(), 'MachineDeployment', 'prod-general'), 'MachineHealthCheck'));
    expect(c.cleanup.map((t) => t.reason)).toEqual([
      "left with the deleted worker pool prod-general; delete it once the pool's machines are gone",
      "left with the deleted worker pool prod-general; delete it once the pool's machines are gone",
    ]);
  });

  test('a deleted cluster\'s templates: delete them once the cluster is deleted', () => {
    const c = only(base(), []);
    expect(new Set(c.cleanup.map((t) => t.reason))).toEqual(new Set(['left with the deleted cluster prod; delete it once the cluster is deleted (its machines gone)']));
  });

  test('a superseded template keeps its wording', () => {
    const c = only(base(), rotate(base(), 'AWSMachineTemplate', 'prod-general-0e9d8c7b', 'prod-general-44aa55bb'));
    expect(c.cleanup.map((t) => t.reason)).toEqual(['superseded: left the manifests and is kept by its prune annotation; delete it once the rollout has finished']);
  });
});
