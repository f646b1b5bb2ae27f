import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli';

const INVENTORY = path.join(__dirname, '..', '..', 'examples', 'inventory');

async function run(args: string[], cwd: string) {
  const out = { stdout: '', stderr: '' };
  const code = await main(args, { cwd, stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
  return { code, ...out };
}

/** A git repository holding the example inventory at HEAD; `edit` then changes the work tree. */
function repoWithInventory(edit: (inventory: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-plan-'));
  fs.cpSync(INVENTORY, path.join(dir, 'inventory'), { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'inventory');
  edit(path.join(dir, 'inventory'));
  return dir;
}

function replaceIn(file: string, from: string | RegExp, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${from} not in ${file}`);
  fs.writeFileSync(file, next);
}

test('a layer change is reported with its cause, the clusters it changes and what they replace, before the object plan', async () => {
  const dir = repoWithInventory(inv => {
    const prod = path.join(inv, 'environments', 'prod.yaml');
    replaceIn(prod, 'version: v1.34.2', 'version: v1.35.0');
    replaceIn(prod, /# Kubernetes v1\.35 goes[\s\S]*$/, '');
    replaceIn(path.join(inv, 'providers', 'aws.yaml'), 'aws: { instanceType: m6i.large }\n  #', 'aws: { instanceType: m6i.xlarge }\n  #');
  });
  const res = await run(['plan', '--inventory', 'inventory', '--git', 'HEAD', '--summary'], dir);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  const lines = res.stdout.split('\n');
  expect(lines[0]).toBe('Fleet changes (by layer):');
  // The canary clusters already run v1.35 (the rollout's wave): only the other 7 prod clusters change.
  expect(lines).toContain('  environment prod: version v1.34.2 → v1.35.0: 7 clusters, control plane then pools');
  expect(lines).toContainEqual(expect.stringMatching(/^ {2}provider aws: controlPlane\.machine\.aws\.instanceType m6i\.large → m6i\.xlarge: \d+ clusters, control plane$/));
  expect(res.stdout).toMatch(/\nPlan: \d+ dangers?, \d+ machine rollouts, \d+ clusters affected\./);
});

test('the README samples are real output', async () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Fleet-aware plan'));
  const samples = [...section.matchAll(/```text\n([\s\S]*?)```\n/g)].slice(0, 2).map(m => m[1]);
  const promote = repoWithInventory(inv => {
    const prod = path.join(inv, 'environments', 'prod.yaml');
    replaceIn(prod, 'version: v1.34.2', 'version: v1.35.0');
    replaceIn(prod, /# Kubernetes v1\.35 goes[\s\S]*$/, '');
  });
  const promoted = await run(['plan', '--inventory', 'inventory', '--git', 'HEAD', '--summary'], promote);
  expect(promoted.stdout.startsWith(samples[0])).toBe(true);
  const move = repoWithInventory(inv => replaceIn(path.join(inv, 'clusters', 'acme-prod-fra1-1.yaml'), /^wave: canary$/m, 'wave: canary\nmanagementCluster: mgmt-staging'));
  expect((await run(['plan', '--inventory', 'inventory', '--git', 'HEAD'], move)).stdout).toContain(samples[1]);
});

test('moving a cluster to another management cluster is a danger (clusterctl move), which --fail-on danger counts', async () => {
  const dir = repoWithInventory(inv => {
    replaceIn(path.join(inv, 'clusters', 'acme-prod-fra1-1.yaml'), /^wave: canary$/m, 'wave: canary\nmanagementCluster: mgmt-staging');
  });
  const res = await run(['plan', '--inventory', 'inventory', '--git', 'HEAD', '--fail-on', 'danger'], dir);
  expect(res.stderr).toBe('');
  expect(res.stdout).toContain('Fleet dangers:\n  [cluster-moved-management-cluster] prod/acme-prod-fra1-1: management cluster mgmt-prod → mgmt-staging:');
  expect(res.stdout).toContain('clusterctl move');
  expect(res.code).toBe(1);
  const json = await run(['plan', '--inventory', 'inventory', '--git', 'HEAD', '--format', 'json'], dir);
  expect(JSON.parse(json.stdout).fleet.moves).toEqual([{ cluster: 'acme-prod-fra1-1', namespace: 'prod', from: 'mgmt-prod', to: 'mgmt-staging' }]);
});

test('usage: --inventory needs --git, and takes no other path; an inventory with problems is exit 2 with every problem', async () => {
  const dir = repoWithInventory(inv => replaceIn(path.join(inv, 'clusters', 'acme-prod-fra1-1.yaml'), 'customer: acme', 'customer: acme-typo'));
  expect((await run(['plan', '--inventory', 'inventory'], dir)).stderr).toMatch(/--inventory needs --git REV/);
  expect((await run(['plan', '--inventory', 'inventory', '--git', 'HEAD', 'other'], dir)).stderr).toMatch(/with --inventory, give no other path/);
  const res = await run(['plan', '--inventory', 'inventory', '--git', 'HEAD'], dir);
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/the inventory \(now\) has 1 problem:\n {2}cluster acme-prod-fra1-1: layers\.customer: no customer "acme-typo" .*inventory\/clusters\/acme-prod-fra1-1\.yaml/);
});
