/**
 * `npm run bench`: fleets of 10, 100 and 1000 clusters through the core, the plan, the cdk8s constructs
 * and the Pulumi component, each against the cheapest way to produce the same output with the
 * same tool, and against a JSON floor (`JSON.stringify`, `JSON.parse` of the same data). Every run of a case is a separate child process (plain node on transpiled
 * JavaScript); the table shows the median wall time of the runs and the highest peak RSS.
 *
 *   npm run bench                                  # everything; writes bench/results.json
 *   npm run bench -- --sizes 10,100 --cases core,yaml-floor   # a subset; writes .tmp/bench-results.json
 *   npm run bench -- --sizes 1000 --cases plan-git,plan-json-parse-floor   # plan-git brings its baseline, plan
 *   npm run bench -- --sizes 100,1000 --cases fleet,fleet-specs   # the fleet from an inventory against the same merged specs
 */
import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BenchCase, CASES } from './cases';
import { ChildResult } from './child';
import { buildBench, ROOT } from './build';
import { benchTempBase } from './plan-fixture';

const DEFAULT_SIZES = [10, 100, 1000];
/** Runs per case and size: small fleets finish in milliseconds, so take the median of several. */
const RUNS: Record<number, number> = { 10: 5, 100: 5, 1000: 3 };
/** A child that has not reported by then is killed and its case marked failed. */
const CHILD_TIMEOUT_MS = 5 * 60_000;

export const TARGETS = {
  /** subject time / baseline time, per group. */
  ratio: { core: 1.5, plan: 1.5, cdk8s: 1.2, pulumi: 1.2, fleet: 1.2 } as Record<string, number>,
  /**
   * Groups whose ratio target is set for one size only (issue 15: "synthesizing a 1000-cluster
   * fleet from an inventory ... within 1.2x"); smaller sizes are shown, not targeted, since the
   * inventory's fixed work (its entries checked once) weighs more there.
   */
  ratioOnlyAt: { fleet: 1000 } as Record<string, number>,
  /**
   * subject time / floor time at 1000 clusters, per case (issue 10: the core within 10x of
   * JSON.stringify of the same objects, 6x the stretch; issue 11: the plan of two folders within
   * 15x of JSON.parse of the same objects, 10x the stretch).
   */
  floorRatioAt1000: { core: 10, plan: 15 } as Record<string, number>,
  floorRatioStretchAt1000: { core: 6, plan: 10 } as Record<string, number>,
  /** Peak RSS of every 1000-cluster run. */
  maxRssMiBAt1000: 1024,
  /** time(1000 clusters) / time(100 clusters), every case but the floors. */
  growth100to1000: 11,
};

interface Entry {
  size: number;
  case: string;
  group: string;
  role: string;
  description: string;
  /** Median wall time of the runs, ms. */
  ms?: number;
  runsMs: number[];
  /** Median CPU time (user + system, all threads) of the runs, ms: less sensitive to a busy machine. */
  cpuMs?: number;
  runsCpuMs: number[];
  /** Highest peak RSS of the runs, MiB. */
  maxRssMiB?: number;
  objects?: number;
  bytes?: number;
  baseline?: string;
  ratioToBaseline?: number;
  /** The group's JSON floor and subject time / floor time. */
  floor?: string;
  ratioToFloor?: number;
  growth100to1000?: number;
  error?: string;
}

/** Cases named by a subject's `baseline`, added to a `--cases` selection so the ratio can be computed. */
function withBaselines(cases: BenchCase[]): BenchCase[] {
  const ids = new Set(cases.flatMap(c => (c.baseline ? [c.id, c.baseline] : [c.id])));
  return CASES.filter(c => ids.has(c.id));
}

function parseArgs(argv: string[]): { sizes: number[]; cases: BenchCase[]; full: boolean } {
  let sizes = DEFAULT_SIZES;
  let cases: BenchCase[] = [...CASES];
  let full = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') {
      sizes = argv[++i].split(',').map(Number);
      full = false;
    } else if (argv[i] === '--cases') {
      const ids = argv[++i].split(',');
      cases = withBaselines(CASES.filter(c => ids.includes(c.id)));
      full = false;
    } else {
      throw new Error(`unknown argument ${argv[i]}; use --sizes 10,100 and/or --cases ${CASES.map(c => c.id).join(',')}`);
    }
  }
  return { sizes, cases, full };
}

function runChild(entry: string, id: string, size: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(entry, [id, String(size)], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], execArgv: [] });
    let stderr = '';
    let result: ChildResult | undefined;
    child.stderr!.on('data', d => (stderr += d));
    child.on('message', m => (result = m as ChildResult));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result && code === 0) resolve(result);
      else reject(new Error(signal ? `killed by ${signal} (timeout ${CHILD_TIMEOUT_MS / 1000}s)` : `exit ${code}: ${lastLines(stderr, 4)}`));
    });
  });
}

function lastLines(text: string, n: number): string {
  const lines = text.trim().split('\n');
  const firstError = lines.findIndex(l => /Error/.test(l));
  return (firstError >= 0 ? lines.slice(firstError, firstError + n) : lines.slice(-n)).join(' | ');
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const { sizes, cases, full } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const entryPoint = buildBench();
  // The plan cases' fixtures, made once per size by the first child that needs one (bench/plan-fixture.ts).
  process.env.BENCH_FIXTURES = fs.mkdtempSync(path.join(benchTempBase(), 'capi-bench-fixtures-'));
  try {
    await runAll(sizes, cases, full, entryPoint, started);
  } finally {
    fs.rmSync(process.env.BENCH_FIXTURES, { recursive: true, force: true });
  }
}

async function runAll(sizes: number[], cases: BenchCase[], full: boolean, entryPoint: string, started: number): Promise<void> {
  const entries: Entry[] = [];
  const loadBefore = os.loadavg()[0];
  for (const size of sizes) {
    // The subject and the baseline of a group run alternately, so a busy machine slows both alike.
    for (const group of [...new Set(cases.map(c => c.group))]) {
      const groupCases = cases.filter(c => c.group === group);
      const groupEntries = groupCases.map(c => {
        const entry: Entry = { size, case: c.id, group: c.group, role: c.role, description: c.description, runsMs: [], runsCpuMs: [] };
        entries.push(entry);
        return entry;
      });
      const runsOf = (c: BenchCase) => c.runs?.[size] ?? RUNS[size] ?? 1;
      const runs = Math.max(...groupCases.map(runsOf));
      for (let r = 0; r < runs; r++) {
        for (const [i, entry] of groupEntries.entries()) {
          if (entry.error || r >= runsOf(groupCases[i])) continue;
          try {
            const res = await runChild(entryPoint, entry.case, size);
            entry.runsMs.push(res.ms);
            entry.runsCpuMs.push(res.cpuMs);
            entry.maxRssMiB = Math.max(entry.maxRssMiB ?? 0, res.maxRssMiB);
            entry.objects = res.objects;
            entry.bytes = res.bytes;
            process.stderr.write(`${entry.case} x${size} run ${r + 1}/${runsOf(groupCases[i])}: ${(res.ms / 1000).toFixed(2)} s, ${res.maxRssMiB.toFixed(0)} MiB\n`);
          } catch (e) {
            entry.error = (e as Error).message;
            process.stderr.write(`${entry.case} x${size} FAILED: ${entry.error}\n`);
          }
        }
      }
      for (const entry of groupEntries) {
        if (entry.runsMs.length > 0) {
          entry.ms = median(entry.runsMs);
          entry.cpuMs = median(entry.runsCpuMs);
        }
      }
    }
  }
  const loadAfter = os.loadavg()[0];

  // Ratios to the baseline and the floor of the same group and size, growth from 100 to 1000 clusters.
  for (const e of entries) {
    if (e.role === 'subject') {
      const named = CASES.find(c => c.id === e.case)?.baseline;
      const base = entries.find(b => b.size === e.size && (named ? b.case === named : b.group === e.group && b.role === 'baseline'));
      const floor = entries.find(b => b.size === e.size && b.group === e.group && b.role === 'floor');
      if (base) {
        e.baseline = base.case;
        if (e.ms !== undefined && base.ms !== undefined) e.ratioToBaseline = e.ms / base.ms;
      }
      if (floor) {
        e.floor = floor.case;
        if (e.ms !== undefined && floor.ms !== undefined) e.ratioToFloor = e.ms / floor.ms;
      }
      for (const other of [base, floor]) {
        if (other && e.objects !== undefined && other.objects !== undefined && e.objects !== other.objects) {
          e.error = `${e.case} produced ${e.objects} objects but ${other.case} ${other.objects}: not the same output`;
        }
      }
    }
    const at100 = entries.find(x => x.case === e.case && x.size === 100);
    const at1000 = entries.find(x => x.case === e.case && x.size === 1000);
    if (at100?.ms !== undefined && at1000?.ms !== undefined) e.growth100to1000 = at1000.ms / at100.ms;
  }

  const checks = evaluate(entries);
  const info = floorRatios(entries);
  const totalSeconds = (Date.now() - started) / 1000;
  console.log(table(entries));
  console.log('');
  for (const c of checks) console.log(`${c.met ? 'met   ' : 'MISSED'}  ${c.target}: ${c.detail}`);
  for (const i of info) console.log(`info    ${i.ratio}: ${i.detail}`);
  console.log(`\nwhole run: ${totalSeconds.toFixed(0)} s on ${os.cpus().length} CPUs, node ${process.version}, load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`);

  const report = {
    command: 'npm run bench',
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    totalSeconds: Math.round(totalSeconds),
    loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number(loadAfter.toFixed(2)) },
    runsPerSize: RUNS,
    targets: TARGETS,
    entries: entries.map(round),
    checks,
    info,
  };
  const out = full ? path.join(ROOT, 'bench', 'results.json') : path.join(ROOT, '.tmp', 'bench-results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, out)}`);
  if (entries.some(e => e.error)) process.exitCode = 1;
}

function evaluate(entries: Entry[]): Array<{ target: string; met: boolean; detail: string }> {
  const checks: Array<{ target: string; met: boolean; detail: string }> = [];
  for (const [group, limit] of Object.entries(TARGETS.ratio)) {
    const only = TARGETS.ratioOnlyAt[group];
    const subjects = entries.filter(e => e.group === group && e.role === 'subject' && e.ratioToBaseline !== undefined && (only === undefined || e.size === only));
    if (subjects.length === 0) continue;
    const worst = subjects.reduce((a, b) => (b.ratioToBaseline! > a.ratioToBaseline! ? b : a));
    checks.push({
      target: `${group} within ${limit}x of its baseline${only === undefined ? '' : ` at ${only} clusters`}`, met: subjects.every(e => e.ratioToBaseline! <= limit),
      detail: subjects.map(e => `${e.size}: ${e.ratioToBaseline!.toFixed(2)}x`).join(', ') + ` (worst ${worst.size} clusters)`,
    });
  }
  for (const [id, limit] of Object.entries(TARGETS.floorRatioAt1000)) {
    const subject = entries.find(e => e.case === id && e.size === 1000 && e.ratioToFloor !== undefined);
    if (!subject) continue;
    const stretch = TARGETS.floorRatioStretchAt1000[id];
    const detail = `${subject.ratioToFloor!.toFixed(1)}x`;
    checks.push({ target: `${id} within ${limit}x of ${subject.floor} at 1000 clusters`, met: subject.ratioToFloor! <= limit, detail });
    if (stretch !== undefined) {
      checks.push({ target: `${id} within ${stretch}x of ${subject.floor} at 1000 clusters (stretch)`, met: subject.ratioToFloor! <= stretch, detail });
    }
  }
  const big = entries.filter(e => e.size === 1000 && e.maxRssMiB !== undefined);
  if (big.length > 0) {
    const over = big.filter(e => e.maxRssMiB! > TARGETS.maxRssMiBAt1000);
    checks.push({
      target: `every 1000-cluster run under ${TARGETS.maxRssMiBAt1000} MiB peak RSS`, met: over.length === 0,
      detail: over.length === 0 ? `highest ${Math.max(...big.map(e => e.maxRssMiB!)).toFixed(0)} MiB` : over.map(e => `${e.case} ${e.maxRssMiB!.toFixed(0)} MiB`).join(', '),
    });
  }
  // The floors' growth is the platform's (JSON.stringify of a bigger heap), not a tool's: shown, not targeted.
  const grown = entries.filter(e => e.size === 1000 && e.role !== 'floor' && e.growth100to1000 !== undefined);
  if (grown.length > 0) {
    const over = grown.filter(e => e.growth100to1000! > TARGETS.growth100to1000);
    checks.push({
      target: `growth from 100 to 1000 clusters at most ${TARGETS.growth100to1000}x`, met: over.length === 0,
      detail: grown.map(e => `${e.case} ${e.growth100to1000!.toFixed(1)}x`).join(', '),
    });
  }
  const failed = entries.filter(e => e.error);
  if (failed.length > 0) checks.push({ target: 'every case ran', met: false, detail: failed.map(e => `${e.case} x${e.size}: ${e.error}`).join('; ') });
  return checks;
}

/** Every subject's ratio to its floor at each size, targeted or not (the reader's is information only). */
function floorRatios(entries: Entry[]): Array<{ ratio: string; detail: string }> {
  const out: Array<{ ratio: string; detail: string }> = [];
  for (const name of [...new Set(entries.filter(e => e.role === 'subject' && e.floor).map(e => e.case))]) {
    const subjects = entries.filter(e => e.case === name && e.ratioToFloor !== undefined);
    if (subjects.length === 0) continue;
    const targeted = TARGETS.floorRatioAt1000[name] !== undefined;
    out.push({
      ratio: `${name} / ${subjects[0].floor}${targeted ? '' : ' (no target)'}`,
      detail: subjects.map(e => `${e.size}: ${e.ratioToFloor!.toFixed(1)}x`).join(', '),
    });
  }
  return out;
}

function round(e: Entry): Entry {
  const r = (x: number | undefined, d: number) => (x === undefined ? undefined : Number(x.toFixed(d)));
  return {
    ...e, ms: r(e.ms, 1), runsMs: e.runsMs.map(x => r(x, 1)!), cpuMs: r(e.cpuMs, 1), runsCpuMs: e.runsCpuMs.map(x => r(x, 1)!), maxRssMiB: r(e.maxRssMiB, 1),
    ratioToBaseline: r(e.ratioToBaseline, 3), ratioToFloor: r(e.ratioToFloor, 3), growth100to1000: r(e.growth100to1000, 2),
  };
}

/** The table printed by the bench and pasted into the README (Markdown). */
export function table(entries: readonly Entry[]): string {
  const rows = [['clusters', 'case', 'time (s)', 'CPU (s)', 'vs baseline', 'vs JSON floor', 'peak RSS (MiB)', 'growth 100→1000']];
  for (const e of entries) {
    rows.push([
      String(e.size),
      e.role === 'subject' ? e.case : `${e.case} (${e.role})`,
      e.error && e.ms === undefined ? 'failed' : (e.ms! / 1000).toFixed(e.ms! < 100 ? 4 : e.ms! < 1000 ? 3 : 2),
      e.cpuMs !== undefined ? (e.cpuMs / 1000).toFixed(e.cpuMs < 1000 ? 3 : 2) : '',
      e.ratioToBaseline !== undefined ? `${e.ratioToBaseline.toFixed(2)}x` : '',
      e.ratioToFloor !== undefined ? `${e.ratioToFloor.toFixed(1)}x` : '',
      e.maxRssMiB !== undefined ? e.maxRssMiB.toFixed(0) : '',
      e.size === 1000 && e.growth100to1000 !== undefined ? `${e.growth100to1000.toFixed(1)}x` : '',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

if (require.main === module) {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
