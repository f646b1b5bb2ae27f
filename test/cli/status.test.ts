import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli';
import { ApiStandIn, startApiStandIn, writeKubeconfig } from '../../tools/api-standin';
import { clusterObjects, managementObjects, statusFleet } from '../../tools/status-objects';

describe('capi-constructs status against a local API stand-in', () => {
  let dir: string;
  let fleet: ApiStandIn;
  let dev: ApiStandIn;
  let kubeconfig: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'status-cli-'));
    fleet = await startApiStandIn(statusFleet(), { lifetimeMs: 120_000 });
    dev = await startApiStandIn([...managementObjects({ operator: false }), ...clusterObjects({ name: 'dev-1', namespace: 'dev' })], { lifetimeMs: 120_000 });
    kubeconfig = writeKubeconfig(dir, [{ name: 'prod', server: fleet.url, namespace: 'fleet' }, { name: 'dev', server: dev.url }], 'prod');
  });

  afterAll(async () => {
    await Promise.all([fleet.close(), dev.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await main(['status', '--kubeconfig', kubeconfig, ...argv], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir });
    return { code, stdout, stderr };
  };

  test('reads the context\'s namespace, each kind once, Secrets as metadata only, and prints the summary first', async () => {
    fleet.requests.length = 0;
    const { code, stdout, stderr } = await run();
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      'Fleet: 7 clusters on 1 management cluster',
      '  states: 2 available, 1 upgrading, 1 provisioning, 1 unavailable, 1 paused, 1 deleting',
      '  control planes: 6 on v1.34, 1 on v1.30',
    ]);
    const paths = fleet.requests.map((r) => r.url.split('?')[0]);
    expect(paths.filter((p) => p.includes('/namespaces/fleet/')).sort()).toEqual([
      '/api/v1/namespaces/fleet/secrets',
      '/apis/addons.cluster.x-k8s.io/v1alpha1/namespaces/fleet/helmreleaseproxies',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/fleet/clusters',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/fleet/machinedeployments',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/fleet/machinepools',
      '/apis/cluster.x-k8s.io/v1beta2/namespaces/fleet/machines',
      '/apis/controlplane.cluster.x-k8s.io/v1beta2/namespaces/fleet/kubeadmcontrolplanes',
    ]);
    const secrets = fleet.requests.filter((r) => r.url.includes('/secrets'));
    expect(secrets.map((r) => r.accept)).toEqual(['application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1']);
    expect(new Set(fleet.requests.map((r) => `${r.method} ${r.authorization}`))).toEqual(new Set(['GET Bearer standin-token']));
    expect(stdout).toContain('kubeconfig Secret: present');
  });

  test('--fail-on unavailable exits 1 when a selected cluster is not Available, 0 when all selected are', async () => {
    expect((await run('--fail-on', 'unavailable')).code).toBe(1);
    expect((await run('--fail-on=unavailable', 'prod-eu', 'fleet/staging')).code).toBe(0);
    expect((await run('payments')).code).toBe(0);
  });

  test('several --context: one management cluster each; the CAPI version from the controller image where there is no operator', async () => {
    const { code, stdout } = await run('--context', 'prod', '--context', 'dev', '--all-namespaces', '--format', 'json', '--summary');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.management.map((m: { context: string; capiVersion: { source: string } }) => [m.context, m.capiVersion.source])).toEqual([
      ['prod', 'CoreProvider capi-system/cluster-api'],
      ['dev', 'image of Deployment capi-system/capi-controller-manager'],
    ]);
    expect(json.summary.clusters).toBe(8);
    expect(json.clusters).toBeUndefined();
    expect(dev.requests.some((r) => r.url.startsWith('/apis/cluster.x-k8s.io/v1beta2/clusters?'))).toBe(true);
  });

  test('--desired reports drift with the plan\'s comparison', async () => {
    const desired = clusterObjects({ name: 'prod-eu', pools: [{ name: 'general', replicas: 5 }, { name: 'batch', replicas: 4, autoscaler: ['1', '10'] }] })
      .filter((m) => ['Cluster', 'KubeadmControlPlane', 'MachineDeployment'].includes(m.kind))
      .map(({ status: _status, ...m }) => m);
    const file = path.join(dir, 'desired.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: desired }));
    const { code, stdout, stderr } = await run('--desired', file, 'prod-eu');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('  drift from the desired manifests: fleet/prod-eu\n');
    expect(stdout).toContain('  drift:\n    MachineDeployment/prod-eu-general updated: spec.replicas\n');
  });

  test('markdown output', async () => {
    const { code, stdout } = await run('--format', 'markdown');
    expect(code).toBe(0);
    expect(stdout.startsWith('## Fleet status\n')).toBe(true);
    expect(stdout).toContain('| fleet/payments | unavailable | VSphereCluster |');
  });

  test.each([
    [['nope'], /^capi-constructs: no cluster nope in namespace fleet of prod \(use --namespace or --all-namespaces\)\n$/],
    [['--fail-on', 'danger'], /^capi-constructs: status --fail-on accepts "unavailable", not "danger"/],
    [['--namespace', 'a', '-A'], /^capi-constructs: --namespace and --all-namespaces exclude each other/],
    [['--capi-version', 'latest'], /^capi-constructs: --capi-version takes a Cluster API release such as v1.14.0/],
    [['--format', 'yaml'], /^capi-constructs: --format must be one of text, markdown, json/],
    [['--context', 'missing'], /^capi-constructs: context "missing" is not in the kubeconfig/],
  ])('%j exits 2 with one line (no stack trace)', async (argv, message) => {
    const { code, stdout, stderr } = await run(...argv);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
