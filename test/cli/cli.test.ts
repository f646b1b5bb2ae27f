import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES, tempRepo } from '../plan/fixtures';
import { desiredObjects, liveObjects, startStandIn } from '../plan/standin';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'capi-constructs.js');
const BEFORE = path.join(FIXTURES, 'before');
const AFTER = path.join(FIXTURES, 'after');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command as a child process (asynchronously, so a stand-in in this process can answer). */
function run(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CAPI_CONSTRUCTS_FROM_SOURCE: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('capi-constructs', () => {
  test('--version prints the package version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('--help prints the usage with every option', async () => {
    const r = await run(['plan', '--help']);
    expect(r.code).toBe(0);
    for (const option of ['--format', '--fail-on', '--git', '--live', '--kubeconfig', '--context', '--supported-versions', '--version']) {
      expect(r.stdout).toContain(option);
    }
  });

  test('plan prints the text plan and exits 0', async () => {
    const r = await run(['plan', BEFORE, AFTER]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Plan: 1 danger, 2 machine rollouts, 1 cluster affected.');
  });

  test('--fail-on danger exits 1 when there are dangers and 0 when there are none', async () => {
    expect((await run(['plan', '--fail-on', 'danger', BEFORE, AFTER])).code).toBe(1);
    expect(await run(['plan', '--fail-on=danger', BEFORE, BEFORE])).toEqual({ code: 0, stdout: 'No changes: no object changes and no machine is replaced.\n', stderr: '' });
  });

  test('--format json prints the documented JSON and --supported-versions narrows the window', async () => {
    const r = await run(['plan', '--format', 'json', '--supported-versions', 'v1.31-v1.33', BEFORE, AFTER]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.clusters[0].dangers.map((d: { code: string }) => d.code)).toEqual(['workers-ahead-of-control-plane', 'version-unsupported', 'version-unsupported']);
  });

  test('--git reads the before side from a revision; AFTER defaults to the same path', async () => {
    const repo = tempRepo();
    try {
      fs.copyFileSync(path.join(AFTER, 'prod.yaml'), path.join(repo, 'deploy', 'dist', 'prod.yaml'));
      const r = await run(['plan', '--format', 'markdown', '--git', 'HEAD', 'dist'], path.join(repo, 'deploy'));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('### Cluster `fleet/prod`');
      const missing = await run(['plan', '--git', 'HEAD', 'nowhere'], repo);
      expect(missing).toEqual({ code: 2, stdout: '', stderr: 'capi-constructs: git: nowhere is not tracked at HEAD\n' });
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  test('--live reads the before side from the management cluster', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-live-'));
    const standIn = await startStandIn(liveObjects(), { dir });
    try {
      const desired = path.join(dir, 'desired.json');
      fs.writeFileSync(desired, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: desiredObjects() }));
      const r = await run(['plan', '--live', '--kubeconfig', standIn.kubeconfig, '--context', 'management', '--format', 'json', desired]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const [c] = JSON.parse(r.stdout).clusters;
      expect(c.rollouts.map((x: { target: string }) => x.target)).toEqual(['control-plane']);
      expect(c.cleanup.map((t: { name: string }) => t.name)).toEqual(['prod-control-plane-1f2e3d4c', 'prod-general-00c0ffee']);
    } finally {
      await standIn.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('exits 2 with a message when input is unreadable', async () => {
    expect(await run(['plan', BEFORE, '/nonexistent/after'])).toEqual({ code: 2, stdout: '', stderr: 'capi-constructs: /nonexistent/after: no such file or folder\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bad-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.yaml'), 'kind: [');
      const r = await run(['plan', BEFORE, dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/bad.yaml: invalid YAML/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('exits 2 with the usage on a usage error', async () => {
    for (const args of [[], ['plan', BEFORE], ['plan', '--format', 'yaml', BEFORE, AFTER], ['plan', '--bogus', BEFORE, AFTER], ['apply'], ['plan', '--context', 'x', BEFORE, AFTER]]) {
      const r = await run(args);
      expect([args, r.code, r.stdout]).toEqual([args, 2, '']);
      expect(r.stderr).toMatch(/^capi-constructs: .*\n\nUsage:/);
    }
  });
});
