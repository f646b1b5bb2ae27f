import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManagementObjects } from '../../lib/io/live';
import { PlanInputError } from '../../lib/plan/types';
import { ApiStandIn, ApiStandInOptions, startApiStandIn, writeKubeconfig } from '../../tools/api-standin';
import { statusFleet } from '../../tools/status-objects';

describe('readManagementObjects', () => {
  let dir: string;
  let standIns: ApiStandIn[] = [];
  const start = async (options: ApiStandInOptions = {}, objects = statusFleet()) => {
    const s = await startApiStandIn(objects, options);
    standIns.push(s);
    return { s, kubeconfig: writeKubeconfig(fs.mkdtempSync(path.join(dir, 'k')), [{ name: 'management', server: s.url }], 'management') };
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'status-live-'));
  });

  afterEach(async () => {
    await Promise.all(standIns.map((s) => s.close()));
    standIns = [];
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('pages through every list, and keeps only the metadata of Secrets even when the server sends their data', async () => {
    // A server that ignores the metadata-only Accept header.
    const { s, kubeconfig } = await start({ ignoreMetadataAccept: true });
    const read = await readManagementObjects({ kubeconfig, namespace: 'fleet', pageSize: 2 });
    expect(read.scope).toBe('fleet');
    expect(s.requests.filter((r) => r.url.includes('/machines?')).length).toBeGreaterThan(5);
    const secrets = read.objects.filter((o) => o.kind === 'Secret');
    expect(secrets.length).toBe(6);
    for (const secret of secrets) expect(Object.keys(secret).sort()).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(JSON.stringify(read.objects)).not.toContain('"data"');
  });

  test('the default namespace is the context\'s, else default; --all-namespaces lists cluster-wide', async () => {
    const { s, kubeconfig } = await start();
    expect((await readManagementObjects({ kubeconfig })).scope).toBe('default');
    expect((await readManagementObjects({ kubeconfig, allNamespaces: true })).objects.filter((o) => o.kind === 'Cluster')).toHaveLength(7);
    expect(s.requests.some((r) => r.url.startsWith('/apis/cluster.x-k8s.io/v1beta2/clusters?'))).toBe(true);
  });

  test('the operator and the controller Deployment are optional: not installed is nothing, not allowed is a note', async () => {
    const forbid = (url: URL) => (url.pathname.includes('operator.cluster.x-k8s.io') || url.pathname.includes('/deployments')
      ? { code: 403, body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'forbidden' }) }
      : undefined);
    const { kubeconfig } = await start({ override: forbid });
    const read = await readManagementObjects({ kubeconfig, namespace: 'fleet' });
    expect(read.notes).toContain('CoreProvider (cluster-api-operator): not allowed to read (HTTP 403)');
    expect(read.notes).toContain('the Cluster API controller Deployment: not allowed to read (HTTP 403)');
    expect(read.objects.filter((o) => o.kind === 'Cluster')).toHaveLength(7);
    const bare = await start({}, statusFleet().filter((o) => !o.apiVersion.startsWith('operator.') && o.kind !== 'HelmReleaseProxy'));
    const none = await readManagementObjects({ kubeconfig: bare.kubeconfig, namespace: 'fleet' });
    expect(none.notes).toEqual([]);
    const empty = await start({}, []);
    expect((await readManagementObjects({ kubeconfig: empty.kubeconfig })).notes).toEqual(['cluster.x-k8s.io/v1beta2 Clusters are not served: no Cluster API v1.11+ on this cluster']);
    expect(none.objects.some((o) => o.kind === 'HelmReleaseProxy' || o.kind === 'CoreProvider')).toBe(false);
  });

  test('a refused list of a workload kind is an error', async () => {
    const { kubeconfig } = await start({ override: (url) => (url.pathname.endsWith('/machines') ? { code: 403, body: '{"kind":"Status","code":403,"message":"machines is forbidden"}' } : undefined) });
    await expect(readManagementObjects({ kubeconfig, namespace: 'fleet' })).rejects.toThrow('reading Machine in namespace fleet from the management cluster failed (HTTP 403): machines is forbidden');
  });

  test('a redirect is not followed, so the token never reaches another origin', async () => {
    const elsewhere = await start();
    const { kubeconfig } = await start({ override: (url) => (url.pathname.endsWith('/clusters') ? { code: 302, body: '', headers: { location: `${elsewhere.s.url}${url.pathname}` } } : undefined) });
    await expect(readManagementObjects({ kubeconfig, namespace: 'fleet' })).rejects.toThrow(/HTTP 302/);
    expect(elsewhere.s.requests).toEqual([]);
  });

  test('an endless or repeated continue token is an error, not endless requests', async () => {
    let n = 0;
    const { s, kubeconfig } = await start({ override: (url) => (url.pathname.endsWith('/secrets') ? { code: 200, body: JSON.stringify({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: { continue: `t${n++}` }, items: [] }) } : undefined) });
    await expect(readManagementObjects({ kubeconfig, namespace: 'fleet', maxPages: 20 })).rejects.toThrow('reading Secret metadata in namespace fleet from the management cluster failed: the list did not end after 20 pages');
    expect(s.requests.filter((r) => r.url.includes('/secrets')).length).toBe(20);
    const repeating = await start({ override: (url) => (url.pathname.endsWith('/helmreleaseproxies') ? { code: 200, body: JSON.stringify({ kind: 'List', metadata: { continue: 'same' }, items: [] }) } : undefined) });
    await expect(readManagementObjects({ kubeconfig: repeating.kubeconfig, namespace: 'fleet' })).rejects.toThrow('the server repeated a continue token');
  });

  test.each([
    ['not JSON', 'this is not json', /the response is not a Kubernetes list \(not JSON\)/],
    ['an item without a name', JSON.stringify({ kind: 'List', items: [{ metadata: {} }] }), /the list holds an item that is not an object with a metadata.name/],
  ])('a malformed response (%s) gives a clean error', async (_what, body, message) => {
    const { kubeconfig } = await start({ override: (url) => (url.pathname.endsWith('/machinepools') ? { code: 200, body } : undefined) });
    const e = await readManagementObjects({ kubeconfig, namespace: 'fleet' }).catch((err) => err);
    expect(e).toBeInstanceOf(PlanInputError);
    expect(e.message).toMatch(message);
  });

  test('a slow server hits the request timeout, and the read has an overall deadline', async () => {
    const { kubeconfig } = await start({ override: (url) => (url.pathname.endsWith('/kubeadmcontrolplanes') ? 'hang' : undefined) });
    await expect(readManagementObjects({ kubeconfig, namespace: 'fleet', requestTimeoutMs: 300 })).rejects.toThrow(/reading KubeadmControlPlane in namespace fleet from the management cluster failed: .*(ETIMEDOUT|ESOCKETTIMEDOUT|timed out)/i);
    await expect(readManagementObjects({ kubeconfig, namespace: 'fleet', requestTimeoutMs: 60_000, deadlineMs: 300 })).rejects.toThrow(/^reading the management cluster took longer than 300 ms/);
  });

  test('a huge response (a 20 MB condition message) is read and its message cut to one short line', async () => {
    const fleet = statusFleet();
    const cluster = fleet.find((o) => o.kind === 'Cluster' && o.metadata.name === 'payments') as unknown as { status: { conditions: Array<{ type: string; message?: string }> } };
    cluster.status.conditions.find((c) => c.type === 'Available')!.message = 'y'.repeat(20_000_000);
    const { kubeconfig } = await start({}, fleet);
    const { fleetStatus } = await import('../../lib/status');
    const read = await readManagementObjects({ kubeconfig, namespace: 'fleet' });
    const status = fleetStatus([read]);
    expect(status.clusters.find((c) => c.name === 'payments')!.conditions[0].message).toHaveLength(300);
  });
});
