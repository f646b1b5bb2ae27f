import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli';

const ROOT = path.join(__dirname, '..', '..');

async function run(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const code = await main(args, { cwd, stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
  return { code, ...out };
}

test('explain prints each value of a cluster with the layer entry and file that set it', async () => {
  const r = await run(['explain', '--inventory', 'examples/inventory', 'acme-prod-fra1-1', 'workerPools[general].machine']);
  expect(r).toEqual({
    code: 0, stderr: '',
    stdout: [
      'cluster acme-prod-fra1-1 (namespace prod, management cluster mgmt-prod, wave canary)',
      'layers: environment prod > customer acme > site fra1 > provider aws > cluster acme-prod-fra1-1',
      '',
      'workerPools[general].machine.aws.instanceType = m6i.xlarge  (provider aws, examples/inventory/providers/aws.yaml)',
      'workerPools[general].machine.aws.rootVolume.sizeGiB = 100  (provider aws, examples/inventory/providers/aws.yaml)',
      'workerPools[general].machine.aws.rootVolume.type = gp3  (provider aws, examples/inventory/providers/aws.yaml)',
      '',
    ].join('\n'),
  });
});

test('explain names the wave of a rollout, and with --overridden the layers a value overrode', async () => {
  const r = await run(['explain', '--inventory', 'examples/inventory', 'acme-prod-fra1-2', 'workerPools[0].replicas', '--overridden']);
  expect(r.stdout.split('\n').slice(3).join('\n')).toBe('workerPools[general].replicas = 6  (cluster acme-prod-fra1-2, examples/inventory/clusters/acme-prod-fra1-2.yaml); overrides environment prod, examples/inventory/environments/prod.yaml\n');
  const canary = await run(['explain', '--inventory', 'examples/inventory', 'acme-prod-fra1-1', 'version']);
  expect(canary.stdout).toContain('version = v1.35.0  (environment prod, wave canary, examples/inventory/environments/prod.yaml)\n');
});

test('explain --format json gives the entries with both path forms and their origins', async () => {
  const r = await run(['explain', '--inventory', 'examples/inventory', '--format', 'json', 'initech-staging-ams1-1', 'managementCluster']);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out).toMatchObject({ cluster: 'initech-staging-ams1-1', namespace: 'staging', managementCluster: 'mgmt-staging', valid: true, issues: [] });
  expect(out.values).toEqual([{
    path: 'managementCluster', specPath: 'managementCluster', kind: 'attribute', value: 'mgmt-staging',
    origin: { layer: 'environment', entry: 'staging', source: 'examples/inventory/environments/staging.yaml' }, overridden: [],
  }]);
});

test('exits 2 with a suggestion for an unknown cluster or field, and for a missing inventory', async () => {
  const cluster = await run(['explain', '--inventory', 'examples/inventory', 'acme-prod-fra1-9']);
  expect(cluster.code).toBe(2);
  expect(cluster.stderr).toMatch(/^capi-constructs: no cluster "acme-prod-fra1-9" in examples\/inventory: did you mean "acme-prod-fra1-1"\?/);
  const field = await run(['explain', '--inventory', 'examples/inventory', 'acme-prod-fra1-1', 'workerPool']);
  expect(field.stderr).toMatch(/^capi-constructs: cluster acme-prod-fra1-1 sets no value at workerPool: did you mean "workerPools"\?/);
  const missing = await run(['explain', '--inventory', 'nope', 'a']);
  expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/nope: no such file or folder\n$/) });
  const usage = await run(['explain', 'a']);
  expect(usage.stderr).toMatch(/^capi-constructs: explain needs --inventory PATH/);
});

test('the fleet\'s problems are notes on stderr: explain still explains an invalid cluster', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explain-'));
  try {
    fs.writeFileSync(path.join(dir, 'fleet.yaml'), 'kind: Layer\nlayer: environment\nname: prod\nspec:\n  version: v1.34.2\n  infrastructure: { dev: {} }\n  controlPlane: { replicas: 2 }\n---\nkind: Cluster\nname: a\nlayers: { environment: prod }\n');
    const r = await run(['explain', '--inventory', 'fleet.yaml', 'a', 'controlPlane'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('controlPlane.replicas = 2  (environment prod, fleet.yaml (document 1))\n');
    expect(r.stderr).toMatch(/^note: cluster a: controlPlane\.replicas: .*\(set by environment prod, fleet\.yaml \(document 1\)\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
