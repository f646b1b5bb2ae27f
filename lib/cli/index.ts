/**
 * The `capi-constructs` command. `main` parses the arguments by hand (no dependency), runs the
 * command and returns the exit code: 0 a valid plan or status, 1 dangers found with `--fail-on
 * danger` (plan), a cluster not Available with `--fail-on unavailable` (status) or inventory
 * problems (fleet render), 2 any error (one line on stderr, never a stack trace unless `--debug`).
 * One file per command (plan.ts, status.ts, explain.ts, fleet.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { PlanInputError } from '../plan';
import { CliIo, defaultIo, UsageError } from './_io';
import { parseExplainArgs, runExplain } from './explain';
import { parseFleetArgs, runFleetRender } from './fleet';
import { parsePlanArgs, runPlan } from './plan';
import { parseStatusArgs, runStatus } from './status';

export type { CliIo } from './_io';

export const USAGE = `Usage:
  capi-constructs plan [options] BEFORE AFTER          compare two manifest files or folders
  capi-constructs plan [options] --git REV PATH [AFTER] before side from git (AFTER defaults to PATH)
  capi-constructs plan [options] --live AFTER           before side from the management cluster
  capi-constructs status [options] [CLUSTER...]         what the management cluster's clusters run
  capi-constructs explain --inventory PATH CLUSTER [FIELD] [--format text|json] [--overridden]
                                                       where each value of a fleet's cluster came from
  capi-constructs fleet render --inventory PATH --output DIR [--gitops flux|argo-cd --repository URL
                               [--revision REV] [--repository-path PATH]]
                                                       write the fleet's GitOps layout
  capi-constructs --help | --version

Says what applying AFTER does: changed objects per cluster, machines replaced (control plane and
each worker pool, how many, with what surge, why), changes applied in place, Kubernetes version
steps, dangers (stable codes) and templates nothing references any more.

Options:
  --format text|markdown|json   output format (default: text)
  --fail-on danger              exit 1 when the plan has any danger (for CI gates)
  --summary                     print only the fleet summary and the dangers
  --git REV PATH                read the before side from PATH (file or folder) at git revision REV
  --live                        read the before side from the management cluster; compares only
                                the paths the desired manifests set
  --kubeconfig FILE             with --live: kubeconfig file (default: $KUBECONFIG, ~/.kube/config)
  --context NAME                with --live: kubeconfig context (default: the current context)
  --request-timeout SECONDS     with --live: longest wait for one response (default: 30)
  --deadline SECONDS            with --live: longest the whole read may take (default: 300)
  --supported-versions MIN-MAX  supported Kubernetes minors (default: those of the Cluster API
                                version the desired CoreProvider pins, else v1.31-v1.36, v1.14)
  --max-file-size SIZE          largest manifest file read, e.g. 128MiB (default: 64MiB, which
                                is also the most the YAML reader reads; JSON may be larger)
  --max-input-size SIZE         most bytes read in all, both sides (default: 256MiB)
  --debug                       print the stack trace of an error
  -h, --help                    show this help
  -V, --version                 print the version

Status options (status reads the kubeconfig's current context, or each --context given):
  --context NAME                a management cluster; repeat for one per environment
  --namespace NS, -n NS         read this namespace (default: the context's, else default)
  --all-namespaces, -A          read every namespace
  --format text|markdown|json   output format (default: text)
  --summary                     print only the fleet summary and the management clusters
  --fail-on unavailable         exit 1 when any selected cluster is not Available
  --desired PATH                also say which clusters' live specs differ from these manifests
  --capi-version V              the management cluster's Cluster API version when neither the
                                operator's CoreProvider nor the controller image says
  --kubeconfig FILE, --request-timeout SECONDS, --deadline SECONDS   as for plan --live

explain prints one line per effective value of CLUSTER (of FIELD and below, when given) with the
layer entry and file that set it, e.g.
  workerPools[general].machine.aws.instanceType = m6i.xlarge  (provider aws, inventory/providers/aws.yaml)
--overridden also names the layers each value overrode; the fleet's problems are notes on stderr.

fleet render writes one folder per management cluster (providers/, shared/<namespace>/,
clusters/<namespace>/<cluster>/, a kustomization.yaml in every folder) and, with --gitops, a
gitops/ folder of Flux Kustomizations or Argo CD Applications, one per folder; YAML files the
layout no longer has are removed from those folders.

Exit codes: 0 valid plan or status (fleet render: written), 1 dangers found with --fail-on
danger, a cluster not Available with --fail-on unavailable, or (fleet render) inventory problems,
nothing written; 2 unreadable input, input over a limit, a usage error or any other error.
`;

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

/** Expected failures are one line; anything else says how to see where it came from. */
function reportError(e: unknown, debug: boolean, io: CliIo): number {
  if (e instanceof UsageError) io.stderr(`capi-constructs: ${e.message}\n\n${USAGE}`);
  else if (e instanceof PlanInputError) io.stderr(`capi-constructs: ${e.message}\n`);
  else io.stderr(`capi-constructs: unexpected error: ${e instanceof Error ? e.message : String(e)}\n${debug ? '' : 'run with --debug for the stack trace\n'}`);
  if (debug && e instanceof Error && e.stack) io.stderr(`${e.stack.split('\n').slice(1).join('\n')}\n`);
  return 2;
}

/** Runs the command line `argv` (without node and the script) and returns the exit code. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  // `--debug` anywhere before `--` (after it, it would be a path).
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const debug = argv.slice(0, end).includes('--debug');
  try {
    const [command, ...rest] = debug ? argv.filter((a, i) => i >= end || a !== '--debug') : argv;
    if (command === undefined) throw new UsageError('no command given');
    if (command === '-h' || command === '--help' || command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (command === '-V' || command === '--version') {
      io.stdout(`${packageVersion()}\n`);
      return 0;
    }
    if (command === 'status') {
      const statusArgs = parseStatusArgs(rest);
      if (statusArgs.help) {
        io.stdout(USAGE);
        return 0;
      }
      return await runStatus(statusArgs, io);
    }
    if (command === 'explain') {
      const args = parseExplainArgs(rest);
      if (args.help) {
        io.stdout(USAGE);
        return 0;
      }
      return runExplain(args, io);
    }
    if (command === 'fleet') {
      const args = parseFleetArgs(rest);
      if (args.help) {
        io.stdout(USAGE);
        return 0;
      }
      return runFleetRender(args, io);
    }
    if (command !== 'plan') throw new UsageError(`unknown command "${command}"`);
    const args = parsePlanArgs(rest);
    if (args.help) {
      io.stdout(USAGE);
      return 0;
    }
    return await runPlan(args, io);
  } catch (e) {
    return reportError(e, debug, io);
  }
}
