/**
 * The OpenAPI v3 subset a ClusterClass variable schema may use here, and a validator for it.
 * Cluster API checks variable values only in its Cluster webhook (CAPI v1.14.0,
 * internal/topology/variables/cluster_variable_validation.go), i.e. after a pull request is
 * merged; checking them at synth time needs a validator that agrees with the API server on
 * every schema it accepts. So the class refuses the features this validator does not
 * implement (allOf/anyOf/oneOf/not, CEL rules, formats other than the listed ones) instead of
 * silently not checking them.
 */
import { IssueSink } from '../../support/issues';
import { isForbiddenKey } from '../../support/shape';

/** An OpenAPI v3 schema of a ClusterClass variable (the subset this library validates). */
export interface VariableSchema {
  /** The value's type. */
  readonly type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  /** @default - none */
  readonly description?: string;
  /** Value the webhook fills in when the field (or the variable) is not set. @default - none */
  readonly default?: unknown;
  /** An example value, shown to users. @default - none */
  readonly example?: unknown;
  /** The allowed values. @default - any value of the type */
  readonly enum?: readonly unknown[];
  /** Objects: the known fields. @default - none */
  readonly properties?: Readonly<Record<string, VariableSchema>>;
  /** Objects: the fields that must be set. @default - none */
  readonly required?: readonly string[];
  /** Objects: the schema of every value of a map (exclusive with `properties`). @default - none */
  readonly additionalProperties?: VariableSchema;
  /** Objects: @default - no bound */
  readonly minProperties?: number;
  /** Objects: @default - no bound */
  readonly maxProperties?: number;
  /** Arrays: the schema of every item (an array schema must have one). @default - none */
  readonly items?: VariableSchema;
  /** Arrays: @default - no bound */
  readonly minItems?: number;
  /** Arrays: @default - no bound */
  readonly maxItems?: number;
  /** Arrays: no two items equal. @default false */
  readonly uniqueItems?: boolean;
  /** Strings: length in characters. @default - no bound */
  readonly minLength?: number;
  /** Strings: @default - no bound */
  readonly maxLength?: number;
  /**
   * Strings: a regular expression the value must match somewhere (anchor it with ^...$). The
   * API server uses Go's RE2: backreferences and lookarounds are refused here as they are there.
   * @default - any string
   */
  readonly pattern?: string;
  /** Strings: one of {@link SUPPORTED_FORMATS}. @default - none */
  readonly format?: string;
  /** Numbers: @default - no bound */
  readonly minimum?: number;
  /** Numbers: @default - no bound */
  readonly maximum?: number;
  /** Numbers: `minimum` itself is not allowed. @default false */
  readonly exclusiveMinimum?: boolean;
  /** Numbers: `maximum` itself is not allowed. @default false */
  readonly exclusiveMaximum?: boolean;
  /** Objects: keep fields the schema does not list (they are then not checked). @default false */
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  /** An integer or a string (e.g. `25%`); `type` is then ignored by the API server. @default false */
  readonly 'x-kubernetes-int-or-string'?: boolean;
  /** Labels and annotations for the variable's documentation. @default - none */
  readonly 'x-metadata'?: { readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
}

/** String formats this validator checks (the API server knows more; others are refused). */
export const SUPPORTED_FORMATS: readonly string[] = ['ipv4', 'ipv6', 'cidr', 'uuid', 'date-time', 'hostname'];

const TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean'];
const KNOWN_KEYS = new Set([
  'type', 'description', 'default', 'example', 'enum', 'properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string', 'x-metadata',
]);
/** Valid OpenAPI keys this validator does not implement: refused with a reason. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  allOf: 'schema composition is not checked at synth time',
  anyOf: 'schema composition is not checked at synth time',
  oneOf: 'schema composition is not checked at synth time',
  not: 'schema composition is not checked at synth time',
  'x-kubernetes-validations': 'CEL rules cannot be evaluated at synth time',
};
/** Longest string matched against a pattern (JavaScript's engine backtracks; RE2 does not). */
const MAX_PATTERN_INPUT = 65536;
/** Deepest schema nesting accepted: a variable schema is written by hand, not generated forever. */
const MAX_DEPTH = 32;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/**
 * Checks a variable schema itself, at class-definition time: known keys only, a type, the
 * features this library validates, and a default, example and enum values that satisfy it.
 */
export function checkSchemaDefinition(outer: IssueSink, path: string, schema: unknown, depth = 0): void {
  let problems = 0;
  const report: IssueSink = issue => { problems++; outer(issue); };
  if (!isObject(schema)) {
    report({ path, message: 'must be an OpenAPI v3 schema object', value: schema, fix: "e.g. { type: 'string', enum: ['small', 'large'] }" });
    return;
  }
  if (depth > MAX_DEPTH) {
    report({ path, message: `nests deeper than ${MAX_DEPTH} levels`, fix: 'flatten the schema' });
    return;
  }
  const s = schema as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (isForbiddenKey(key)) report({ path: `${path}.${key}`, message: 'is not a schema keyword', fix: 'remove it' });
    else if (UNSUPPORTED[key]) report({ path: `${path}.${key}`, message: `is not supported: ${UNSUPPORTED[key]}`, allowed: [...KNOWN_KEYS].join(', '), fix: 'express the rule with type, enum, pattern, minimum/maximum, min/max length, items or properties, or validate it outside the class' });
    else if (!KNOWN_KEYS.has(key)) report({ path: `${path}.${key}`, message: 'is not a schema keyword this library knows', allowed: [...KNOWN_KEYS].join(', ') });
  }
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  if (!intOrString && !TYPES.includes(s.type as string)) {
    report({ path: `${path}.type`, message: 'must be set to a JSON type (a structural schema)', value: s.type, allowed: TYPES.join(', ') });
    return;
  }
  const sub = (key: string) => `${path}.${key}`;
  for (const key of ['minProperties', 'maxProperties', 'minItems', 'maxItems', 'minLength', 'maxLength']) {
    if (s[key] !== undefined && !isCount(s[key])) report({ path: sub(key), message: 'must be an integer >= 0', value: s[key] });
  }
  for (const key of ['minimum', 'maximum']) {
    if (s[key] !== undefined && !(typeof s[key] === 'number' && Number.isFinite(s[key]))) report({ path: sub(key), message: 'must be a number', value: s[key] });
  }
  for (const key of ['uniqueItems', 'exclusiveMinimum', 'exclusiveMaximum', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-int-or-string']) {
    if (s[key] !== undefined && typeof s[key] !== 'boolean') report({ path: sub(key), message: 'must be true or false', value: s[key] });
  }
  if (s.description !== undefined && typeof s.description !== 'string') report({ path: sub('description'), message: 'must be a string', value: s.description });
  const type = s.type;
  if (s.properties !== undefined) {
    if (type !== 'object') report({ path: sub('properties'), message: 'only an object schema has properties', fix: "set type: 'object'" });
    if (!isObject(s.properties)) report({ path: sub('properties'), message: 'must be an object of schemas', value: s.properties });
    else for (const [name, p] of Object.entries(s.properties)) {
      if (isForbiddenKey(name)) report({ path: sub(`properties.${name}`), message: 'is not a usable field name', fix: 'rename the field' });
      else checkSchemaDefinition(report, sub(`properties.${name}`), p, depth + 1);
    }
  }
  if (s.additionalProperties !== undefined) {
    // CAPI v1.14.0 clusterclass_variable_validation.go: "additionalProperties and properties are mutually exclusive".
    if (s.properties !== undefined) report({ path: sub('additionalProperties'), message: 'additionalProperties and properties are mutually exclusive', fix: 'use one of them' });
    if (type !== 'object') report({ path: sub('additionalProperties'), message: 'only an object schema has additionalProperties', fix: "set type: 'object'" });
    checkSchemaDefinition(report, sub('additionalProperties'), s.additionalProperties, depth + 1);
  }
  if (s.required !== undefined) {
    if (!Array.isArray(s.required) || s.required.some(r => typeof r !== 'string')) report({ path: sub('required'), message: 'must be a list of field names', value: s.required });
    else {
      const props = isObject(s.properties) ? s.properties : {};
      s.required.forEach((r, i) => {
        if (!Object.prototype.hasOwnProperty.call(props, r) && s['x-kubernetes-preserve-unknown-fields'] !== true && s.additionalProperties === undefined) {
          report({ path: sub(`required[${i}]`), message: 'names a field the schema does not define', value: r, allowed: Object.keys(props).join(', ') || '(no properties)' });
        }
      });
    }
  }
  if (type === 'array') {
    if (s.items === undefined) report({ path: sub('items'), message: 'an array schema must give the schema of its items (a structural schema)', fix: "e.g. items: { type: 'string' }" });
    else checkSchemaDefinition(report, sub('items'), s.items, depth + 1);
  } else if (s.items !== undefined) {
    report({ path: sub('items'), message: 'only an array schema has items', fix: "set type: 'array'" });
  }
  if (s.pattern !== undefined) {
    const problem = patternProblem(s.pattern);
    if (problem) report({ path: sub('pattern'), message: problem, value: s.pattern });
  }
  if (s.format !== undefined && !SUPPORTED_FORMATS.includes(s.format as string)) {
    report({ path: sub('format'), message: 'is not a format this library checks', value: s.format, allowed: SUPPORTED_FORMATS.join(', '), fix: 'use pattern instead' });
  }
  if (s.enum !== undefined) {
    if (!Array.isArray(s.enum) || s.enum.length === 0) report({ path: sub('enum'), message: 'must be a non-empty list', value: s.enum });
  }
  // Only a definition without problems can judge its own values.
  if (problems > 0) return;
  if (Array.isArray(s.enum)) {
    s.enum.forEach((e, i) => validateValue(sub(`enum[${i}]`), schema as unknown as VariableSchema, e, issue => outer({ ...issue, message: `enum value ${issue.message}` }), { withoutEnum: true }));
  }
  for (const key of ['default', 'example'] as const) {
    if (s[key] !== undefined) validateValue(sub(key), schema as unknown as VariableSchema, s[key], outer);
  }
}

/** Why a pattern cannot be used, or undefined. */
function patternProblem(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string' || pattern.length === 0) return 'must be a non-empty string';
  if (pattern.length > 512) return 'is longer than 512 characters (the CRD limit)';
  // RE2 (the API server's engine) has no backreferences and no lookarounds.
  if (/\\[1-9]|\\k</.test(pattern)) return 'uses a backreference, which Go regular expressions (RE2) do not support';
  if (/\(\?<?[=!]/.test(pattern)) return 'uses a lookaround, which Go regular expressions (RE2) do not support';
  // RE2 runs in linear time; JavaScript backtracks. A quantified group that itself ends in a
  // quantifier (`(a+)+`) can take exponential time here, so it is refused.
  if (/\([^()]*[+*}]\)[+*{]/.test(pattern)) return 'nests quantifiers (like (a+)+), which can take exponential time to match outside RE2';
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    return `is not a valid regular expression: ${(e as Error).message}`;
  }
  return undefined;
}

/** Options of {@link validateValue}. */
interface ValueOptions {
  /** Skip the enum check at the top (when checking the enum's own values). */
  readonly withoutEnum?: boolean;
}

/**
 * Checks a value against a schema accepted by {@link checkSchemaDefinition}, with the
 * webhook's defaulting applied first (a missing field with a default counts as set), and
 * unknown fields refused as CAPI does (cluster_variable_validation.go, validateUnknownFields).
 */
export function validateValue(path: string, schema: VariableSchema, value: unknown, report: IssueSink, options: ValueOptions = {}, depth = 0): void {
  if (depth > MAX_DEPTH + 1) {
    report({ path, message: 'nests deeper than its schema allows' });
    return;
  }
  const show = (v: unknown) => (isObject(v) || Array.isArray(v) ? undefined : v);
  if (schema['x-kubernetes-int-or-string']) {
    if (!(typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) report({ path, message: 'must be an integer or a string', value: show(value) });
    return;
  }
  const typeOk = {
    object: isObject(value),
    array: Array.isArray(value),
    string: typeof value === 'string',
    integer: typeof value === 'number' && Number.isInteger(value),
    number: typeof value === 'number' && Number.isFinite(value),
    boolean: typeof value === 'boolean',
  }[schema.type];
  if (!typeOk) {
    report({ path, message: `must be ${schema.type === 'integer' || schema.type === 'array' || schema.type === 'object' ? 'an' : 'a'} ${schema.type}`, value: show(value) });
    return;
  }
  if (!options.withoutEnum && schema.enum && !schema.enum.some(e => deepEqual(e, value))) {
    report({ path, message: 'is not one of the allowed values', value: show(value), allowed: schema.enum.map(e => JSON.stringify(e)).join(', ') });
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) report({ path, message: `must be at least ${schema.minLength} characters long`, value });
    if (schema.maxLength !== undefined && length > schema.maxLength) report({ path, message: `must be at most ${schema.maxLength} characters long`, value });
    // A pattern is tried only on strings of a sane length, so a hostile value cannot make it slow.
    if (schema.pattern !== undefined && value.length > MAX_PATTERN_INPUT) {
      report({ path, message: `is longer than ${MAX_PATTERN_INPUT} characters, too long to check against the pattern ${schema.pattern} here`, fix: 'shorten it, or drop the pattern from the schema' });
    } else if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      report({ path, message: `must match the pattern ${schema.pattern}`, value });
    }
    if (schema.format !== undefined && !formatOk(schema.format, value)) report({ path, message: `must be a valid ${schema.format}`, value });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
      report({ path, message: `must be ${schema.exclusiveMinimum ? 'greater than' : 'at least'} ${schema.minimum}`, value });
    }
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
      report({ path, message: `must be ${schema.exclusiveMaximum ? 'less than' : 'at most'} ${schema.maximum}`, value });
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) report({ path, message: `must have at least ${schema.minItems} items`, value: value.length });
    if (schema.maxItems !== undefined && value.length > schema.maxItems) report({ path, message: `must have at most ${schema.maxItems} items`, value: value.length });
    if (schema.uniqueItems) {
      const seen: string[] = [];
      value.forEach((item, i) => {
        const key = canonical(item);
        if (seen.includes(key)) report({ path: `${path}[${i}]`, message: 'repeats an earlier item (uniqueItems)' });
        seen.push(key);
      });
    }
    if (schema.items) value.forEach((item, i) => validateValue(`${path}[${i}]`, schema.items!, item, report, {}, depth + 1));
  }
  if (isObject(value)) {
    const withDefaults = applyDefaults(schema, value);
    const keys = Object.keys(withDefaults);
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) report({ path, message: `must have at least ${schema.minProperties} fields`, value: keys.length });
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) report({ path, message: `must have at most ${schema.maxProperties} fields`, value: keys.length });
    for (const r of schema.required ?? []) {
      if (!Object.prototype.hasOwnProperty.call(withDefaults, r)) report({ path: `${path}.${r}`, message: 'is required' });
    }
    const props = schema.properties ?? {};
    for (const key of keys) {
      const at = `${path}.${key}`;
      if (isForbiddenKey(key)) {
        report({ path: at, message: 'is not a usable field name' });
      } else if (Object.prototype.hasOwnProperty.call(props, key)) {
        validateValue(at, props[key], withDefaults[key], report, {}, depth + 1);
      } else if (schema.additionalProperties) {
        validateValue(at, schema.additionalProperties, withDefaults[key], report, {}, depth + 1);
      } else if (!schema['x-kubernetes-preserve-unknown-fields']) {
        report({ path: at, message: 'is not a field of the variable\'s schema', allowed: Object.keys(props).join(', ') || '(no fields)' });
      }
    }
  }
}

/** The object with the schema's property defaults filled in (one level; deeper levels as they are validated). */
function applyDefaults(schema: VariableSchema, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [key, p] of Object.entries(schema.properties ?? {})) {
    if (out[key] === undefined && p.default !== undefined) out[key] = p.default;
  }
  return out;
}

/** The schema at a dotted sub-path (`a.b`, list items as `[0]`), or undefined when the schema has no such field. */
export function schemaAt(schema: VariableSchema, segments: readonly string[]): VariableSchema | undefined {
  let s: VariableSchema | undefined = schema;
  for (const seg of segments) {
    if (!s) return undefined;
    if (/^\[\d+\]$/.test(seg)) s = s.type === 'array' ? s.items : undefined;
    else if (s['x-kubernetes-preserve-unknown-fields']) return s;
    else s = s.properties?.[seg] ?? s.additionalProperties;
  }
  return s;
}

/** A value of the schema's shape, for trying patches on templates: the default, an example, or a stand-in. */
export function sampleValue(schema: VariableSchema | undefined): unknown {
  if (!schema) return 'sample';
  if (schema.default !== undefined) return schema.default;
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'object': return Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => schema.required?.includes(k)).map(([k, p]) => [k, sampleValue(p)]));
    case 'array': return [];
    case 'integer': case 'number': return schema.minimum ?? 0;
    case 'boolean': return false;
    default: return 'sample';
  }
}

function formatOk(format: string, v: string): boolean {
  switch (format) {
    case 'ipv4': return ipv4(v);
    case 'ipv6': return ipv6(v);
    case 'cidr': {
      const m = /^(.+)\/(\d{1,3})$/.exec(v);
      if (!m) return false;
      const bits = Number(m[2]);
      return (ipv4(m[1]) && bits <= 32) || (ipv6(m[1]) && bits <= 128);
    }
    case 'uuid': return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(v);
    case 'date-time': return /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
    // Kubernetes' `hostname` format is a DNS-1123 subdomain (k8s.io/kube-openapi pkg/validation/strfmt).
    case 'hostname': return v.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v);
    default: return false;
  }
}

function ipv4(v: string): boolean {
  const parts = v.split('.');
  return parts.length === 4 && parts.every(p => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function ipv6(v: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(v) || v.length > 45) return false;
  const halves = v.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  const last = all[all.length - 1];
  const v4 = last !== undefined && last.includes('.');
  if (v4 && !ipv4(last)) return false;
  const hex = v4 ? all.slice(0, -1) : all;
  if (!hex.every(g => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hex.length + (v4 ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map(k => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
