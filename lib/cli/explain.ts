/**
 * `capi-constructs explain --inventory PATH CLUSTER [FIELD]`: where each effective value of a
 * cluster of the fleet came from (layer entry, file, wave), as text or JSON.
 */
import * as path from 'path';
import { explainValues, formatFleetIssue, formatProvenance, ProvenanceEntry, resolveInventoryFiles } from '../fleet';
import { ReadBudget, readInventoryPath } from '../io';
import { isCredentialPath, safeIssue } from '../support/issues';
import { closestName } from '../support/shape';
import { CliIo, readArgs, UsageError } from './_io';

export const EXPLAIN_FORMATS = ['text', 'json'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

export interface ExplainArgs {
  inventory?: string;
  cluster?: string;
  field?: string;
  format: ExplainFormat;
  /** `--overridden`: also name the layers each value overrode. */
  overridden: boolean;
  help: boolean;
}

const VALUE_OPTIONS = new Set(['--inventory', '--format']);

export function parseExplainArgs(argv: string[]): ExplainArgs {
  const args: ExplainArgs = { format: 'text', overridden: false, help: false };
  const positionals = readArgs(argv, VALUE_OPTIONS, (name, value) => {
    switch (name) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '--inventory':
        args.inventory = value();
        break;
      case '--format': {
        const format = value();
        if (!(EXPLAIN_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPLAIN_FORMATS.join(', ')}, not "${format}"`);
        args.format = format as ExplainFormat;
        break;
      }
      case '--overridden':
        args.overridden = true;
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  });
  if (args.help) return args;
  if (!args.inventory) throw new UsageError('explain needs --inventory PATH (an inventory file or folder)');
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError(`explain needs CLUSTER and at most one FIELD (got ${positionals.length} arguments)`);
  [args.cluster, args.field] = positionals;
  return args;
}

/** Relative to the working folder, as the user typed the inventory path: provenance names files that way. */
function relativeSource(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/**
 * Prints the provenance of CLUSTER (of FIELD and below, when given). Exit 0; 2 for an unreadable
 * inventory, an unknown cluster or a field the cluster does not set. The fleet's issues are
 * printed on stderr, as notes: explain is what one runs to understand them.
 */
export function runExplain(args: ExplainArgs, io: CliIo): number {
  const files = readInventoryPath(path.resolve(io.cwd, args.inventory!), new ReadBudget())
    .map(f => ({ path: relativeSource(io.cwd, f.path), content: f.content }));
  const fleet = resolveInventoryFiles(files);
  const cluster = fleet.clusters.find(c => c.name === args.cluster);
  if (!cluster) {
    const suggestion = closestName(args.cluster!, fleet.clusters.map(c => c.name));
    throw new UsageError(`no cluster "${args.cluster}" in ${args.inventory}${suggestion ? `: did you mean "${suggestion}"?` : ` (it has ${fleet.clusters.length} clusters)`}`);
  }
  const entries = explainValues(cluster, args.field);
  if (args.field && entries.length === 0) {
    const fields = [...new Set(cluster.provenance.map(e => e.path.split(/[.[]/)[0]))];
    const suggestion = closestName(args.field.split(/[.[]/)[0], fields);
    throw new UsageError(`cluster ${cluster.name} sets no value at ${args.field}${suggestion ? `: did you mean "${suggestion}"?` : ''} (its top-level fields: ${fields.join(', ')})`);
  }
  const own = fleet.issues.filter(i => i.cluster === cluster.name || i.cluster === undefined);
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify({
      cluster: cluster.name, namespace: cluster.namespace, managementCluster: cluster.managementCluster, wave: cluster.wave,
      layers: cluster.layers, valid: cluster.valid, values: entries.map(jsonEntry), issues: own.map(i => ({ ...i, ...safeIssue(i), text: formatFleetIssue(i) })),
    }, null, 2)}\n`);
  } else {
    io.stdout(`cluster ${cluster.name} (namespace ${cluster.namespace}${cluster.managementCluster ? `, management cluster ${cluster.managementCluster}` : ''}${cluster.wave ? `, wave ${cluster.wave}` : ''})\n`);
    io.stdout(`layers: ${cluster.layers.map(o => `${o.layer} ${o.entry}`).join(' > ')}\n\n`);
    io.stdout(formatProvenance(entries, { overridden: args.overridden }));
    for (const issue of own) io.stderr(`note: ${formatFleetIssue(issue)}\n`);
  }
  return 0;
}

function jsonEntry(e: ProvenanceEntry): ProvenanceEntry {
  return isCredentialPath(e.specPath) ? { ...e, value: '(hidden: credential)' } : e;
}
