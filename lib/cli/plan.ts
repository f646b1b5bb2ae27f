/** `capi-constructs plan`: its arguments, and the run that reads both sides and prints the plan. */
import * as path from 'path';
import { SupportedVersionWindow } from '../core/versions';
import { formatFleetIssue, formatFleetPlan, managementClusterInputs, planFleet, renderFleet, ResolvedFleet, resolveInventoryFiles } from '../fleet';
import { ReadBudget, readGitManifests, readGitTextFiles, readInventoryPath, readLiveManifests, readManifestPath } from '../io';
import { Plan, PlanFormat, PlanInputError, PlanManifest, PLAN_FORMATS, formatPlan, parseVersionWindow, planChanges, planDangers } from '../plan';
import { CapiValidationError } from '../support/issues';
import { CliIo, readArgs, secondsOption, UsageError } from './_io';

export interface PlanArgs {
  positionals: string[];
  format: PlanFormat;
  failOnDanger: boolean;
  /** `--summary`: only the fleet summary and the dangers. */
  summary: boolean;
  /** `--git REV [PATH]`: PATH may be left out with --inventory (the inventory's path is used). */
  git?: { rev: string; path?: string };
  /** `--inventory PATH`: compare the fleet's inventory at `--git REV` with PATH as it is now. */
  inventory?: string;
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
const VALUE_OPTIONS = new Set(['--inventory', '--format', '--fail-on', '--kubeconfig', '--context', '--request-timeout', '--deadline', '--supported-versions', '--max-file-size', '--max-input-size']);

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
  args.positionals.push(...readArgs(argv, VALUE_OPTIONS, (name, value, next) => {
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
        const rev = next();
        if (rev === undefined) throw new UsageError('--git needs a revision and a path: --git REV PATH');
        // With --inventory the path is the inventory's: `--git REV` alone is enough.
        args.git = { rev, path: next() };
        break;
      }
      case '--inventory':
        args.inventory = value();
        break;
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
        args.requestTimeoutMs = secondsOption(name, value()) * 1000;
        break;
      case '--deadline':
        args.deadlineMs = secondsOption(name, value()) * 1000;
        break;
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
  }));
  return args;
}

function checkSides(args: PlanArgs): void {
  const n = args.positionals.length;
  if (args.inventory) {
    if (!args.git) throw new UsageError('--inventory needs --git REV: the revision whose inventory is the before side');
    if (args.live) throw new UsageError('--inventory and --live cannot be combined');
    if (n > 0 || (args.git.path !== undefined && path.resolve(args.git.path) !== path.resolve(args.inventory))) throw new UsageError('with --inventory, give no other path: the inventory at REV is compared with the inventory now');
    return;
  }
  if (args.git && args.git.path === undefined) throw new UsageError('--git needs a revision and a path: --git REV PATH');
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
  if (args.inventory) return runInventoryPlan(args, io, budget, supportedVersions);
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
    const before = args.git ? readGitManifests(args.git.rev, args.git.path!, io.cwd, budget) : readManifestPath(resolve(args.positionals[0]), budget);
    const afterPath = args.git ? (args.positionals[0] ?? args.git.path!) : args.positionals[1];
    plan = planChanges(before, readManifestPath(resolve(afterPath), budget), { supportedVersions });
  }
  io.stdout(formatPlan(plan, args.format, { summaryOnly: args.summary }));
  return args.failOnDanger && planDangers(plan).length > 0 ? 1 : 0;
}

/**
 * `plan --inventory PATH --git REV`: resolves the inventory at REV and as it is now, renders both
 * fleets with the core, plans the objects, and puts the fleet's view first: each layer change
 * with the clusters it changes and what they replace, and the clusters that move to another
 * management cluster (dangers, counted by --fail-on danger).
 */
function runInventoryPlan(args: PlanArgs, io: CliIo, budget: ReadBudget, supportedVersions: SupportedVersionWindow | undefined): number {
  const relative = (file: string) => {
    const rel = path.relative(io.cwd, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  };
  const before = resolveInventoryFiles(readGitTextFiles(args.git!.rev, args.inventory!, io.cwd, budget));
  const after = resolveInventoryFiles(readInventoryPath(path.resolve(io.cwd, args.inventory!), budget).map(f => ({ path: relative(f.path), content: f.content })));
  for (const [side, fleet] of [[`${args.git!.rev}`, before], ['now', after]] as const) {
    if (fleet.issues.length > 0) {
      throw new PlanInputError(`the inventory (${side}) has ${fleet.issues.length} problem${fleet.issues.length === 1 ? '' : 's'}:\n${fleet.issues.map(i => `  ${formatFleetIssue(i)}`).join('\n')}`);
    }
  }
  const plan = planChanges(fleetObjects(before), fleetObjects(after), { supportedVersions });
  const fleet = planFleet(before, after, plan);
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify({ fleet, ...JSON.parse(formatPlan(plan, 'json', { summaryOnly: args.summary })) }, null, 2)}\n`);
  } else {
    const section = formatFleetPlan(fleet);
    io.stdout(`${args.format === 'markdown' && section ? `\`\`\`\n${section.trimEnd()}\n\`\`\`\n\n` : section}${formatPlan(plan, args.format, { summaryOnly: args.summary })}`);
  }
  return args.failOnDanger && (planDangers(plan).length > 0 || fleet.moves.length > 0) ? 1 : 0;
}

/** Every object of a resolved fleet, each once (management clusters may hold the same shared add-on objects). */
function fleetObjects(fleet: ResolvedFleet): PlanManifest[] {
  const seen = new Set<string>();
  const out: PlanManifest[] = [];
  try {
    for (const mc of renderFleet(fleet.clusters, { managementClusters: managementClusterInputs(fleet) })) {
      for (const o of [...(mc.objects ?? []), ...(mc.shared ?? []), ...mc.clusters.flatMap(c => c.objects)]) {
        const key = `${o.manifest.apiVersion}/${o.manifest.kind}/${o.manifest.metadata.namespace ?? ''}/${o.manifest.metadata.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(o.manifest as PlanManifest);
      }
    }
  } catch (e) {
    if (CapiValidationError.isCapiValidationError(e)) throw new PlanInputError(e.message);
    throw e;
  }
  return out;
}
