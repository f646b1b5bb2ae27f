/** Structural comparison of plain JSON values: changed paths and projection onto a shape. */

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  if (prefix === '') return safe === key ? key : `[${safe}]`;
  return safe === key ? `${prefix}.${key}` : `${prefix}[${safe}]`;
}

/**
 * The paths where `before` and `after` differ, sorted. Objects are compared key by key and lists
 * item by item; a path that only one side has is reported at the deepest common level
 * (`spec.a` added reports `spec.a`, not its leaves).
 */
export function changedPaths(before: Json, after: Json, prefix = ''): string[] {
  const out: string[] = [];
  collect(before, after, { prefix }, out);
  return out.sort();
}

/**
 * Where `collect` is: a key under its parent, or the root's prefix. The path's text is built only
 * for a difference (most of a manifest is equal on both sides).
 */
type Where = { readonly prefix: string } | { readonly parent: Where; readonly key: string | number };

function pathText(where: Where): string {
  return 'prefix' in where ? where.prefix : join(pathText(where.parent), where.key);
}

function collect(before: Json, after: Json, where: Where, out: string[]): void {
  if (isObject(before) && isObject(after)) {
    // Every key of either side once: before's, then those only after has.
    for (const key of Object.keys(before)) collect(before[key], after[key], { parent: where, key }, out);
    for (const key of Object.keys(after)) {
      if (!Object.prototype.hasOwnProperty.call(before, key)) collect(before[key], after[key], { parent: where, key }, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i++) collect(before[i], after[i], { parent: where, key: i }, out);
    return;
  }
  if (!deepEqual(before, after)) out.push(pathText(where));
}

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * `live` reduced to the paths that `desired` has: keys of objects that desired does not set are
 * dropped (server defaults, status, server metadata); lists are kept whole (an extra item is a real
 * difference) but their items are projected item by item.
 */
export function projectOnto(live: Json, desired: Json): Json {
  if (isObject(live) && isObject(desired)) {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(desired)) {
      if (key in live) out[key] = projectOnto(live[key], desired[key]);
    }
    return out;
  }
  if (Array.isArray(live) && Array.isArray(desired)) {
    return live.map((item, i) => (i < desired.length ? projectOnto(item, desired[i]) : item));
  }
  return live;
}

const splitPaths = new Map<string, readonly string[]>();

/** The keys of a dot path, split once per path (the plan asks for the same few paths of every object). */
function pathKeys(path: string): readonly string[] {
  let keys = splitPaths.get(path);
  if (!keys) {
    keys = path.split('.');
    if (splitPaths.size < 10_000) splitPaths.set(path, keys);
  }
  return keys;
}

/** The value at a dot path (`spec.template.spec.version`), or undefined. */
export function valueAt(root: Json, path: string): Json {
  let node: Json = root;
  for (const key of pathKeys(path)) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** True when `path` is `prefix` or lies below it (`spec.a.b` is under `spec.a`, `spec.ab` is not). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}
