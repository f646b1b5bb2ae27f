/**
 * `capi-constructs fleet render --inventory PATH --output DIR`: resolves the inventory, renders
 * every cluster with the core and writes the GitOps layout (a folder per management cluster and
 * per cluster below it, a kustomization.yaml in each) into DIR.
 */
import * as path from 'path';
import { ArgoCdGitops, FleetLayoutOptions, fleetLayout, FluxGitops, formatFleetIssue, managementClusterInputs, renderFleet, resolveInventoryFiles } from '../fleet';
import { ReadBudget, readInventoryPath, writeLayout } from '../io';
import { CapiValidationError, formatIssue } from '../support/issues';
import { CliIo, readArgs, UsageError } from './_io';

export const GITOPS_KINDS = ['flux', 'argo-cd'] as const;

export interface FleetRenderArgs {
  inventory?: string;
  output?: string;
  /** `--gitops flux|argo-cd`: also write `<management>/gitops/`. */
  gitops?: (typeof GITOPS_KINDS)[number];
  /** `--repository URL`, `--revision REV`, `--repository-path PATH`: where the layout is committed (with --gitops). */
  repository?: string;
  revision?: string;
  repositoryPath?: string;
  help: boolean;
}

const VALUE_OPTIONS = new Set(['--inventory', '--output', '--gitops', '--repository', '--revision', '--repository-path']);

/** Parses the arguments after `fleet`: the subcommand (`render`) and its options. */
export function parseFleetArgs(argv: string[]): FleetRenderArgs {
  const args: FleetRenderArgs = { help: false };
  const positionals = readArgs(argv, VALUE_OPTIONS, (name, value) => {
    switch (name) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--inventory':
        args.inventory = value();
        break;
      case '--output':
        args.output = value();
        break;
      case '--gitops': {
        const kind = value();
        if (!(GITOPS_KINDS as readonly string[]).includes(kind)) throw new UsageError(`--gitops must be one of ${GITOPS_KINDS.join(', ')}, not "${kind}"`);
        args.gitops = kind as FleetRenderArgs['gitops'];
        break;
      }
      case '--repository':
        args.repository = value();
        break;
      case '--revision':
        args.revision = value();
        break;
      case '--repository-path':
        args.repositoryPath = value();
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  });
  if (args.help) return args;
  if (positionals[0] !== 'render') throw new UsageError(positionals.length === 0 ? 'fleet needs a subcommand: fleet render' : `unknown fleet subcommand "${positionals[0]}" (there is: render)`);
  if (positionals.length > 1) throw new UsageError(`fleet render takes no other argument (got ${positionals.slice(1).join(' ')})`);
  if (!args.inventory) throw new UsageError('fleet render needs --inventory PATH (an inventory file or folder)');
  if (!args.output) throw new UsageError('fleet render needs --output DIR (the folder the layout is written to)');
  if (args.gitops && !args.repository) throw new UsageError('--gitops needs --repository URL (the git repository the layout is committed to)');
  if (!args.gitops && (args.repository || args.revision || args.repositoryPath)) throw new UsageError('--repository, --revision and --repository-path only apply with --gitops');
  return args;
}

/**
 * Writes the layout. Exit 0 when written; 1 when the fleet has problems (every one on stderr,
 * nothing written); 2 for an unreadable inventory or a usage error (thrown to main).
 */
export function runFleetRender(args: FleetRenderArgs, io: CliIo): number {
  const files = readInventoryPath(path.resolve(io.cwd, args.inventory!), new ReadBudget())
    .map(f => ({ path: relativeSource(io.cwd, f.path), content: f.content }));
  const fleet = resolveInventoryFiles(files);
  if (fleet.issues.length > 0) {
    for (const issue of fleet.issues) io.stderr(`${formatFleetIssue(issue)}\n`);
    io.stderr(`capi-constructs: the inventory has ${fleet.issues.length} problem${fleet.issues.length === 1 ? '' : 's'}; nothing written\n`);
    return 1;
  }
  let layout: Map<string, string>;
  try {
    const rendered = renderFleet(fleet.clusters, { managementClusters: managementClusterInputs(fleet) });
    layout = fleetLayout(rendered, layoutOptions(args));
  } catch (e) {
    if (!CapiValidationError.isCapiValidationError(e)) throw e;
    for (const issue of e.issues) io.stderr(`${formatIssue(issue)}\n`);
    io.stderr(`capi-constructs: the fleet cannot be rendered (${e.issues.length} problem${e.issues.length === 1 ? '' : 's'}); nothing written\n`);
    return 1;
  }
  const output = path.resolve(io.cwd, args.output!);
  const result = writeLayout(output, layout);
  const tops = [...new Set(result.written.map(f => f.split('/')[0]))];
  io.stdout(`wrote ${result.written.length} files for ${fleet.clusters.length} clusters under ${tops.length} management cluster${tops.length === 1 ? '' : 's'} (${tops.join(', ')}) to ${relativeSource(io.cwd, output)}${result.removed.length ? `; removed ${result.removed.length} stale` : ''}\n`);
  return 0;
}

function layoutOptions(args: FleetRenderArgs): FleetLayoutOptions {
  if (!args.gitops) return {};
  const repository = { url: args.repository!, revision: args.revision, path: args.repositoryPath };
  const gitops: FluxGitops | ArgoCdGitops = args.gitops === 'flux' ? { kind: 'flux', repository } : { kind: 'argo-cd', repository };
  return { gitops };
}

/** Relative to the working folder when below it, as the user typed it. */
function relativeSource(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}
