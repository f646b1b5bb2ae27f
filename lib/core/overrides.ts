/**
 * Overrides: a change to one field of one emitted object. Their paths are data, never code:
 * a path can reach only the object's own fields, never a JavaScript prototype, and it cannot
 * replace what the core derives (names, references, selectors) or a parent holding such a field.
 */
import { LABELS } from '../capi';
import { ValidationIssue } from '../support/issues';
import { FORBIDDEN_KEYS, isForbiddenKey } from '../support/shape';
import { ObjectOverride } from './spec';

type Segment = string | number;

/** Splits `spec.template.spec.rootVolume.size` or `spec.files[0].path` into segments. */
export function parsePath(path: string | readonly Segment[]): Segment[] {
  if (typeof path !== 'string') return [...path];
  const segments: Segment[] = [];
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

/** What is wrong with the syntax of an override path, or undefined when it is a valid path. */
export function overridePathProblem(path: unknown): string | undefined {
  if (typeof path === 'string') {
    if (path.length === 0) return 'must not be empty';
    for (const part of path.split('.')) {
      if (part === '') return 'has an empty segment (two dots in a row, or a leading or trailing dot)';
      if (!/^([^[\]]+(\[\d+\])*|(\[\d+\])+)$/.test(part)) return `cannot read the segment "${part}": write list indexes as [0], or pass the path as a list of segments when a key holds brackets`;
    }
  } else if (Array.isArray(path)) {
    if (path.length === 0) return 'must not be empty';
    const bad = path.findIndex(s => !((typeof s === 'string' && s.length > 0) || (typeof s === 'number' && Number.isInteger(s) && s >= 0)));
    if (bad >= 0) return `segment ${bad} must be a non-empty string or a list index (an integer >= 0)`;
  } else {
    return 'must be a dotted path or a list of segments';
  }
  const forbidden = parsePath(path as string | Segment[]).find(s => typeof s === 'string' && isForbiddenKey(s));
  return forbidden === undefined ? undefined : `"${forbidden}" cannot be a key: ${FORBIDDEN_KEYS[forbidden as string]}`;
}

/** Fields an override may not touch, nor replace as part of a parent, with the reason and the proper way. */
const PROTECTED: Array<{ path: Segment[]; why: string }> = [
  { path: ['metadata', 'name'], why: 'names are derived by the core (templates carry a spec hash); pin names with the `names` props instead' },
  { path: ['metadata', 'namespace'], why: 'set the cluster namespace instead' },
  { path: ['metadata', 'labels', LABELS.clusterName], why: 'CAPI finds the objects of a cluster by this label' },
  { path: ['apiVersion'], why: 'the API version is fixed by the object kind' },
  { path: ['kind'], why: 'the kind is fixed by the object role' },
  ...[
    ['spec', 'clusterName'], ['spec', 'template', 'spec', 'clusterName'], ['spec', 'controlPlaneRef'], ['spec', 'infrastructureRef'],
    ['spec', 'machineTemplate', 'spec', 'infrastructureRef'], ['spec', 'template', 'spec', 'infrastructureRef'],
    ['spec', 'template', 'spec', 'bootstrap', 'configRef'], ['spec', 'selector'],
  ].map(path => ({ path, why: 'the core derives it from the names of the objects it renders, so it points at them' })),
];

const show = (segments: readonly Segment[]) => segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i > 0 ? '.' : ''}${s}`)).join('');
const startsWith = (segments: readonly Segment[], prefix: readonly Segment[]) => prefix.length <= segments.length && prefix.every((s, i) => segments[i] === s);
const has = (o: unknown, key: Segment) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, key);

function holds(object: unknown, path: readonly Segment[]): boolean {
  let node = object;
  for (const s of path) {
    if (!has(node, s)) return false;
    node = (node as Record<Segment, unknown>)[s];
  }
  return true;
}

/**
 * Applies the overrides aimed at `target` to `object` in place, in the order given. Returns the
 * problems found (protected fields or parents, paths through non-objects, gaps in lists).
 * Removing a field also removes the objects it leaves empty, which the v1beta2 CRDs reject
 * (`clusterConfiguration: {}` after removing its only field); lists named `taints` stay, as
 * there an empty list means "no taints".
 */
export function applyOverrides(object: Record<string, unknown>, target: string, overrides: readonly ObjectOverride[], pathPrefix = 'overrides'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  overrides.forEach((o, i) => {
    if (o.target !== target) return;
    const problem = applyOne(object, o);
    if (problem) issues.push({ path: `${pathPrefix}[${i}].path`, value: o.path, ...problem });
  });
  return issues;
}

function applyOne(object: Record<string, unknown>, o: ObjectOverride): { message: string; fix?: string } | undefined {
  // Checked again here, not only by validateClusterSpec: this is the one place that writes.
  const syntax = overridePathProblem(o.path);
  if (syntax) return { message: syntax };
  const segments = parsePath(o.path);
  const at = PROTECTED.find(p => startsWith(segments, p.path));
  if (at) return { message: `${show(segments)} cannot be overridden: ${at.why}` };
  const inside = PROTECTED.find(p => startsWith(p.path, segments) && holds(object, p.path));
  if (inside) {
    return { message: `${show(segments)} cannot be ${o.remove ? 'removed' : 'overridden'} as a whole: it holds ${show(inside.path)}, and ${inside.why}`, fix: `override the fields inside ${show(segments)} one by one` };
  }
  const chain: Array<{ node: any; key: Segment }> = [];
  let node: any = object;
  for (let j = 0; j < segments.length; j++) {
    const seg = segments[j];
    const here = show(segments.slice(0, j));
    if (Array.isArray(node) !== (typeof seg === 'number')) {
      return Array.isArray(node)
        ? { message: `${here} is a list: address its items by index`, fix: `write ${here}[0]` }
        : { message: `${here || 'the object'} is not a list: [${seg}] addresses a list item`, fix: 'use a field name' };
    }
    if (Array.isArray(node) && (seg as number) > node.length) {
      return { message: `${here} has ${node.length} items: [${seg}] would leave a gap`, fix: `use [${node.length}] to add an item at the end` };
    }
    if (j === segments.length - 1) break;
    chain.push({ node, key: seg });
    if (!has(node, seg) || node[seg] === null) {
      if (o.remove) return undefined; // nothing to remove
      node[seg] = typeof segments[j + 1] === 'number' ? [] : {};
    }
    node = node[seg];
    if (typeof node !== 'object') return { message: `cannot descend into ${show(segments.slice(0, j + 1))}: it holds a ${typeof node}` };
  }
  const last = segments[segments.length - 1];
  if (!o.remove) {
    node[last] = clone(o.value);
    return undefined;
  }
  if (!has(node, last)) return undefined;
  if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  // Prune the parents the removal left empty, below the object's top-level fields.
  for (let j = chain.length - 1; j >= 1; j--) {
    const { node: parent, key } = chain[j];
    const child = parent[key];
    if (key === 'taints' || Object.keys(child).length > 0) break;
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  }
  return undefined;
}

function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}
