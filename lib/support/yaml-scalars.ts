/**
 * go-yaml v2's reading of plain scalars and keys, and the reader's limits: shared by the full
 * reader (yaml-reader.ts) and its block-style fast path (yaml-block-reader.ts), so both resolve
 * every scalar with the same code. Source: go-yaml v2 (sigs.k8s.io/yaml/goyaml.v2) resolve.go
 * `resolve`.
 */

/** Limits: a file bigger than this, nesting deeper, or aliases expanding past the node budget is refused. */
export const YAML_LIMITS = { maxBytes: 64 * 1024 * 1024, maxDepth: 200, maxNodes: 2_000_000 } as const;

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const FALSES = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']);
const INFINITIES = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN']);
/** go-yaml v2's yamlStyleFloat. */
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go's strconv.ParseInt(s, 0, 64) syntax (after go-yaml removed the underscores). */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** Timestamps go-yaml v2 keeps as their text when decoding into interface{} (decode.go). */
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)/;

export class YamlReadError extends Error {}

/** First characters of every plain scalar that may be something else than its text: the words above, numbers, `.inf`. */
const MAYBE_NOT_TEXT: Record<number, true> = Object.fromEntries([...'~nNyYoOtTfF.+-0123456789'].map(c => [c.charCodeAt(0), true]));

/** A plain scalar as go-yaml v2 resolves it; throws for `.inf`/`.nan` (no JSON value). */
export function resolvePlain(s: string): unknown {
  // Most scalars start with a letter no YAML word starts with: they are their text.
  if (!MAYBE_NOT_TEXT[s.charCodeAt(0)] && s !== '') return s;
  if (NULLS.has(s)) return null;
  if (TRUES.has(s)) return true;
  if (FALSES.has(s)) return false;
  if (INFINITIES.has(s)) throw new YamlReadError(`${s} is not a JSON number (kubectl refuses it unquoted); quote it for a string`);
  const c = s[0];
  if (c === '.') return FLOAT.test(s) ? Number(s) : s;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || TIMESTAMP.test(s)) return s;
  const plain = s.replace(/_/g, '');
  if (GO_INT.test(plain)) return goInt(plain);
  if (FLOAT.test(plain)) return Number(plain);
  return s;
}

/** An integer in Go's base-0 syntax (a leading 0 is octal), exactly. */
function goIntExact(s: string): bigint {
  const negative = s[0] === '-';
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const n = body.length > 1 && body[0] === '0' && /^[0-7]+$/.test(body) ? BigInt(`0o${body.slice(1)}`) : BigInt(body);
  return negative ? -n : n;
}

function goInt(s: string): number {
  const n = Number(goIntExact(s));
  return n === 0 ? 0 : n;
}

/**
 * The JSON object key of a key that is not null: `v` is its value, `plain` its text. An integer
 * key is written with all its digits (Go's int64), not as a rounded double.
 */
export function keyText(v: unknown, plain: string | undefined): string {
  if (typeof v === 'number' && Number.isInteger(v) && plain !== undefined) {
    const digits = plain.replace(/_/g, '');
    if (GO_INT.test(digits)) return goIntExact(digits).toString();
  }
  return typeof v === 'string' ? v : String(v);
}
