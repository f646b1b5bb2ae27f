/**
 * Inventory files → an Inventory. Each YAML document names its `kind`: `Fleet` (layer order,
 * waves), `ManagementCluster`, `Layer` (one entry of a layer) or `Cluster`. A file may hold one
 * document (the folder layout of the README) or all of them (`---` between documents). Files are
 * read as kubectl reads YAML (support/yaml-reader.ts: go-yaml v2 scalars, so unquoted `1.30` is a
 * number and `on` a boolean; duplicate keys, alias bombs and oversized input refused).
 */
import { ValidationIssue } from '../support/issues';
import { checkShape, closestName } from '../support/shape';
import { readYamlDocuments } from '../support/yaml-reader';
import { resolveFleet } from './resolve';
import { DOCUMENT_SHAPES } from './shape';
import { ClusterEntry, FleetIssue, Inventory, LayerEntry, ManagementClusterEntry, ResolvedFleet } from './types';

/** One inventory file: its path (named in provenance and issues) and its text. */
export interface InventoryFile {
  readonly path: string;
  readonly content: string;
}

/** An inventory read from files, and the problems of the files themselves. */
export interface ParsedInventory {
  readonly inventory: Inventory;
  readonly issues: readonly FleetIssue[];
}

/** The kinds of inventory documents. */
export const INVENTORY_KINDS: readonly string[] = Object.keys(DOCUMENT_SHAPES);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Copies the fields of `doc` listed in `fields` that are set. */
function pick(doc: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (doc[f] !== undefined) out[f] = doc[f];
  return out;
}

/**
 * Reads inventory files into one Inventory. Problems of the files (unreadable YAML, a document
 * without a known `kind`, unknown keys with suggestions, two `Fleet` documents) are returned,
 * never thrown; what can be read is kept, so resolveFleet reports the rest at once.
 */
export function parseInventory(files: readonly InventoryFile[]): ParsedInventory {
  const issues: FleetIssue[] = [];
  let fleet: { layers?: string[]; waves?: string[]; source: string } | undefined;
  const managementClusters: ManagementClusterEntry[] = [];
  const entries: LayerEntry[] = [];
  const clusters: ClusterEntry[] = [];
  for (const file of files) {
    const docs = readYamlDocuments(file.content);
    docs.forEach((doc, i) => {
      const source = docs.length > 1 ? `${file.path} (document ${i + 1})` : file.path;
      const problem = (issue: ValidationIssue) => issues.push({ ...issue, rule: 'inventory', source });
      if (doc.error !== undefined) {
        problem({ path: '(file)', message: `invalid YAML: ${doc.error}`, fix: 'fix the YAML' });
        return;
      }
      if (doc.value === null || doc.value === undefined) return;
      if (!isRecord(doc.value)) {
        problem({ path: '(document)', message: 'an inventory document must be a mapping with a kind', allowed: INVENTORY_KINDS.join(', ') });
        return;
      }
      const kind = doc.value.kind;
      const shape = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(DOCUMENT_SHAPES, kind) ? DOCUMENT_SHAPES[kind] : undefined;
      if (!shape) {
        const suggestion = typeof kind === 'string' ? closestName(kind, INVENTORY_KINDS) : undefined;
        problem({
          path: 'kind', message: kind === undefined ? 'every inventory document names its kind' : `unknown kind${suggestion ? `: did you mean "${suggestion}"?` : ''}`,
          value: kind, allowed: INVENTORY_KINDS.join(', '), fix: suggestion ? `write kind: ${suggestion}` : 'add kind: Fleet, ManagementCluster, Layer or Cluster',
        });
        return;
      }
      // Fields of the wrong type are reported here and left out, so resolveFleet does not repeat them.
      const checked = checkShape(doc.value, shape);
      for (const issue of checked.issues) problem(issue);
      const d = checked.cleaned;
      switch (kind) {
        case 'Fleet':
          if (fleet) {
            problem({ path: '(document)', message: `a second Fleet document (the first is in ${fleet.source})`, fix: 'keep one Fleet document per inventory' });
            return;
          }
          fleet = { ...(pick(d, ['layers', 'waves']) as { layers?: string[]; waves?: string[] }), source };
          return;
        case 'ManagementCluster':
          managementClusters.push({ ...pick(d, ['name', 'description']), source } as unknown as ManagementClusterEntry);
          return;
        case 'Layer':
          entries.push({ ...pick(d, ['layer', 'name', 'managementCluster', 'sharedNetwork', 'spec', 'rollouts', 'description']), source } as unknown as LayerEntry);
          return;
        default:
          clusters.push({ ...pick(d, ['name', 'layers', 'wave', 'managementCluster', 'sharedNetwork', 'spec', 'description']), source } as unknown as ClusterEntry);
      }
    });
  }
  const inventory: Inventory = {
    ...(fleet?.layers ? { layers: fleet.layers } : {}),
    ...(fleet?.waves ? { waves: fleet.waves } : {}),
    ...(fleet ? { source: fleet.source } : {}),
    managementClusters, entries, clusters,
  };
  return { inventory, issues };
}

/** parseInventory then resolveFleet: the fleet of inventory files, with the problems of both. */
export function resolveInventoryFiles(files: readonly InventoryFile[]): ResolvedFleet {
  const parsed = parseInventory(files);
  const fleet = resolveFleet(parsed.inventory);
  return parsed.issues.length ? { ...fleet, issues: [...parsed.issues, ...fleet.issues] } : fleet;
}
