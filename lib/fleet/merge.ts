/**
 * The merge rules of a fleet, with the provenance of every value, in one pass per layer:
 *
 * - objects merge deeply, the later (more specific) layer winning field by field;
 * - lists replace the inherited list as a whole, except the keyed lists (KEYED_LISTS), whose
 *   items merge by key: an item with a new key is appended, one with an inherited key merges into it;
 * - `null` removes an inherited value (a field, a whole list); a keyed item `{ <key>, $remove: true }`
 *   removes the inherited item of that key;
 * - every layer that set a value is remembered, so the provenance says who won and who was overridden.
 *
 * The merged tree is built from nodes, so that a removal does not shift the indexes the
 * provenance records: paths are written once, from the final tree.
 */
import { ManagedClusterSpec } from '../core/spec';
import { ProvenanceEntry, ValueOrigin } from './types';

/** The lists that merge by key, by their place in the spec (`[]` for any item of a list), and the fields of their key. */
export const KEYED_LISTS: Readonly<Record<string, readonly string[]>> = {
  workerPools: ['name'],
  addons: ['name'],
  'controlPlane.files': ['path'],
  'controlPlane.taints': ['key', 'effect'],
  'workerPools[].files': ['path'],
  'workerPools[].taints': ['key', 'effect'],
};

/** The key fields of the keyed list at `place`, or undefined when the list there replaces. */
export function keyFieldsAt(place: string): readonly string[] | undefined {
  return Object.prototype.hasOwnProperty.call(KEYED_LISTS, place) ? KEYED_LISTS[place] : undefined;
}

/** The field that removes an inherited keyed list item. */
export const REMOVE_MARKER = '$remove';
/**
 * The field that makes a keyed list item a default for an inherited item only: it merges into
 * the item of the same key that a broader layer brought, and adds nothing when there is none
 * (a provider layer giving machine types to the pools the customers define).
 */
export const IF_INHERITED_MARKER = '$ifInherited';

/** The fields of a keyed list item that steer the merge and are never part of the spec. */
export const MERGE_MARKERS: readonly string[] = [REMOVE_MARKER, IF_INHERITED_MARKER];

/** Deepest nesting merged (the YAML reader stops at the same depth). */
const MAX_DEPTH = 100;

interface Leaf {
  readonly kind: 'leaf';
  value: unknown;
  origin: ValueOrigin;
  overridden: ValueOrigin[];
}
interface ObjectNode {
  readonly kind: 'object';
  readonly fields: Map<string, Node>;
  /** Who set the object itself (for an empty object such as `dev: {}`, which is a value too). */
  origin: ValueOrigin;
  overridden: ValueOrigin[];
}
interface KeyedNode {
  readonly kind: 'keyed';
  readonly keyFields: readonly string[];
  /** Items by key, in the order they were first set. */
  readonly items: Map<string, ObjectNode>;
  origin: ValueOrigin;
  overridden: ValueOrigin[];
}
type Node = Leaf | ObjectNode | KeyedNode;

/** A problem found while merging one layer's values, at a path of that layer's own values. */
export interface MergeProblem {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The key of a keyed list item, e.g. `general` or `dedicated:NoSchedule`; undefined when a key field is missing. */
function itemKey(item: Record<string, unknown>, keyFields: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const f of keyFields) {
    const v = item[f];
    // Taints may leave the effect out (the validator says it is required); the key alone is enough then.
    if (v === undefined && f !== keyFields[0]) {
      parts.push('');
      continue;
    }
    if (typeof v !== 'string') return undefined;
    parts.push(v);
  }
  return parts.join(':');
}

/** Copies JSON-like data (a whole list that replaces, a leaf); class instances are kept as they are. */
function copyData(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map(v => copyData(v, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) define(out, k, copyData(value[k], depth + 1));
    return out;
  }
  return value;
}

/** Sets a key without going through a setter: `__proto__` in data stays data (the shape check reports it). */
function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Merges layers of spec values in order; `result()` gives the merged spec and its provenance. */
export class SpecMerger {
  private readonly root: ObjectNode;
  private readonly problems: MergeProblem[] = [];

  constructor(first: ValueOrigin) {
    this.root = { kind: 'object', fields: new Map(), origin: first, overridden: [] };
  }

  /**
   * Merges one layer's values over what is there. Problems (a keyed item without its key, a
   * misplaced `$remove`, nesting too deep, a cycle) are returned with paths in `layer`'s own values.
   */
  apply(layer: unknown, origin: ValueOrigin): MergeProblem[] {
    this.problems.length = 0;
    if (layer === undefined || layer === null) return [];
    if (!isPlainObject(layer)) return [{ path: '(spec)', message: 'must be an object of cluster spec fields', fix: 'write the fields of a ManagedClusterSpec' }];
    this.mergeObject(this.root, layer, origin, '', '', new Set(), 0);
    return [...this.problems];
  }

  private mergeObject(node: ObjectNode, value: Record<string, unknown>, origin: ValueOrigin, path: string, place: string, ancestors: Set<object>, depth: number): void {
    if (ancestors.has(value)) {
      this.problems.push({ path: path || '(spec)', message: 'the value contains itself (a cycle)', fix: 'pass plain data without cycles' });
      return;
    }
    if (depth > MAX_DEPTH) {
      this.problems.push({ path, message: `nested more than ${MAX_DEPTH} levels deep`, fix: 'flatten the value' });
      return;
    }
    ancestors.add(value);
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (v === undefined) continue;
      const at = join(path, key);
      const fieldPlace = place ? `${place}.${key}` : key;
      if (v === null) {
        node.fields.delete(key);
        continue;
      }
      const keyFields = keyFieldsAt(fieldPlace);
      const existing = node.fields.get(key);
      if (keyFields && Array.isArray(v)) {
        let target = existing?.kind === 'keyed' ? existing : undefined;
        if (!target) {
          target = { kind: 'keyed', keyFields, items: new Map(), origin, overridden: existing ? [existing.origin] : [] };
          node.fields.set(key, target);
        } else touch(target, origin);
        this.mergeKeyed(target, v, origin, at, fieldPlace, ancestors, depth + 1);
      } else if (isPlainObject(v)) {
        let target = existing?.kind === 'object' ? existing : undefined;
        if (!target) {
          target = { kind: 'object', fields: new Map(), origin, overridden: existing ? [existing.origin] : [] };
          node.fields.set(key, target);
        } else touch(target, origin);
        this.mergeObject(target, v, origin, at, fieldPlace, ancestors, depth + 1);
      } else {
        if (Array.isArray(v) && ancestors.has(v)) {
          this.problems.push({ path: at, message: 'the value contains itself (a cycle)', fix: 'pass plain data without cycles' });
          continue;
        }
        const copied = Array.isArray(v) ? this.copyList(v, at, ancestors, depth + 1) : v;
        if (copied === undefined) continue;
        if (existing?.kind === 'leaf') {
          existing.overridden.push(existing.origin);
          existing.origin = origin;
          existing.value = copied;
        } else {
          node.fields.set(key, { kind: 'leaf', value: copied, origin, overridden: existing ? [existing.origin] : [] });
        }
      }
    }
    ancestors.delete(value);
  }

  /** A list that replaces: copied, so later layers and callers cannot change the merged spec. */
  private copyList(list: unknown[], path: string, ancestors: Set<object>, depth: number): unknown[] | undefined {
    const problem = cycleOrDepth(list, ancestors, depth);
    if (problem) {
      this.problems.push({ path, message: problem, fix: 'pass plain data without cycles, at most 100 levels deep' });
      return undefined;
    }
    return copyData(list, depth) as unknown[];
  }

  private mergeKeyed(node: KeyedNode, list: unknown[], origin: ValueOrigin, path: string, place: string, ancestors: Set<object>, depth: number): void {
    const keyText = node.keyFields.join(' and ');
    list.forEach((item, i) => {
      const at = `${path}[${i}]`;
      if (!isPlainObject(item)) {
        this.problems.push({ path: at, message: `must be an object with ${keyText}`, fix: `write an item with its ${keyText}` });
        return;
      }
      const key = itemKey(item, node.keyFields);
      if (key === undefined) {
        this.problems.push({ path: at, message: `needs its ${keyText}: layers merge this list by ${keyText}`, fix: `set ${node.keyFields.map(f => `${at}.${f}`).join(' and ')}` });
        return;
      }
      const remove = item[REMOVE_MARKER];
      const ifInherited = item[IF_INHERITED_MARKER];
      for (const [marker, v, what] of [[REMOVE_MARKER, remove, 'remove the inherited item'], [IF_INHERITED_MARKER, ifInherited, 'merge into an inherited item only']] as const) {
        if (v !== undefined && v !== true && v !== false) {
          this.problems.push({ path: `${at}.${marker}`, message: `must be true (${what}) or left out`, fix: `write ${marker}: true` });
          return;
        }
      }
      if (remove === true && ifInherited === true) {
        this.problems.push({ path: at, message: `sets both ${REMOVE_MARKER} and ${IF_INHERITED_MARKER}`, fix: 'keep one of them' });
        return;
      }
      if (ifInherited === true && !node.items.has(key)) return;
      if (remove === true) {
        const rest = Object.keys(item).filter(k => !MERGE_MARKERS.includes(k) && !node.keyFields.includes(k) && item[k] !== undefined);
        if (rest.length) {
          this.problems.push({ path: at, message: `removes the item, so it cannot also set ${rest.join(', ')}`, fix: `keep only ${keyText} and ${REMOVE_MARKER}: true` });
          return;
        }
        node.items.delete(key);
        return;
      }
      let target = node.items.get(key);
      // The key fields stay with the layer that brought the item: naming it again to merge into it changes nothing.
      const fields: Record<string, unknown> = {};
      for (const k of Object.keys(item)) if (!MERGE_MARKERS.includes(k) && !(target && node.keyFields.includes(k))) define(fields, k, item[k]);
      if (!target) {
        target = { kind: 'object', fields: new Map(), origin, overridden: [] };
        node.items.set(key, target);
      } else touch(target, origin);
      this.mergeObject(target, fields, origin, at, `${place}[]`, ancestors, depth + 1);
    });
  }

  /** The merged spec and the provenance of each of its values, in spec order. */
  result(): { spec: ManagedClusterSpec; provenance: ProvenanceEntry[] } {
    const provenance: ProvenanceEntry[] = [];
    const spec = emit(this.root, '', '', provenance) as ManagedClusterSpec;
    return { spec, provenance };
  }
}

/** Records that `origin` set (part of) an object or list that an earlier layer set. */
function touch(node: ObjectNode | KeyedNode, origin: ValueOrigin): void {
  if (node.origin === origin) return;
  node.overridden.push(node.origin);
  node.origin = origin;
}

function cycleOrDepth(value: unknown, ancestors: Set<object>, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (ancestors.has(value)) return 'the value contains itself (a cycle)';
  if (depth > MAX_DEPTH) return `nested more than ${MAX_DEPTH} levels deep`;
  if (!Array.isArray(value) && !isPlainObject(value)) return undefined;
  ancestors.add(value);
  try {
    for (const v of Array.isArray(value) ? value : Object.values(value)) {
      const p = cycleOrDepth(v, ancestors, depth + 1);
      if (p) return p;
    }
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}

function entry(path: string, specPath: string, value: unknown, origin: ValueOrigin, overridden: readonly ValueOrigin[]): ProvenanceEntry {
  return { path, specPath, kind: 'spec', value, origin, overridden: dedupe(overridden, origin) };
}

/** The overridden origins without repeats (a layer that set two fields of one object is one origin) or the winner. */
function dedupe(origins: readonly ValueOrigin[], winner: ValueOrigin): ValueOrigin[] {
  const out: ValueOrigin[] = [];
  for (const o of origins) if (o !== winner && !out.includes(o)) out.push(o);
  return out;
}

/** A key as people read it in a path: plain when it is a word, quoted when it holds dots or slashes (`labels["example.com/team"]`). */
function readableJoin(path: string, key: string): string {
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return join(path, key);
  return `${path}[${JSON.stringify(key)}]`;
}

function emit(node: Node, path: string, specPath: string, out: ProvenanceEntry[]): unknown {
  if (node.kind === 'leaf') {
    out.push(entry(path, specPath, node.value, node.origin, node.overridden));
    return node.value;
  }
  if (node.kind === 'keyed') {
    const list: unknown[] = [];
    if (node.items.size === 0) out.push(entry(path, specPath, [], node.origin, node.overridden));
    let i = 0;
    for (const [key, item] of node.items) list.push(emit(item, `${path}[${key}]`, `${specPath}[${i++}]`, out));
    return list;
  }
  const obj: Record<string, unknown> = {};
  if (node.fields.size === 0 && path) out.push(entry(path, specPath, {}, node.origin, node.overridden));
  for (const [key, child] of node.fields) define(obj, key, emit(child, readableJoin(path, key), join(specPath, key), out));
  return obj;
}
