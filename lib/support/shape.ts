/**
 * JSON shapes: which fields of plain data are lists, objects, strings, numbers and booleans.
 * Data from JavaScript, YAML or stack config does not obey TypeScript's types; checking the
 * shape first lets rule checks rely on it, and a wrong shape becomes a validation issue instead
 * of a TypeError.
 */
import { ValidationIssue } from './issues';

export type Shape =
  | 'string' | 'number' | 'boolean'
  /** Not checked here (its own rule checks it, e.g. a version that may be a class instance). */
  | 'any'
  /** Any JSON data (checked deeply: no cycles, functions, BigInt, NaN, toJSON, holes). */
  | 'json'
  /** An object whose values are strings (labels, annotations, flags, tags). */
  | 'stringMap'
  /** An object whose values are booleans (feature gates). */
  | 'booleanMap'
  /** A number or a string (int-or-percent fields). */
  | 'numberOrString'
  | { readonly list: Shape }
  /** `fields` as entries, computed once: the check runs for every cluster of a fleet. */
  | { readonly object: { readonly [key: string]: Shape }; readonly fields: ReadonlyArray<readonly [string, Shape]> };

/** The fields of an object shape, by name. */
export type ShapeFields = { readonly [key: string]: Shape };

/** A list whose items have `item`'s shape. */
export const listOf = (item: Shape): Shape => ({ list: item });
/** An object with these fields (each optional). */
export const objectOf = (fields: ShapeFields): Shape => ({ object: fields, fields: Object.entries(fields) });

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return true;
  // A plain object of another realm (a vm context, jest's structuredClone): its prototype is that
  // realm's Object.prototype, whose own prototype is null. Class instances are still refused.
  return Object.getPrototypeOf(proto) === null && Object.prototype.toString.call(v) === '[object Object]';
}

function expected(shape: Shape): string {
  if (typeof shape === 'string') {
    return {
      string: 'a string', number: 'a number', boolean: 'true or false', any: 'a value', json: 'JSON data',
      stringMap: 'an object of strings', booleanMap: 'an object of true/false values', numberOrString: 'a number or a string',
    }[shape];
  }
  return 'list' in shape ? 'a list' : 'an object';
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'object') {
    const ctor = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
    return ctor && ctor !== 'Object' ? `an instance of ${ctor}` : 'an object';
  }
  return typeof v === 'bigint' ? 'a BigInt' : `a ${typeof v}`;
}

const MAX_SUGGESTION_DISTANCE = 3;

/** The known name closest to `name` (case-insensitive edit distance), if it is close enough to be a typo. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (!best || d < best.distance) best = { name: k, distance: d };
  }
  if (!best) return undefined;
  const limit = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(1, Math.floor(best.name.length / 3)));
  return best.distance <= limit ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > MAX_SUGGESTION_DISTANCE) return MAX_SUGGESTION_DISTANCE + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The result of a shape check: the problems, and the value with every ill-shaped part left out. */
export interface ShapeCheck<T> {
  readonly issues: ValidationIssue[];
  /** The input with each field that has a problem removed (in lists: an empty item, so indexes hold). */
  readonly cleaned: T;
}

/**
 * Problems with the shape of a value: a list where an object belongs, a number for a string,
 * null for an omitted field, a property the shape does not know (with the closest known name),
 * or anything that is not JSON data. Empty when the shape is right; rule checks can then rely on
 * it.
 */
export function shapeIssues(value: unknown, shape: Shape): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  visit(value, shape, '', issues, false);
  return issues;
}

/**
 * Like shapeIssues, and also returns the value with its ill-shaped parts left out, so that rule
 * checks can still run on the rest and every problem is reported at once.
 */
export function checkShape<T>(value: T, shape: Shape): ShapeCheck<T> {
  const issues: ValidationIssue[] = [];
  const cleaned = visit(value, shape, '', issues, true) as T;
  return { issues, cleaned };
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Checks `value` against `s`; when `copy` is set, returns the value without its bad parts. */
function visit(value: unknown, s: Shape, path: string, issues: ValidationIssue[], copy: boolean): unknown {
  if (value === undefined || s === 'any') return value;
  const bad = (message: string, fix: string): undefined => {
    issues.push({ path: path || '(spec)', message, value: isPlainObject(value) || Array.isArray(value) ? undefined : value, fix });
    return undefined;
  };
  const wrongType = () => bad(`must be ${expected(s)}, got ${typeName(value)}`, fixFor(s, value));
  if (s === 'json') {
    const problem = jsonProblem(value, new Set());
    if (!problem) return value;
    issues.push({ path: path || '(spec)', message: `must be JSON data: ${problem.what}${problem.at ? ` at ${problem.at}` : ''}`, fix: 'use plain objects, lists, strings, finite numbers, booleans and null' });
    return undefined;
  }
  if (s === 'string' || s === 'boolean') return typeof value === s ? value : wrongType();
  if (s === 'number') return typeof value === 'number' && Number.isFinite(value) ? value : wrongType();
  if (s === 'numberOrString') return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string' ? value : wrongType();
  if (s === 'stringMap' || s === 'booleanMap') {
    if (!isPlainObject(value)) return wrongType();
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return bad('must be plain data, not an object with a toJSON method', 'pass the data itself');
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const v = visit(value[k], s === 'stringMap' ? 'string' : 'boolean', join(path, k), issues, copy);
      if (v !== undefined) out[k] = v;
    }
    return copy ? out : value;
  }
  if ('list' in s) {
    if (!Array.isArray(value)) return wrongType();
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const itemPath = `${path}[${i}]`;
      if (!(i in value)) {
        issues.push({ path: itemPath, message: 'is a hole in a sparse list', fix: 'remove the hole: every list item must be set' });
        out.push(emptyOf(s.list));
      } else {
        const item = visit(value[i] === undefined ? null : value[i], s.list, itemPath, issues, copy);
        // A bad item becomes an empty one of its shape, so that indexes hold and rules can read it.
        out.push(item === undefined ? emptyOf(s.list) : item);
      }
    }
    return copy ? out : value;
  }
  if (!isPlainObject(value)) return wrongType();
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return bad('must be plain data, not an object with a toJSON method', 'pass the data itself');
  const out: Record<string, unknown> = {};
  for (const [k, fieldShape] of s.fields) {
    const v = visit(value[k], fieldShape, join(path, k), issues, copy);
    if (v !== undefined) out[k] = v;
  }
  for (const k of Object.keys(value)) {
    if (value[k] === undefined || Object.prototype.hasOwnProperty.call(s.object, k)) continue;
    const known = Object.keys(s.object);
    const suggestion = closestName(k, known);
    issues.push({
      path: join(path, k),
      message: suggestion ? `unknown property: did you mean "${suggestion}"?` : 'unknown property',
      allowed: known.join(', '),
      fix: suggestion ? `rename it to ${suggestion}` : 'remove it, or move it where it belongs',
    });
  }
  return copy ? out : value;
}

/**
 * How to fix a wrong type. A boolean or number where a string belongs is most often an unquoted
 * YAML scalar (`no`, `on`, `0644`, `1.30`), which YAML 1.1 readers such as kubectl read as
 * booleans and numbers: say so, since the file looks right to its author.
 */
function fixFor(s: Shape, value: unknown): string {
  if (value === null) return 'leave the field out instead of setting it to null';
  if ((s === 'string' || s === 'stringMap') && (typeof value === 'boolean' || typeof value === 'number')) {
    // The value is not repeated: at a credential path it would be echoed in the clear.
    return 'write a string; in YAML, put it in quotes: unquoted no, yes, on, off, 0644 or 1.30 read as booleans and numbers';
  }
  return `write ${expected(s)}`;
}

function emptyOf(s: Shape): unknown {
  if (s === 'stringMap' || s === 'booleanMap') return {};
  if (typeof s === 'string') return undefined;
  return 'list' in s ? [] : {};
}

/**
 * Keys that are not data: no override path may hold them, nor a JSON value `__proto__` or `<<`.
 * The first three are JavaScript's: assigning through them changes a prototype (of every object
 * in the process, through a path) instead of a field. `<<` is YAML's: go-yaml (and so kubectl,
 * Flux, Argo CD) reads a `<<` key as "merge this other mapping in".
 */
export const FORBIDDEN_KEYS: Readonly<Record<string, string>> = {
  // Computed, so that it is an own key: a plain `__proto__:` would set this object's prototype.
  ['__proto__']: 'it names the JavaScript object prototype, not a field',
  constructor: 'it names a JavaScript built-in, not a field of a Kubernetes object',
  prototype: 'it names a JavaScript built-in, not a field of a Kubernetes object',
  '<<': 'YAML readers such as kubectl read a "<<" key as a merge of another mapping',
};

export function isForbiddenKey(key: string): boolean {
  return Object.prototype.hasOwnProperty.call(FORBIDDEN_KEYS, key);
}

/** Why `value` is not JSON data (and where inside it), or undefined when it is. */
function jsonProblem(value: unknown, ancestors: Set<object>, at = ''): { what: string; at: string } | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : { what: `${value} is not a JSON number`, at };
  if (typeof value !== 'object') return { what: `${typeName(value)} is not JSON data`, at };
  if (ancestors.has(value)) return { what: 'the value contains itself (a cycle)', at };
  if (ancestors.size > 100) return { what: 'nested more than 100 levels deep', at };
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return { what: 'an object with a toJSON method', at };
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) return { what: 'a hole in a sparse list', at: `${at}[${i}]` };
        const p = jsonProblem(value[i], ancestors, `${at}[${i}]`);
        if (p) return p;
      }
      return undefined;
    }
    if (!isPlainObject(value)) return { what: `${typeName(value)} is not JSON data`, at };
    for (const k of Object.keys(value)) {
      if (k === '__proto__' || k === '<<') return { what: `a "${k}" key (${FORBIDDEN_KEYS[k]})`, at };
      const p = jsonProblem(value[k], ancestors, at ? `${at}.${k}` : k);
      if (p) return p;
    }
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}
