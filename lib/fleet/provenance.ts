/** Asking where a cluster's values came from: lookups by path, and the text `explain` prints. */
import { isCredentialPath } from '../support/issues';
import { ProvenanceEntry, ResolvedCluster, ValueOrigin } from './types';

/** The path's parent: `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ''. */
function parentPath(path: string): string {
  const dot = path.lastIndexOf('.');
  const bracket = path.lastIndexOf('[');
  const cut = Math.max(dot, bracket);
  return cut <= 0 ? '' : path.slice(0, cut);
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/**
 * The provenance entries at `field` or below it, matched against both path forms: keyed
 * (`workerPools[general]`) and indexed (`workerPools[0]`). `field` undefined: every entry.
 */
export function explainValues(cluster: Pick<ResolvedCluster, 'provenance'>, field?: string): ProvenanceEntry[] {
  if (field === undefined || field === '') return [...cluster.provenance];
  return cluster.provenance.filter(e => under(e.path, field) || under(e.specPath, field));
}

/**
 * Who set the value at `specPath` (a path as validation issues write it, with list indexes),
 * most specific layer first: the entry at that path; else the nearest entry above it (a whole
 * list that replaces); else the entries below it (an object whose fields came from several layers).
 */
export function originsOf(cluster: Pick<ResolvedCluster, 'provenance'>, specPath: string, index?: ReadonlyMap<string, ProvenanceEntry>): ValueOrigin[] {
  const byPath = index ?? provenanceIndex(cluster.provenance);
  for (let p = specPath; p; p = parentPath(p)) {
    const hit = byPath.get(p);
    if (hit) return [hit.origin];
  }
  const below: ValueOrigin[] = [];
  for (const e of cluster.provenance) if (under(e.specPath, specPath) && !below.includes(e.origin)) below.push(e.origin);
  return below.reverse();
}

/** The provenance entries by their indexed path. */
export function provenanceIndex(entries: readonly ProvenanceEntry[]): Map<string, ProvenanceEntry> {
  return new Map(entries.map(e => [e.specPath, e]));
}

/** `site fra1, inventory/sites/fra1.yaml` (and `, wave canary`). */
export function formatOrigin(origin: ValueOrigin): string {
  const parts = [`${origin.layer} ${origin.entry}`];
  if (origin.wave) parts.push(`wave ${origin.wave}`);
  if (origin.source) parts.push(origin.source);
  return parts.join(', ');
}

function valueText(value: unknown): string {
  // Quoted when it would read as something else: empty, padded, multi-line, or a boolean, null or number in YAML.
  if (typeof value === 'string') return value === '' || /^\s|\s$|^[[{"'&*!|>%@`#]/.test(value) || value.includes('\n') || /^(true|false|yes|no|on|off|y|n|null|~|[-+.]?\d.*)$/i.test(value) ? JSON.stringify(value) : value;
  if (value === undefined) return '(unset)';
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 197)}... (${text.length} characters)` : text;
}

/** The value as it may be shown: masked at a credential path (file contents, passwords), as issues are. */
export function shownValue(e: ProvenanceEntry): string {
  return isCredentialPath(e.specPath) ? '(hidden: credential)' : valueText(e.value);
}

/**
 * One line per value: `workerPools[general].machine.aws.instanceType = m6i.large  (site fra1, inventory/sites/fra1.yaml)`,
 * and the layers it overrode when `overridden` is set.
 */
export function formatProvenance(entries: readonly ProvenanceEntry[], options: { overridden?: boolean } = {}): string {
  return entries.map(e => {
    let line = `${e.path} = ${shownValue(e)}  (${formatOrigin(e.origin)})`;
    if (options.overridden && e.overridden.length) line += `; overrides ${e.overridden.map(formatOrigin).join('; ')}`;
    return `${line}\n`;
  }).join('');
}
