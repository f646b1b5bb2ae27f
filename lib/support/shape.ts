/**
 * JSON shapes: which fields of plain data are lists, objects, strings, numbers and booleans.
 * Data from JavaScript, YAML or stack config does not obey TypeScript's types; checking the
 * shape first lets rule checks rely on it, and a wrong shape becomes a validation issue instead
 * of a TypeError.
 */
import { ValidationIssue } from './issues';

export type Shape =
  | 'string' | 'number' | 'boolean' | 'any'
  /** An object whose values are strings (labels, annotations, flags, tags). */
  | 'stringMap'
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
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expected(shape: Shape): string {
  if (typeof shape === 'string') {
    return { string: 'a string', number: 'a number', boolean: 'true or false', any: 'a value', stringMap: 'an object of strings', numberOrString: 'a number or a string' }[shape];
  }
  return 'list' in shape ? 'a list' : 'an object';
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Problems with the shape of a value (a list where an object belongs, a number for a string,
 * null for an omitted field...). Unknown fields are left to TypeScript. Empty when the shape
 * is right; rule checks can then rely on it.
 */
export function shapeIssues(spec: unknown, shape: Shape): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  visit(spec, shape, '', issues);
  return issues;
}

function visit(value: unknown, s: Shape, path: string, issues: ValidationIssue[]): void {
  if (value === undefined || s === 'any') return;
  let ok: boolean;
  if (s === 'string' || s === 'number' || s === 'boolean') {
    ok = typeof value === s;
  } else if (s === 'numberOrString') {
    ok = typeof value === 'number' || typeof value === 'string';
  } else if (s === 'stringMap') {
    ok = isPlainObject(value);
    if (ok) for (const k of Object.keys(value as object)) visit((value as Record<string, unknown>)[k], 'string', `${path}.${k}`, issues);
  } else if ('list' in s) {
    ok = Array.isArray(value);
    if (ok) (value as unknown[]).forEach((item, i) => visit(item === undefined ? null : item, s.list, `${path}[${i}]`, issues));
  } else {
    ok = isPlainObject(value);
    if (ok) for (const [k, fieldShape] of s.fields) visit((value as Record<string, unknown>)[k], fieldShape, path ? `${path}.${k}` : k, issues);
  }
  if (!ok) {
    issues.push({
      path: path || '(spec)', message: `must be ${expected(s)}, got ${typeName(value)}`, value,
      fix: value === null ? 'leave the field out instead of setting it to null' : `write ${expected(s)}`,
    });
  }
}
