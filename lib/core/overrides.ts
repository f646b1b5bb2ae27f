import { ValidationIssue } from '../support/issues';
import { ObjectOverride } from './spec';

/** Splits `spec.template.spec.rootVolume.size` or `spec.files[0].path` into segments. */
export function parsePath(path: string | readonly (string | number)[]): Array<string | number> {
  if (typeof path !== 'string') return [...path];
  const segments: Array<string | number> = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((\[\d+\])*)$/.exec(part);
    if (!m) {
      segments.push(part);
      continue;
    }
    if (m[1]) segments.push(m[1]);
    for (const idx of m[2].match(/\d+/g) ?? []) segments.push(Number(idx));
  }
  return segments;
}

/** Fields an override may not touch, with the reason and the proper way. */
const PROTECTED: Array<{ path: string[]; why: string }> = [
  { path: ['metadata', 'name'], why: 'names are derived by the core (templates carry a spec hash); pin names with the `names` props instead' },
  { path: ['metadata', 'namespace'], why: 'set the cluster namespace instead' },
  { path: ['apiVersion'], why: 'the API version is fixed by the object kind' },
  { path: ['kind'], why: 'the kind is fixed by the object role' },
];

/**
 * Applies the overrides aimed at `target` to `object` in place, in the order given.
 * Returns the problems found (protected fields, paths through non-objects).
 */
export function applyOverrides(object: Record<string, unknown>, target: string, overrides: readonly ObjectOverride[], pathPrefix = 'overrides'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  overrides.forEach((o, i) => {
    if (o.target !== target) return;
    const segments = parsePath(o.path);
    const at = `${pathPrefix}[${i}].path`;
    const protectedField = PROTECTED.find(p => p.path.every((s, j) => segments[j] === s) && segments.length >= p.path.length);
    if (protectedField) {
      issues.push({ path: at, message: `${segments.join('.')} cannot be overridden: ${protectedField.why}`, value: o.path });
      return;
    }
    let node: any = object;
    for (let j = 0; j < segments.length - 1; j++) {
      const seg = segments[j];
      if (node[seg] === undefined || node[seg] === null) {
        if (o.remove) return; // nothing to remove
        node[seg] = typeof segments[j + 1] === 'number' ? [] : {};
      }
      node = node[seg];
      if (typeof node !== 'object') {
        issues.push({ path: at, message: `cannot descend into ${segments.slice(0, j + 1).join('.')}: it holds a ${typeof node}`, value: o.path });
        return;
      }
    }
    const last = segments[segments.length - 1];
    if (o.remove) {
      if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
      else delete node[last];
    } else {
      node[last] = clone(o.value);
    }
  });
  return issues;
}

function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}
