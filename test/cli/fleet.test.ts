import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli';
import { fleetLayout, managementClusterInputs, parseManifests, readInventoryPath, renderFleet, resolveInventoryFiles } from '../../lib';

const ROOT = path.join(__dirname, '..', '..');
const INVENTORY = path.join(ROOT, 'examples', 'inventory');

async function run(args: string[], cwd = ROOT) {
  const out = { stdout: '', stderr: '' };
  const code = await main(args, { cwd, stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
  return { code, ...out };
}

/** Every file below `dir`, relative, `/`-separated. */
function filesBelow(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of filesBelow(dir, child)) out.set(k, v);
    else out.set(child, fs.readFileSync(path.join(dir, child), 'utf8'));
  }
  return out;
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-cli-'));

test('fleet render writes the layout of the example inventory: exactly fleetLayout(renderFleet(resolveFleet(...)))', async () => {
  const out = tempDir();
  const res = await run(['fleet', 'render', '--inventory', 'examples/inventory', '--output', out]);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(/^wrote \d+ files for 20 clusters under 2 management clusters \(mgmt-prod, mgmt-staging\) to /);
  const fleet = resolveInventoryFiles(readInventoryPath(INVENTORY).map(f => ({ path: path.relative(ROOT, f.path), content: f.content })));
  const expected = fleetLayout(renderFleet(fleet.clusters, { managementClusters: managementClusterInputs(fleet) }));
  expect(filesBelow(out)).toEqual(expected);
});

test('fleet render --gitops argo-cd writes an Application per folder pointing into the repository', async () => {
  const out = tempDir();
  const res = await run(['fleet', 'render', '--inventory', INVENTORY, '--output', out, '--gitops', 'argo-cd', '--repository', 'https://git.example.com/fleet.git', '--revision', 'v2', '--repository-path', 'layout']);
  expect(res.code).toBe(0);
  const file = path.join(out, 'mgmt-prod/gitops/application-mgmt-prod-shared.yaml');
  const [app] = parseManifests(fs.readFileSync(file, 'utf8'), file);
  expect((app.spec as { source: unknown }).source).toEqual({ repoURL: 'https://git.example.com/fleet.git', targetRevision: 'v2', path: 'layout/mgmt-prod/shared' });
  expect(fs.existsSync(path.join(out, 'layout/mgmt-prod/shared', 'kustomization.yaml'))).toBe(false);
  expect(fs.existsSync(path.join(out, 'mgmt-prod/shared', 'kustomization.yaml'))).toBe(true);
});

test('an inventory with problems: every problem on stderr, exit 1, nothing written', async () => {
  const dir = tempDir();
  fs.cpSync(INVENTORY, path.join(dir, 'inventory'), { recursive: true });
  const file = path.join(dir, 'inventory', 'clusters', 'acme-prod-fra1-1.yaml');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('customer: acme', 'customer: acme-typo'));
  const res = await run(['fleet', 'render', '--inventory', 'inventory', '--output', 'out'], dir);
  expect(res.code).toBe(1);
  expect(res.stderr).toMatch(/acme-typo/);
  expect(res.stderr).toMatch(/nothing written\n$/);
  expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
});

test.each([
  [['fleet'], /fleet needs a subcommand: fleet render/],
  [['fleet', 'draw'], /unknown fleet subcommand "draw"/],
  [['fleet', 'render', '--output', 'x'], /needs --inventory PATH/],
  [['fleet', 'render', '--inventory', 'examples/inventory'], /needs --output DIR/],
  [['fleet', 'render', '--inventory', 'i', '--output', 'o', '--gitops', 'jenkins'], /--gitops must be one of flux, argo-cd/],
  [['fleet', 'render', '--inventory', 'i', '--output', 'o', '--gitops', 'flux'], /--gitops needs --repository URL/],
  [['fleet', 'render', '--inventory', 'i', '--output', 'o', '--revision', 'main'], /only apply with --gitops/],
  [['fleet', 'render', '--inventory', 'i', '--output', 'o', '--colour'], /unknown option --colour/],
])('usage error %j: exit 2', async (args, message) => {
  const res = await run(args);
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(message);
});

test('an unreadable inventory path: exit 2, one line', async () => {
  const res = await run(['fleet', 'render', '--inventory', 'no/such/inventory', '--output', tempDir()]);
  expect(res.code).toBe(2);
  expect(res.stderr.trim().split('\n')).toHaveLength(1);
});
