/**
 * The `capi-constructs` command. `main` parses the arguments by hand (no dependency), runs the
 * command and returns the exit code: 0 a valid plan, 1 dangers found with `--fail-on danger`,
 * 2 unreadable input or a usage error (message on stderr).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  Plan,
  PlanFormat,
  PlanInputError,
  PlanManifest,
  PLAN_FORMATS,
  formatPlan,
  parseVersionWindow,
  planChanges,
  planDangers,
} from '../plan';
import { readGitManifests, readLiveManifests, readManifestPath } from '../io';

export const USAGE = `Usage:
  capi-constructs plan [options] BEFORE AFTER          compare two manifest files or folders
  capi-constructs plan [options] --git REV PATH [AFTER] before side from git (AFTER defaults to PATH)
  capi-constructs plan [options] --live AFTER           before side from the management cluster
  capi-constructs --help | --version

Says what applying AFTER does: changed objects per cluster, machines replaced (control plane and
each worker pool, how many, with what surge, why), changes applied in place, Kubernetes version
steps, dangers (stable codes) and templates nothing references any more.

Options:
  --format text|markdown|json   output format (default: text)
  --fail-on danger              exit 1 when the plan has any danger (for CI gates)
  --git REV PATH                read the before side from PATH (file or folder) at git revision REV
  --live                        read the before side from the management cluster; compares only
                                the paths the desired manifests set
  --kubeconfig FILE             with --live: kubeconfig file (default: $KUBECONFIG, ~/.kube/config)
  --context NAME                with --live: kubeconfig context (default: the current context)
  --supported-versions MIN-MAX  supported Kubernetes minors (default: v1.31-v1.36, CAPI v1.14)
  -h, --help                    show this help
  -V, --version                 print the version

Exit codes: 0 valid plan, 1 dangers found with --fail-on danger, 2 unreadable input or usage error.
`;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Folder that relative paths and git are resolved against. */
  readonly cwd: string;
}

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

class UsageError extends Error {}

interface PlanArgs {
  positionals: string[];
  format: PlanFormat;
  failOnDanger: boolean;
  git?: { rev: string; path: string };
  live: boolean;
  kubeconfig?: string;
  context?: string;
  supportedVersions?: string;
  help: boolean;
}

/** Options that take a value (`--opt VALUE` or `--opt=VALUE`). */
const VALUE_OPTIONS = new Set(['--format', '--fail-on', '--kubeconfig', '--context', '--supported-versions']);

function parsePlanArgs(argv: string[]): PlanArgs {
  const args: PlanArgs = { positionals: [], format: 'text', failOnDanger: false, live: false, help: false };
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
      case '--live':
        args.live = true;
        break;
      case '--kubeconfig':
        args.kubeconfig = value();
        break;
      case '--context':
        args.context = value();
        break;
      case '--supported-versions':
        args.supportedVersions = value();
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
  if (!args.live && (args.kubeconfig || args.context)) throw new UsageError('--kubeconfig and --context only apply with --live');
  if (args.git && n > 1) throw new UsageError('with --git, give at most one AFTER path');
  if (args.live && n !== 1) throw new UsageError('with --live, give exactly one AFTER path (the desired manifests)');
  if (!args.git && !args.live && n !== 2) throw new UsageError(`plan needs BEFORE and AFTER (got ${n} path${n === 1 ? '' : 's'})`);
}

async function runPlan(args: PlanArgs, io: CliIo): Promise<number> {
  checkSides(args);
  const supportedVersions = args.supportedVersions ? parseVersionWindow(args.supportedVersions) : undefined;
  const resolve = (p: string) => path.resolve(io.cwd, p);
  let plan: Plan;
  if (args.live) {
    const desired = readManifestPath(resolve(args.positionals[0]));
    const live = await readLiveManifests(desired, { kubeconfig: args.kubeconfig && resolve(args.kubeconfig), context: args.context });
    if (live.unread.length) {
      const names = live.unread.map((m) => `${m.kind}/${m.metadata.name}`).join(', ');
      io.stderr(`note: not compared (the live reader reads CAPI objects, custom objects and namespaces): ${names}\n`);
    }
    const unread = new Set<PlanManifest>(live.unread);
    plan = planChanges(live.objects, desired.filter((m) => !unread.has(m)), { beforeIsLive: true, supportedVersions });
  } else {
    const before = args.git ? readGitManifests(args.git.rev, args.git.path, io.cwd) : readManifestPath(resolve(args.positionals[0]));
    const afterPath = args.git ? (args.positionals[0] ?? args.git.path) : args.positionals[1];
    plan = planChanges(before, readManifestPath(resolve(afterPath)), { supportedVersions });
  }
  io.stdout(formatPlan(plan, args.format));
  return args.failOnDanger && planDangers(plan).length > 0 ? 1 : 0;
}

/** This package's version, from the package.json above this file (source or compiled). */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'capi-constructs' && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) throw new Error('package.json of capi-constructs not found');
  }
}

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError('no command given');
    if (command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (command === '-V' || command === '--version') {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    if (command !== 'plan') throw new UsageError(`unknown command "${command}"`);
    const args = parsePlanArgs(rest);
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    return await runPlan(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`capi-constructs: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof PlanInputError) {
      io.stderr(`capi-constructs: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
