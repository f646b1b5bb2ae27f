/** `capi-constructs status`: its arguments, and the run that reads the management clusters and prints the fleet status. */
import * as path from 'path';
import { ReadBudget, readLiveManifests, readManagementObjects, readManifestPath } from '../io';
import type { ManagementReadResult } from '../io';
import { PlanInputError, PlanManifest, planChanges } from '../plan';
import type { Plan } from '../plan';
import { allAvailable, fleetStatus, formatStatus, STATUS_FORMATS, StatusFormat } from '../status';
import { CliIo, readArgs, secondsOption, UsageError } from './_io';

export interface StatusArgs {
  /** Cluster names (`name` or `namespace/name`) to show; none means all. */
  clusters: string[];
  format: StatusFormat;
  failOnUnavailable: boolean;
  summary: boolean;
  kubeconfig?: string;
  /** One management cluster per context; none means the kubeconfig's current context. */
  contexts: string[];
  namespace?: string;
  allNamespaces: boolean;
  desired?: string;
  capiVersion?: string;
  requestTimeoutMs?: number;
  deadlineMs?: number;
  help: boolean;
}

const VALUE_OPTIONS = new Set(['--format', '--fail-on', '--kubeconfig', '--context', '--namespace', '-n', '--desired', '--capi-version', '--request-timeout', '--deadline']);

export function parseStatusArgs(argv: string[]): StatusArgs {
  const args: StatusArgs = { clusters: [], format: 'text', failOnUnavailable: false, summary: false, contexts: [], allNamespaces: false, help: false };
  args.clusters.push(...readArgs(argv, VALUE_OPTIONS, (name, value) => {
    switch (name) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--format': {
        const format = value();
        if (!(STATUS_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${STATUS_FORMATS.join(', ')}, not "${format}"`);
        args.format = format as StatusFormat;
        break;
      }
      case '--fail-on': {
        const on = value();
        if (on !== 'unavailable') throw new UsageError(`status --fail-on accepts "unavailable", not "${on}"`);
        args.failOnUnavailable = true;
        break;
      }
      case '--summary':
        args.summary = true;
        break;
      case '--kubeconfig':
        args.kubeconfig = value();
        break;
      case '--context': {
        const context = value();
        if (!args.contexts.includes(context)) args.contexts.push(context);
        break;
      }
      case '-n':
      case '--namespace':
        args.namespace = value();
        break;
      case '-A':
      case '--all-namespaces':
        args.allNamespaces = true;
        break;
      case '--desired':
        args.desired = value();
        break;
      case '--capi-version': {
        const v = value();
        if (!/^v?\d+\.\d+\.\d+$/.test(v)) throw new UsageError(`--capi-version takes a Cluster API release such as v1.14.0, not "${v}"`);
        args.capiVersion = v.startsWith('v') ? v : `v${v}`;
        break;
      }
      case '--request-timeout':
        args.requestTimeoutMs = secondsOption(name, value()) * 1000;
        break;
      case '--deadline':
        args.deadlineMs = secondsOption(name, value()) * 1000;
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }));
  if (args.namespace !== undefined && args.allNamespaces) throw new UsageError('--namespace and --all-namespaces exclude each other: use one');
  return args;
}

export async function runStatus(args: StatusArgs, io: CliIo): Promise<number> {
  const kubeconfig = args.kubeconfig && path.resolve(io.cwd, args.kubeconfig);
  const read = { kubeconfig, requestTimeoutMs: args.requestTimeoutMs, deadlineMs: args.deadlineMs };
  const contexts: Array<string | undefined> = args.contexts.length ? args.contexts : [undefined];
  const inputs: ManagementReadResult[] = await Promise.all(contexts.map((context) =>
    readManagementObjects({ ...read, context, namespace: args.namespace, allNamespaces: args.allNamespaces })));

  let drift: Array<{ context: string; plan: Plan }> | undefined;
  if (args.desired) {
    const desired = readManifestPath(path.resolve(io.cwd, args.desired), new ReadBudget());
    drift = await Promise.all(inputs.map(async (input) => {
      const live = await readLiveManifests(desired, { ...read, context: input.context });
      const unread = new Set<PlanManifest>(live.unread);
      return { context: input.context, plan: planChanges(live.objects, desired.filter((m) => !unread.has(m)), { beforeIsLive: true }) };
    }));
  }
  const status = fleetStatus(inputs, { clusters: args.clusters, capiVersion: args.capiVersion, drift });
  const found = new Set(status.clusters.flatMap((c) => [c.name, `${c.namespace}/${c.name}`]));
  const absent = args.clusters.filter((c) => !found.has(c));
  if (absent.length) {
    const scope = args.allNamespaces ? 'in any namespace' : `in namespace ${[...new Set(inputs.map((i) => i.scope))].join(', ')}`;
    throw new PlanInputError(`no cluster ${absent.join(', ')} ${scope} of ${inputs.map((i) => i.context).join(', ')} (use --namespace or --all-namespaces)`);
  }
  io.stdout(formatStatus(status, args.format, { summaryOnly: args.summary }));
  return args.failOnUnavailable && !allAvailable(status) ? 1 : 0;
}
