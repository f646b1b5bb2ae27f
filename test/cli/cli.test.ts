import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli';
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
function run(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CAPI_CONSTRUCTS_FROM_SOURCE: '1', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/** Runs the command in this process (quicker than a child: for cases where the launcher adds nothing). */
async function runHere(args: string[], cwd = ROOT): Promise<Run> {
  const out = { stdout: '', stderr: '' };
  const code = await main(args, { cwd, stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t) });
  return { code, ...out };
}

/** A temporary folder for `body`, removed after it. */
async function inTemp(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
  try {
    await body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A folder holding a `git` that logs each call's arguments to `log` and runs the real git. */
function countingGit(dir: string): { env: NodeJS.ProcessEnv; calls: () => string[] } {
  const log = path.join(dir, 'git-calls');
  const real = execFileSync('sh', ['-c', 'command -v git']).toString().trim();
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'bin', 'git'), `#!/bin/sh\necho "$1 $2" >> "${log}"\nexec "${real}" "$@"\n`, { mode: 0o755 });
  return {
    env: { PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}` },
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : []),
  };
}

describe('capi-constructs', () => {
  test('--version prints the package version', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('--help prints the usage with every option', async () => {
    const r = await run(['plan', '--help']);
    expect(r.code).toBe(0);
    for (const option of ['--format', '--fail-on', '--summary', '--git', '--live', '--kubeconfig', '--context', '--supported-versions', '--max-file-size', '--max-input-size', '--debug', '--version']) {
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

  test('--summary prints only the fleet summary and the dangers, with the same exit codes', async () => {
    const text = await run(['plan', '--summary', BEFORE, AFTER]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Plan: 1 danger, 2 machine rollouts, 1 cluster affected\.\n\nFleet summary .*\n  Dangers:\n    1 cluster: ! workers-ahead-of-control-plane /);
    expect(text.stdout).not.toContain('Cluster fleet/prod');
    // Markdown with --summary is tested in test/plan/format.test.ts; each run here starts a process.
    const json = await run(['plan', '--summary', '--format', 'json', '--fail-on', 'danger', BEFORE, AFTER]);
    expect(json.code).toBe(1);
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(['summary', 'dangers']);
    expect(JSON.parse(json.stdout).dangers.map((d: { cluster: string; code: string }) => [d.cluster, d.code])).toEqual([['fleet/prod', 'workers-ahead-of-control-plane']]);
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
      expect(r.stdout).toContain('<details open><summary>Cluster <code>fleet/prod</code>');
      const missing = await run(['plan', '--git', 'HEAD', 'nowhere'], repo);
      expect(missing).toEqual({ code: 2, stdout: '', stderr: 'capi-constructs: git: nowhere is not tracked at HEAD\n' });
      // An absolute PATH works from any folder, inside the repository or not.
      const dist = path.join(repo, 'deploy', 'dist');
      for (const cwd of [path.join(repo, 'deploy', 'dist'), os.tmpdir()]) {
        expect([cwd, await run(['plan', '--format', 'markdown', '--git', 'HEAD', dist], cwd)]).toEqual([cwd, r]);
      }
      const outside = await run(['plan', '--git', 'HEAD', os.tmpdir(), dist], repo);
      expect(outside.code).toBe(2);
      expect(outside.stderr).toMatch(/^capi-constructs: git: \S+ is not inside a git work tree .*\n$/);
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

  test('--git reads a revision of 1200 files in four git calls, and none of the files when one is over the limit', () =>
    inTemp(async (dir) => {
      const repo = path.join(dir, 'repo');
      fs.mkdirSync(repo);
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
      git('init', '-q', '-b', 'main');
      for (let i = 0; i < 1200; i++) {
        fs.mkdirSync(path.join(repo, 'fleet', `c${i % 12}`), { recursive: true });
        fs.writeFileSync(path.join(repo, 'fleet', `c${i % 12}`, `ns-${i}.yaml`), `apiVersion: v1\nkind: Namespace\nmetadata: {name: ns-${i}}\n`);
      }
      git('add', '.');
      git('-c', 'user.email=plan@test', '-c', 'user.name=plan', 'commit', '-q', '-m', 'fleet');
      const counting = countingGit(dir);
      expect(await run(['plan', '--fail-on', 'danger', '--git', 'HEAD', 'fleet'], repo, counting.env)).toEqual({ code: 0, stdout: 'No changes: no object changes and no machine is replaced.\n', stderr: '' });
      expect(counting.calls()).toEqual(['--literal-pathspecs rev-parse', '--literal-pathspecs rev-parse', '--literal-pathspecs ls-tree', '--literal-pathspecs cat-file']);
      fs.rmSync(path.join(dir, 'git-calls'));
      const r = await run(['plan', '--max-input-size', '32KiB', '--git', 'HEAD', 'fleet'], repo, counting.env);
      expect(r).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^capi-constructs: HEAD:fleet holds \d+ bytes of manifests in 1200 files, over the limit of 32768 bytes for all input: raise it with --max-input-size 1MiB\n$/) });
      expect(counting.calls().filter((c) => c.includes('cat-file'))).toEqual([]);
    }));

  test('a symbolic link to a cluster folder is read: a deleted cluster behind one is a danger, not "No changes"', () =>
    inTemp(async (dir) => {
      fs.mkdirSync(path.join(dir, 'clusters', 'prod'), { recursive: true });
      fs.copyFileSync(path.join(BEFORE, 'prod.yaml'), path.join(dir, 'clusters', 'prod', 'prod.yaml'));
      fs.mkdirSync(path.join(dir, 'before'));
      fs.symlinkSync(path.join(dir, 'clusters', 'prod'), path.join(dir, 'before', 'prod'));
      fs.mkdirSync(path.join(dir, 'after'));
      const r = await runHere(['plan', '--fail-on', 'danger', path.join(dir, 'before'), path.join(dir, 'after')]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('cluster-deleted');
    }));

  test('input over a size limit exits 2 naming the file, its size, the limit and the flag, before reading it', () =>
    inTemp(async (dir) => {
      const big = path.join(dir, 'big.json');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, 200 * 1000 * 1000); // sparse: nothing written
      expect(await run(['plan', BEFORE, big])).toEqual({ code: 2, stdout: '', stderr: `capi-constructs: ${big} is 190.7 MiB, over the limit of 64 MiB per file: raise it with --max-file-size 191MiB\n` });
      expect(await runHere(['plan', '--max-input-size=10KiB', BEFORE, AFTER])).toEqual({
        code: 2,
        stdout: '',
        stderr: `capi-constructs: ${AFTER} holds 7988 bytes of manifests in 1 file, over the limit of 10240 bytes for all input (7838 bytes read before it): raise it with --max-input-size 1MiB\n`,
      });
      expect((await runHere(['plan', '--max-file-size', '1', '--max-input-size', '1GiB', BEFORE, AFTER])).code).toBe(0);
    }));

  test('a YAML alias bomb and JSON nested too deep exit 2 with one line, no stack trace', () =>
    inTemp(async (dir) => {
      const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
      fs.writeFileSync(path.join(dir, 'bomb.yaml'), `${levels.join('\n')}\n`);
      expect(await run(['plan', BEFORE, path.join(dir, 'bomb.yaml')])).toEqual({
        code: 2,
        stdout: '',
        stderr: `capi-constructs: ${path.join(dir, 'bomb.yaml')}: invalid YAML: more than 2000000 values (an alias bomb?)\n`,
      });
      const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
      fs.writeFileSync(path.join(dir, 'deep.json'), `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":${deep}}`);
      expect(await runHere(['plan', path.join(dir, 'deep.json'), path.join(dir, 'deep.json')])).toEqual({
        code: 2,
        stdout: '',
        stderr: `capi-constructs: ${path.join(dir, 'deep.json')}: invalid JSON: nested more than 200 levels deep\n`,
      });
    }), 120_000); // the bomb's two million values take a few seconds on a busy machine

  test('--debug, anywhere before --, adds the stack trace', async () => {
    const r = await run(['plan', BEFORE, '/nonexistent/after', '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^capi-constructs: \/nonexistent\/after: no such file or folder\n {4}at (readManifestPath|readTextFiles) .*files\.ts/);
    expect(await runHere(['plan', BEFORE, '--', '--debug'])).toEqual({ code: 2, stdout: '', stderr: `capi-constructs: ${path.join(ROOT, '--debug')}: no such file or folder\n` });
  });

  test('an unexpected error prints its message and how to see the stack, and exits 2', async () => {
    let stderr = '';
    const failingIo = (debugArgs: string[]) =>
      main(['plan', ...debugArgs, BEFORE, AFTER], {
        cwd: ROOT,
        stdout: () => {
          throw new Error('disk full');
        },
        stderr: (t) => void (stderr += t),
      });
    expect(await failingIo([])).toBe(2);
    expect(stderr).toBe('capi-constructs: unexpected error: disk full\nrun with --debug for the stack trace\n');
    stderr = '';
    expect(await failingIo(['--debug'])).toBe(2);
    expect(stderr).toMatch(/^capi-constructs: unexpected error: disk full\n {4}at /);
  });

  test('exits 2 with the usage when a size is not a size', async () => {
    for (const size of ['lots', '0', '-1', '12MB']) {
      const r = await runHere(['plan', '--max-file-size', size, BEFORE, AFTER]);
      expect([size, r.code, r.stdout]).toEqual([size, 2, '']);
      expect(r.stderr).toMatch(new RegExp(`^capi-constructs: --max-file-size takes a size such as 64MiB, 512KiB or 2GiB \\(a plain number is MiB\\), not "${size}"\n\nUsage:`));
    }
  });

  test('exits 2 with the usage on a usage error', async () => {
    // The first through the launcher, the others in this process (six launches take a minute on a busy machine).
    const cases = [[], ['plan', BEFORE], ['plan', '--format', 'yaml', BEFORE, AFTER], ['plan', '--bogus', BEFORE, AFTER], ['apply'], ['plan', '--context', 'x', BEFORE, AFTER]];
    for (const [i, args] of cases.entries()) {
      const r = await (i === 0 ? run : runHere)(args);
      expect([args, r.code, r.stdout]).toEqual([args, 2, '']);
      expect(r.stderr).toMatch(/^capi-constructs: .*\n\nUsage:/);
    }
  });
});
