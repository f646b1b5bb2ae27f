import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planChanges } from '../../lib/plan/plan';
import { loadKubeConfig, pluralOf, readLiveManifests } from '../../lib/io/live';
import { PlanInputError } from '../../lib/plan/types';
import { base } from '../plan/fixtures';
import { desiredObjects, liveObjects, startStandIn, StandIn } from '../plan/standin';

describe('readLiveManifests against a local API stand-in', () => {
  let dir: string;
  let standIn: StandIn;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-live-'));
    standIn = await startStandIn(liveObjects(), { dir });
  });

  afterEach(async () => {
    await standIn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('reads the CAPI objects of the desired clusters, pages through lists and authenticates', async () => {
    const desired = desiredObjects();
    const live = await readLiveManifests(desired, { kubeconfig: standIn.kubeconfig, context: 'management', pageSize: 2 });
    expect(live.unread).toEqual([]);
    const names = live.objects.map((m) => `${m.kind}/${m.metadata.name}`).sort();
    expect(names).toContain('AWSMachineTemplate/prod-general-00c0ffee');
    expect(names).toContain('Namespace/fleet');
    expect(names).toContain('AWSClusterStaticIdentity/prod-credentials');
    expect(names.filter((n) => n.includes('legacy'))).toEqual([]);
    expect(names).toHaveLength(14);

    const urls = standIn.requests.map((r) => r.url);
    expect(urls).toContain('/apis/cluster.x-k8s.io/v1beta2/namespaces/fleet/machinedeployments?limit=2');
    expect(urls.some((u) => u.startsWith('/apis/infrastructure.cluster.x-k8s.io/v1beta2/namespaces/fleet/awsmachinetemplates?') && u.includes('continue='))).toBe(true);
    expect(urls).toContain('/api/v1/namespaces/fleet');
    expect(urls).toContain('/apis/infrastructure.cluster.x-k8s.io/v1beta2/awsclusterstaticidentities/prod-credentials');
    expect(new Set(standIn.requests.map((r) => `${r.method} ${r.authorization}`))).toEqual(new Set(['GET Bearer standin-token']));
  });

  test('a plan against the live side ignores server defaults and status and lists leftovers', async () => {
    const desired = desiredObjects();
    const live = await readLiveManifests(desired, { kubeconfig: standIn.kubeconfig, context: 'management' });
    const plan = planChanges(live.objects, desired, { beforeIsLive: true });
    expect(plan.clusters).toHaveLength(1);
    const c = plan.clusters[0];
    expect(c.changes).toEqual([
      { kind: 'KubeadmControlPlane', name: 'prod-control-plane', action: 'updated', paths: ['spec.machineTemplate.spec.infrastructureRef.name', 'spec.version'] },
      { kind: 'AWSMachineTemplate', name: 'prod-control-plane-5b6a7988', action: 'created', paths: [] },
    ]);
    expect(c.rollouts.map((r) => [r.target, r.machines, r.maxSurge])).toEqual([['control-plane', 3, 1]]);
    expect(c.cleanup.map((t) => t.name)).toEqual(['prod-control-plane-1f2e3d4c', 'prod-general-00c0ffee']);
    expect(c.dangers).toEqual([]);
  });

  test('an unchanged desired side against the live cluster only lists leftover templates', async () => {
    const live = await readLiveManifests(base(), { kubeconfig: standIn.kubeconfig, context: 'management' });
    const plan = planChanges(live.objects, base(), { beforeIsLive: true });
    expect(plan.clusters.map((c) => [c.changes, c.cleanup.map((t) => t.name)])).toEqual([[[], ['prod-general-00c0ffee']]]);
  });

  test('reports desired core objects it cannot read instead of calling them new', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'prod-credentials', namespace: 'capa-system' }, stringData: { AccessKeyID: 'x' } };
    const live = await readLiveManifests([...base(), secret], { kubeconfig: standIn.kubeconfig, context: 'management' });
    expect(live.unread).toEqual([secret]);
  });

  test('throws when the context is not in the kubeconfig', () => {
    expect(() => loadKubeConfig({ kubeconfig: standIn.kubeconfig, context: 'nope' })).toThrow(
      new PlanInputError('context "nope" is not in the kubeconfig (it has: management, other)'),
    );
  });

  test('throws when the API server refuses', async () => {
    const refusing = await startStandIn([], { dir: fs.mkdtempSync(path.join(dir, 'x')), failWith: 403 });
    try {
      await expect(readLiveManifests(base(), { kubeconfig: refusing.kubeconfig, context: 'management' })).rejects.toThrow(/failed \(HTTP 403\): clusters.cluster.x-k8s.io is forbidden/);
    } finally {
      await refusing.close();
    }
  });

  test('throws when the kubeconfig file is missing', () => {
    expect(() => loadKubeConfig({ kubeconfig: path.join(dir, 'missing.yaml') })).toThrow(/^cannot load kubeconfig/);
  });
});

describe('pluralOf', () => {
  test('follows the CRDs resource names', () => {
    expect(pluralOf('AWSClusterStaticIdentity')).toBe('awsclusterstaticidentities');
    expect(pluralOf('KubeadmControlPlane')).toBe('kubeadmcontrolplanes');
    expect(pluralOf('MachineHealthCheck')).toBe('machinehealthchecks');
  });
});
