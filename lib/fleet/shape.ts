/**
 * The strict shapes of an inventory, built from the same shape definitions the cluster validator
 * uses (core/shape.ts), so that the TypeScript types, the checks and the editor schema
 * (schema.ts) cannot drift: a layer's `spec` is the cluster spec's shape with `null` allowed
 * (removal) and `$remove` on keyed list items.
 */
import { clusterSpecShape } from '../core/shape';
import { ValidationIssue } from '../support/issues';
import { listOf, objectOf, Shape, shapeIssues } from '../support/shape';
import { keyFieldsAt, MERGE_MARKERS } from './merge';

/** Stands for a layer's spec in the shapes below; checked by layerSpecIssues. */
export const LAYER_SPEC = 'any';

const rollout = objectOf({ waves: listOf('string'), spec: LAYER_SPEC, description: 'string' });

/** Fields of a layer entry, besides `layer` and `name`. */
const ENTRY_FIELDS = {
  managementCluster: 'string',
  sharedNetwork: 'string',
  spec: LAYER_SPEC,
  rollouts: listOf(rollout),
  description: 'string',
} as const;

const CLUSTER_FIELDS = {
  name: 'string',
  layers: 'stringMap',
  wave: 'string',
  managementCluster: 'string',
  sharedNetwork: 'string',
  spec: LAYER_SPEC,
  description: 'string',
} as const;

const MANAGEMENT_FIELDS = { name: 'string', description: 'string' } as const;

/** The shape of an `Inventory` given as a TypeScript object. */
export const INVENTORY_SHAPE: Shape = objectOf({
  layers: listOf('string'),
  managementClusters: listOf(objectOf({ ...MANAGEMENT_FIELDS, source: 'string' })),
  waves: listOf('string'),
  entries: listOf(objectOf({ layer: 'string', name: 'string', ...ENTRY_FIELDS, source: 'string' })),
  clusters: listOf(objectOf({ ...CLUSTER_FIELDS, source: 'string' })),
  source: 'string',
});

/** The kinds of inventory file documents and their shapes (each document names its `kind`). */
export const DOCUMENT_SHAPES: Readonly<Record<string, Shape>> = {
  Fleet: objectOf({ kind: 'string', layers: listOf('string'), waves: listOf('string'), description: 'string' }),
  ManagementCluster: objectOf({ kind: 'string', ...MANAGEMENT_FIELDS }),
  Layer: objectOf({ kind: 'string', layer: 'string', name: 'string', ...ENTRY_FIELDS }),
  Cluster: objectOf({ kind: 'string', ...CLUSTER_FIELDS }),
};

/** Fields a layer's spec may not set: the cluster entry sets them. */
const SET_BY_ENTRY: Readonly<Record<string, string>> = {
  name: 'the cluster entry\'s name is the spec\'s name',
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The layer spec as the cluster spec's shape check should see it: fields set to `null` (a
 * removal) left out, and the merge markers (`$remove`, `$ifInherited`) taken off keyed list items; indexes do not move, so the
 * shape check's paths are the layer's own. Stops at cycles and at depth 100 (the merge reports them).
 */
function withoutRemovals(value: unknown, place: string, depth: number, ancestors: Set<object>): unknown {
  if (depth > 100 || (typeof value === 'object' && value !== null && ancestors.has(value))) return undefined;
  if (Array.isArray(value)) {
    const keyed = keyFieldsAt(place) !== undefined;
    ancestors.add(value);
    const out = value.map(item => {
      if (!keyed || !isPlainObject(item)) return item;
      const copy: Record<string, unknown> = {};
      for (const k of Object.keys(item)) {
        if (MERGE_MARKERS.includes(k)) continue;
        Object.defineProperty(copy, k, { value: withoutRemovals(item[k], `${place}[].${k}`, depth + 2, ancestors), enumerable: true, writable: true, configurable: true });
      }
      return copy;
    });
    ancestors.delete(value);
    return out;
  }
  if (!isPlainObject(value)) return value;
  ancestors.add(value);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    if (value[k] === null) continue;
    const child = place ? `${place}.${k}` : k;
    Object.defineProperty(out, k, { value: withoutRemovals(value[k], child, depth + 1, ancestors), enumerable: true, writable: true, configurable: true });
  }
  ancestors.delete(value);
  return out;
}

/**
 * Problems with a layer's spec: the strict cluster spec shape (unknown keys with suggestions,
 * wrong types) with removals allowed, and fields only the cluster entry sets. Paths are relative to the spec.
 */
export function layerSpecIssues(spec: unknown): ValidationIssue[] {
  if (spec === undefined) return [];
  if (!isPlainObject(spec)) return [{ path: '(spec)', message: 'must be an object of cluster spec fields', fix: 'write the fields of a ManagedClusterSpec' }];
  const issues: ValidationIssue[] = [];
  for (const [key, why] of Object.entries(SET_BY_ENTRY)) {
    if (spec[key] !== undefined) issues.push({ path: key, message: `cannot be set by a layer: ${why}`, fix: `remove ${key}; name the cluster in its entry` });
  }
  const clean = withoutRemovals(spec, '', 0, new Set());
  for (const issue of shapeIssues(clean, clusterSpecShape())) if (!Object.prototype.hasOwnProperty.call(SET_BY_ENTRY, issue.path)) issues.push(issue);
  return issues;
}
