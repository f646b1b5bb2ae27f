/**
 * The input of the plan cases: a fleet repository before and after a change, written by the
 * core (`toYaml`, one file per cluster, as `cdk8s synth` writes one file per chart), and the same
 * before side committed in a git repository whose work tree holds the after side.
 *
 * Writing 2 x 1000 files and committing them takes seconds, so the runner makes each fixture once
 * per run (under `BENCH_FIXTURES`, which it removes at the end) and every run of a plan case reuses
 * it; a child run by hand makes its own and removes it.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ManagedClusterSpec } from '../lib';
import { clusterSpec, fleetSpecs } from './fleet';

export interface PlanFixture {
  /** Folder of the before side (one YAML file per cluster). */
  readonly before: string;
  /** Folder of the after side, the same layout. */
  readonly after: string;
  /** A git work tree: `clusters/` holds the after side, HEAD the before side. */
  readonly repo: string;
  /** Objects on both sides together. */
  readonly objects: number;
  /** Bytes of YAML on both sides together. */
  readonly bytes: number;
  /** Removes the fixture when this process made it outside the runner's folder. */
  readonly cleanup: () => void;
}

/** Folder of the fixture files: `BENCH_TMPDIR`, else tmpfs when there is one (so the disk is not measured). */
export function benchTempBase(): string {
  return process.env.BENCH_TMPDIR ?? (fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir());
}

const NEW_INSTANCE_TYPE = 'm7i.large';

/**
 * The change a platform team ships in one pull request: every 10th cluster moves its `general`
 * pool to a new instance type (AWS) or image (Dev) — a rollout; every 7th scales its `system` pool
 * up by two; every 50th upgrades the control plane one minor; the last cluster is deleted and a
 * new one added. The same size always gives the same change.
 */
export function changedFleetSpecs(size: number): ManagedClusterSpec[] {
  const specs = fleetSpecs(size).slice(0, size - 1).map((spec, i) => {
    const pools = spec.workerPools!.map(pool => {
      if (pool.name === 'general' && i % 10 === 0) {
        const machine = pool.machine!.aws
          ? { aws: { ...pool.machine!.aws, instanceType: NEW_INSTANCE_TYPE } }
          : { dev: { preLoadImages: ['registry.example.com/app:next'] } };
        return { ...pool, machine };
      }
      if (pool.name === 'system' && i % 7 === 0) return { ...pool, replicas: (pool.replicas ?? 1) + 2 };
      return pool;
    });
    const version = i % 50 === 0 && spec.version === 'v1.33.4' ? 'v1.34.2' : spec.version;
    return { ...spec, version, workerPools: pools };
  });
  return [...specs, clusterSpec(size)];
}

/** Writes one file per cluster and returns the objects and bytes written. */
function writeFleet(dir: string, specs: readonly ManagedClusterSpec[]): { objects: number; bytes: number } {
  const { renderManagedCluster, toYaml } = require('../lib') as typeof import('../lib');
  fs.mkdirSync(dir, { recursive: true });
  let objects = 0;
  let bytes = 0;
  for (const spec of specs) {
    const manifests = renderManagedCluster(spec).manifests;
    const text = toYaml(manifests);
    fs.writeFileSync(path.join(dir, `${spec.name}.yaml`), text);
    objects += manifests.length;
    bytes += Buffer.byteLength(text);
  }
  return { objects, bytes };
}

function git(args: string[], cwd: string): void {
  execFileSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'ignore' });
}

function make(root: string, size: number): void {
  const before = path.join(root, 'before');
  const after = path.join(root, 'after');
  const written = [writeFleet(before, fleetSpecs(size)), writeFleet(after, changedFleetSpecs(size))];
  const totals = { objects: written[0].objects + written[1].objects, bytes: written[0].bytes + written[1].bytes };
  fs.writeFileSync(path.join(root, 'totals.json'), JSON.stringify(totals));
  const repo = path.join(root, 'repo');
  fs.mkdirSync(repo);
  git(['init', '--quiet'], repo);
  fs.cpSync(before, path.join(repo, 'clusters'), { recursive: true });
  git(['add', 'clusters'], repo);
  git(['commit', '--quiet', '-m', 'before'], repo);
  fs.rmSync(path.join(repo, 'clusters'), { recursive: true });
  fs.cpSync(after, path.join(repo, 'clusters'), { recursive: true });
}

/** The fixture of `size` clusters: the runner's shared one, made by the first case that needs it. */
export function planFixture(size: number): PlanFixture {
  const shared = process.env.BENCH_FIXTURES;
  const root = shared ? path.join(shared, `plan-${size}`) : fs.mkdtempSync(path.join(benchTempBase(), `capi-bench-plan-${size}-`));
  if (!shared || !fs.existsSync(root)) {
    // Made beside its final place and renamed, so a half-written fixture is never reused.
    const staging = shared ? fs.mkdtempSync(`${root}.staging-`) : root;
    make(staging, size);
    if (shared) fs.renameSync(staging, root);
  }
  const totals = JSON.parse(fs.readFileSync(path.join(root, 'totals.json'), 'utf8')) as { objects: number; bytes: number };
  return {
    ...totals,
    before: path.join(root, 'before'),
    after: path.join(root, 'after'),
    repo: path.join(root, 'repo'),
    cleanup: () => {
      if (!shared) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
