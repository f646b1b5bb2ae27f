import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planChanges } from '../../lib/plan/plan';
import { loadKubeConfig, pluralOf, readLiveManifests } from '../../lib/io/live';
import { PlanInputError, PlanManifest } from '../../lib/plan/types';
import { base } from '../plan/fixtures';
import { asServed, desiredObjects, liveObjects, startStandIn, StandIn } from '../plan/standin';

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

describe('readLiveManifests against a hostile or slow server', () => {
  let dir: string;
  let standIns: StandIn[] = [];
  const start = async (override: NonNullable<Parameters<typeof startStandIn>[1]['override']>) => {
    const s = await startStandIn(liveObjects(), { dir, override });
    standIns.push(s);
    return s;
  };
  const readWith = (s: StandIn, extra = {}) => readLiveManifests(desiredObjects(), { kubeconfig: s.kubeconfig, context: 'management', ...extra });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-live-hostile-'));
  });

  afterEach(async () => {
    await Promise.all(standIns.map((s) => s.close()));
    standIns = [];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a redirect is not followed, so the token never reaches another origin', async () => {
    const elsewhere = await start(() => undefined);
    const port = new URL(fs.readFileSync(elsewhere.kubeconfig, 'utf8').match(/server: (http:\/\/127\.0\.0\.1:\d+)/)![1]).port;
    const s = await start((url) => (url.pathname.includes('/clusters') ? { code: 302, body: '', headers: { location: `http://127.0.0.1:${port}${url.pathname}` } } : undefined));
    await expect(readWith(s)).rejects.toThrow(/HTTP 302/);
    expect(elsewhere.requests).toEqual([]);
  });

  test('a repeated or never-ending continue token is an error, not endless requests', async () => {
    const list = (token: string) => JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: { continue: token }, items: [] });
    const repeating = await start((url) => (url.pathname.endsWith('/machinedeployments') ? { code: 200, body: list('same') } : undefined));
    await expect(readWith(repeating)).rejects.toThrow('reading MachineDeployment in namespace fleet from the management cluster failed: the server repeated a continue token');
    let n = 0;
    const endless = await start((url) => (url.pathname.endsWith('/machinedeployments') ? { code: 200, body: list(`t${n++}`) } : undefined));
    await expect(readWith(endless, { maxPages: 50 })).rejects.toThrow('the list did not end after 50 pages');
    expect(endless.requests.filter((r) => r.url.includes('machinedeployments')).length).toBe(50);
  });

  test.each([
    ['not JSON', 'this is not json', /the response is not a Kubernetes list \(not JSON\)/],
    ['items not a list', JSON.stringify({ kind: 'List', items: { a: 1 } }), /the response is not a Kubernetes list \(no items list\)/],
    ['a null item', JSON.stringify({ kind: 'List', items: [null] }), /the list holds an item that is not an object with a metadata.name/],
  ])('a malformed response (%s) gives a clean error', async (_what, body, message) => {
    const s = await start((url) => (url.pathname.endsWith('/clusters') ? { code: 200, body } : undefined));
    const e = await readWith(s).catch((err) => err);
    expect(e).toBeInstanceOf(PlanInputError);
    expect(e.message).toMatch(message);
  });

  test('a server that does not answer hits the request timeout, and the read has an overall deadline', async () => {
    const silent = await start((url) => (url.pathname.endsWith('/clusters') ? 'hang' : undefined));
    await expect(readWith(silent, { requestTimeoutMs: 300 })).rejects.toThrow(/reading Cluster in namespace fleet from the management cluster failed: .*(ETIMEDOUT|ESOCKETTIMEDOUT|timed out)/i);
    await expect(readWith(silent, { requestTimeoutMs: 60_000, deadlineMs: 300 })).rejects.toThrow('reading the management cluster took longer than 300 ms (at Cluster in namespace fleet); raise the deadline or check the connection');
  });
});

describe('readLiveManifests per provider API version', () => {
  test('an Azure cluster\'s CAPZ kinds are read at v1beta1 (CAPZ serves no v1beta2), the CAPI kinds at v1beta2', async () => {
    const { renderManagedCluster, renderAzureClusterIdentity } = await import('../../lib');
    const { AZURE_CLUSTER } = await import('../fixtures/clusters');
    const identity = renderAzureClusterIdentity({ name: 'platform', namespace: 'clusters', type: 'WorkloadIdentity', clientId: '11111111-2222-4333-8444-555555555555', tenantId: '66666666-7777-4888-9999-000000000000' });
    const desired = [...renderManagedCluster(AZURE_CLUSTER).manifests, identity] as PlanManifest[];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-live-azure-'));
    const standIn = await startStandIn(desired.map((m) => asServed(m)), { dir });
    try {
      const live = await readLiveManifests(desired, { kubeconfig: standIn.kubeconfig, context: 'management' });
      const urls = standIn.requests.map((r) => r.url.split('?')[0]);
      expect(urls).toEqual(expect.arrayContaining([
        '/apis/infrastructure.cluster.x-k8s.io/v1beta1/namespaces/clusters/azureclusters',
        '/apis/infrastructure.cluster.x-k8s.io/v1beta1/namespaces/clusters/azuremachinetemplates',
        '/apis/infrastructure.cluster.x-k8s.io/v1beta1/namespaces/clusters/azureclusteridentities',
        '/apis/cluster.x-k8s.io/v1beta2/namespaces/clusters/clusters',
      ]));
      expect(urls.filter((u) => u.includes('/v1beta2/') && u.includes('azure'))).toEqual([]);
      // The AzureCluster, the identity and four machine templates.
      expect(live.objects.filter((m) => m.kind.startsWith('Azure')).map((m) => m.apiVersion)).toEqual(Array(6).fill('infrastructure.cluster.x-k8s.io/v1beta1'));
      // Nothing changed: the plan has no cluster to report.
      expect(planChanges(live.objects, desired, { beforeIsLive: true }).clusters).toEqual([]);
    } finally {
      await standIn.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
