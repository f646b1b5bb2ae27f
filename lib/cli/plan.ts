/** `capi-constructs plan`: its arguments, and the run that reads both sides and prints the plan. */
import * as path from 'path';
import { ReadBudget, readGitManifests, readLiveManifests, readManifestPath } from '../io';
import { Plan, PlanFormat, PlanManifest, PLAN_FORMATS, formatPlan, parseVersionWindow, planChanges, planDangers } from '../plan';
import { CliIo, UsageError } from './_io';

export interface PlanArgs {
  positionals: string[];
  format: PlanFormat;
  failOnDanger: boolean;
  /** `--summary`: only the fleet summary and the dangers. */
  summary: boolean;
  git?: { rev: string; path: string };
  live: boolean;
  kubeconfig?: string;
  context?: string;
  /** `--request-timeout SECONDS` / `--deadline SECONDS` for `--live`. */
  requestTimeoutMs?: number;
  deadlineMs?: number;
  supportedVersions?: string;
  /** `--max-file-size SIZE` / `--max-input-size SIZE`, in bytes. */
  maxFileBytes?: number;
  maxInputBytes?: number;
  help: boolean;
}

/** Options that take a value (`--opt VALUE` or `--opt=VALUE`). */
const VALUE_OPTIONS = new Set(['--format', '--fail-on', '--kubeconfig', '--context', '--request-timeout', '--deadline', '--supported-versions', '--max-file-size', '--max-input-size']);

const SIZE_UNITS: Record<string, number> = { kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** A size such as `64MiB`, `512KiB`, `2GiB`; a plain number is MiB. */
function parseSize(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(KiB|MiB|GiB)?$/i.exec(text);
  const bytes = match ? Math.floor(Number(match[1]) * SIZE_UNITS[(match[2] ?? 'MiB').toLowerCase()]) : 0;
  if (bytes <= 0) throw new UsageError(`${name} takes a size such as 64MiB, 512KiB or 2GiB (a plain number is MiB), not "${text}"`);
  return bytes;
}

export function parsePlanArgs(argv: string[]): PlanArgs {
  const args: PlanArgs = { positionals: [], format: 'text', failOnDanger: false, summary: false, live: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') {
      args.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('-') || token === '-') {
      args.positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    const inline = eq > 0 ? token.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    if (inline !== undefined && !VALUE_OPTIONS.has(name)) throw new UsageError(`${name} takes no value`);
    switch (name) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--format': {
        const format = value();
        if (!(PLAN_FORMATS as readonly string[]).includes(format)) {
          throw new UsageError(`--format must be one of ${PLAN_FORMATS.join(', ')}, not "${format}"`);
        }
        args.format = format as PlanFormat;
        break;
      }
      case '--fail-on': {
        const on = value();
        if (on !== 'danger') throw new UsageError(`--fail-on accepts "danger", not "${on}"`);
        args.failOnDanger = true;
        break;
      }
      case '--git': {
        const rev = argv[++i];
        const p = argv[++i];
        if (rev === undefined || p === undefined) throw new UsageError('--git needs a revision and a path: --git REV PATH');
        args.git = { rev, path: p };
        break;
      }
      case '--summary':
        args.summary = true;
        break;
      case '--live':
        args.live = true;
        break;
      case '--kubeconfig':
        args.kubeconfig = value();
        break;
      case '--context':
        args.context = value();
        break;
      case '--request-timeout':
      case '--deadline': {
        const text = value();
        const seconds = Number(text);
        if (!/^\d+(\.\d+)?$/.test(text) || seconds <= 0) throw new UsageError(`${name} takes a number of seconds greater than 0, not "${text}"`);
        if (name === '--deadline') args.deadlineMs = seconds * 1000;
        else args.requestTimeoutMs = seconds * 1000;
        break;
      }
      case '--supported-versions':
        args.supportedVersions = value();
        break;
      case '--max-file-size':
        args.maxFileBytes = parseSize(name, value());
        break;
      case '--max-input-size':
        args.maxInputBytes = parseSize(name, value());
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  return args;
}

function checkSides(args: PlanArgs): void {
  const n = args.positionals.length;
  if (args.git && args.live) throw new UsageError('--git and --live both give the before side: use one');
  if (!args.live && (args.kubeconfig || args.context || args.requestTimeoutMs || args.deadlineMs)) throw new UsageError('--kubeconfig, --context, --request-timeout and --deadline only apply with --live');
  if (args.git && n > 1) throw new UsageError('with --git, give at most one AFTER path');
  if (args.live && n !== 1) throw new UsageError('with --live, give exactly one AFTER path (the desired manifests)');
  if (!args.git && !args.live && n !== 2) throw new UsageError(`plan needs BEFORE and AFTER (got ${n} path${n === 1 ? '' : 's'})`);
}

export async function runPlan(args: PlanArgs, io: CliIo): Promise<number> {
  checkSides(args);
  const supportedVersions = args.supportedVersions ? parseVersionWindow(args.supportedVersions) : undefined;
  const resolve = (p: string) => path.resolve(io.cwd, p);
  // One budget for the whole run: the limit for all input counts both sides.
  const budget = new ReadBudget({ maxFileBytes: args.maxFileBytes, maxTotalBytes: args.maxInputBytes });
  let plan: Plan;
  if (args.live) {
    const desired = readManifestPath(resolve(args.positionals[0]), budget);
    const live = await readLiveManifests(desired, { kubeconfig: args.kubeconfig && resolve(args.kubeconfig), context: args.context, requestTimeoutMs: args.requestTimeoutMs, deadlineMs: args.deadlineMs });
    if (live.unread.length) {
      const names = live.unread.map((m) => `${m.kind}/${m.metadata.name}`).join(', ');
      io.stderr(`note: not compared (the live reader reads CAPI objects, custom objects and namespaces): ${names}\n`);
    }
    const unread = new Set<PlanManifest>(live.unread);
    plan = planChanges(live.objects, desired.filter((m) => !unread.has(m)), { beforeIsLive: true, supportedVersions });
  } else {
    const before = args.git ? readGitManifests(args.git.rev, args.git.path, io.cwd, budget) : readManifestPath(resolve(args.positionals[0]), budget);
    const afterPath = args.git ? (args.positionals[0] ?? args.git.path) : args.positionals[1];
    plan = planChanges(before, readManifestPath(resolve(afterPath), budget), { supportedVersions });
  }
  io.stdout(formatPlan(plan, args.format, { summaryOnly: args.summary }));
  return args.failOnDanger && planDangers(plan).length > 0 ? 1 : 0;
}
