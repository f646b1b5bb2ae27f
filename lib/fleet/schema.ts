/**
 * The editor schema of inventory files (JSON Schema draft-07, what the YAML language server reads),
 * generated from the same strict shapes the inventory checks use (shape.ts, core/shape.ts), so
 * the types, the validator and the schema cannot drift. schema/inventory.schema.json is this
 * function's output (`npm run schema`); a test fails when the committed file is stale.
 */
import { clusterSpecShape } from '../core/shape';
import { Shape } from '../support/shape';
import { IF_INHERITED_MARKER, keyFieldsAt, REMOVE_MARKER } from './merge';
import { DOCUMENT_SHAPES, LAYER_SPEC } from './shape';

type JsonSchema = { [key: string]: unknown };

/** What each document field means, for editors' hover text. */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  kind: 'Fleet (layer order, waves), ManagementCluster, Layer (one entry of a layer) or Cluster.',
  layers: 'Fleet: the layer names, broadest first (default: environment, customer, site, provider); the cluster is always the last layer. Cluster: the entry of each layer the cluster belongs to, e.g. {environment: prod, site: fra1}.',
  waves: 'Rollout waves, in the order they are promoted (e.g. canary).',
  layer: 'The layer this entry belongs to (one of the Fleet\'s layers).',
  name: 'The name of the entry, management cluster or cluster.',
  managementCluster: 'The management cluster of the clusters of this entry (a ManagementCluster\'s name); more specific layers may set another.',
  sharedNetwork: 'A network the clusters share: their pod, service and node networks must not overlap.',
  managementSpec: 'A ManagementClusterSpec without its name (kubernetesVersion, clusterApiVersion, providers, ...), checked by its own strict validation.',
  spec: 'Values of a ManagedClusterSpec. Objects merge deeply; lists replace, except workerPools and addons (by name), files (by path) and taints (by key and effect); null removes an inherited value.',
  rollouts: 'Changes that apply only to clusters of the listed waves, right after this entry\'s spec.',
  wave: 'The rollout wave of the cluster (one of the Fleet\'s waves).',
  description: 'Free text.',
};

const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  Fleet: ['kind'],
  ManagementCluster: ['kind', 'name'],
  Layer: ['kind', 'layer', 'name'],
  Cluster: ['kind', 'name'],
};

/** The schema of a shape; `place` is the spec place (for keyed lists) when inside a layer's spec. */
function toSchema(shape: Shape, place: string | undefined): JsonSchema {
  // In a layer's spec every field may be null: it removes the inherited value.
  const nullable = (s: JsonSchema): JsonSchema => (place === undefined ? s : { ...s, type: [s.type, 'null'] });
  if (shape === LAYER_SPEC && place === undefined) return {};
  switch (shape) {
    case 'string': return nullable({ type: 'string' });
    case 'number': return nullable({ type: 'number' });
    case 'boolean': return nullable({ type: 'boolean' });
    case 'numberOrString': return place === undefined ? { type: ['number', 'string'] } : { type: ['number', 'string', 'null'] };
    case 'stringMap': return nullable({ type: 'object', additionalProperties: { type: 'string' } });
    case 'booleanMap': return nullable({ type: 'object', additionalProperties: { type: 'boolean' } });
    case 'any':
    case 'json': return {};
    default: break;
  }
  if ('list' in shape) {
    const keyFields = place === undefined ? undefined : keyFieldsAt(place);
    const itemPlace = place === undefined ? undefined : `${place}[]`;
    let items = toSchema(shape.list, itemPlace);
    if (keyFields && items.type && typeof items.properties === 'object') {
      // A keyed item is never null itself, needs its key, and may carry the merge markers.
      items = {
        ...items, type: 'object', required: [keyFields[0]],
        properties: {
          ...(items.properties as object),
          [REMOVE_MARKER]: { type: 'boolean', description: 'Remove the inherited item of this key.' },
          [IF_INHERITED_MARKER]: { type: 'boolean', description: 'Merge into the inherited item of this key only; add nothing when there is none.' },
        },
      };
    }
    return nullable({ type: 'array', items });
  }
  const properties: Record<string, JsonSchema> = {};
  for (const [key, field] of shape.fields) properties[key] = toSchema(field, place === undefined ? undefined : place ? `${place}.${key}` : key);
  return nullable({ type: 'object', properties, additionalProperties: false });
}

/** The layer spec: the cluster spec's shape, every field nullable, keyed list items with their markers; `name` is the cluster entry's. */
function layerSpecSchema(): JsonSchema {
  const schema = toSchema(clusterSpecShape(), '');
  const properties = { ...(schema.properties as Record<string, JsonSchema>) };
  delete properties.name;
  return { type: 'object', properties, additionalProperties: false };
}

/** Replaces the layer spec placeholders of a document's schema with a reference to the one definition. */
function documentSchema(kind: string, shape: Shape): JsonSchema {
  const schema = toSchema(shape, undefined);
  const properties = schema.properties as Record<string, JsonSchema>;
  const withSpec = (s: Shape, k: string): JsonSchema => (s === LAYER_SPEC ? { $ref: '#/definitions/layerSpec' } : properties[k]);
  const out: Record<string, JsonSchema> = {};
  if (typeof shape === 'string' || 'list' in shape) throw new Error('a document shape is an object');
  for (const [key, field] of shape.fields) {
    let s = withSpec(field, key);
    if (key === 'kind') s = { const: kind };
    if (kind === 'ManagementCluster' && key === 'spec') s = { description: DESCRIPTIONS.managementSpec, type: 'object' };
    if (key === 'rollouts' && typeof field !== 'string' && 'list' in field) {
      const item = field.list;
      if (typeof item === 'string' || 'list' in item) throw new Error('a rollout is an object');
      const itemProps: Record<string, JsonSchema> = {};
      for (const [k, f] of item.fields) itemProps[k] = f === LAYER_SPEC ? { $ref: '#/definitions/layerSpec' } : toSchema(f, undefined);
      s = { type: 'array', items: { type: 'object', properties: itemProps, required: ['waves', 'spec'], additionalProperties: false } };
    }
    out[key] = DESCRIPTIONS[key] && !('$ref' in s) ? { description: DESCRIPTIONS[key], ...s } : s;
  }
  return { title: kind, type: 'object', properties: out, required: [...REQUIRED[kind]], additionalProperties: false };
}

/** The JSON Schema of one inventory document (any kind). Deterministic: same shapes, same text. */
export function inventorySchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'capi-constructs fleet inventory document',
    description: 'One document of a fleet inventory (see the README, "Fleet"). Generated from the shapes the inventory checks use: do not edit, run npm run schema.',
    oneOf: Object.entries(DOCUMENT_SHAPES).map(([kind, shape]) => documentSchema(kind, shape)),
    definitions: { layerSpec: { description: DESCRIPTIONS.spec, ...layerSpecSchema() } },
  };
}
