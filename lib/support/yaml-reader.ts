/**
 * A YAML reader that gives what kubectl gives: go-yaml v2's reading of plain scalars (through
 * sigs.k8s.io/yaml, as kubectl, Flux, Argo CD and the API server's clients read files), with
 * duplicate keys, alias bombs and oversized input refused. The `yaml` package tokenizes (with the
 * failsafe schema, so every scalar arrives as its text); this file resolves the scalars:
 *
 * - plain `~`, `null`, `Null`, `NULL` and the empty scalar are null; `y`, `yes`, `on`, `true`
 *   and `n`, `no`, `off`, `false` (in go-yaml's spellings) are booleans;
 * - a plain scalar that starts with a digit, `+`, `-` or `.` is a number when Go's
 *   `strconv.ParseInt(s, 0, 64)` (underscores removed: `0o17`, `0X1F`, `0B11`, `0644` octal) or
 *   go-yaml's float syntax reads it; `.inf` and `.nan` are refused, as sigs.k8s.io/yaml cannot
 *   turn them into JSON;
 * - quoted and block scalars, and `!!str`, are strings; `<<` merges maps as go-yaml does.
 *
 * Source: go-yaml v2 (sigs.k8s.io/yaml/goyaml.v2) resolve.go `resolve` and decode.go.
 */
import * as YAML from 'yaml';

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

/** A plain scalar as go-yaml v2 resolves it; throws for `.inf`/`.nan` (no JSON value). */
export function resolvePlain(s: string): unknown {
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

const STR_TAGS = new Set(['tag:yaml.org,2002:str', '!!str']);

interface Budget { nodes: number }

/** Converts one document's node as go-yaml v2 and sigs.k8s.io/yaml would. */
function toValue(node: unknown, doc: YAML.Document, budget: Budget, depth: number, where: string): unknown {
  if (++budget.nodes > YAML_LIMITS.maxNodes) throw new YamlReadError(`more than ${YAML_LIMITS.maxNodes} values (an alias bomb?)`);
  if (depth > YAML_LIMITS.maxDepth) throw new YamlReadError(`nested more than ${YAML_LIMITS.maxDepth} levels deep at ${where}`);
  if (node === null || node === undefined) return null;
  if (YAML.isAlias(node)) return toValue(node.resolve(doc), doc, budget, depth + 1, where);
  if (YAML.isScalar(node)) {
    const text = node.value === null || node.value === undefined ? '' : String(node.value);
    if (node.tag && STR_TAGS.has(node.tag)) return text;
    if (node.tag && node.tag !== '!') throw new YamlReadError(`unsupported tag ${node.tag} at ${where}`);
    return node.type === 'PLAIN' && !node.tag ? resolvePlain(text) : text;
  }
  if (YAML.isSeq(node)) return node.items.map((item, i) => toValue(item, doc, budget, depth + 1, `${where}[${i}]`));
  if (YAML.isMap(node)) {
    const out: Record<string, unknown> = {};
    const own = new Set<string>();
    const merged: Array<Record<string, unknown>> = [];
    for (const pair of node.items) {
      const keyNode = pair.key;
      if (YAML.isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag) {
        const source = toValue(pair.value, doc, budget, depth + 1, `${where}.<<`);
        const maps = Array.isArray(source) ? source : [source];
        if (!maps.every(m => m !== null && typeof m === 'object' && !Array.isArray(m))) throw new YamlReadError(`a merge (<<) at ${where} needs a map or a list of maps`);
        merged.push(...(maps as Array<Record<string, unknown>>));
        continue;
      }
      if (YAML.isMap(keyNode) || YAML.isSeq(keyNode)) throw new YamlReadError(`a map or list as a key at ${where}`);
      const key = keyOf(toValue(keyNode, doc, budget, depth + 1, where), where, keyNode);
      if (own.has(key)) throw new YamlReadError(`duplicate key ${JSON.stringify(key)} at ${where}`);
      own.add(key);
      define(out, key, toValue(pair.value, doc, budget, depth + 1, `${where}.${key}`));
    }
    // Merged keys fill in what the map does not set itself; earlier merge sources win (go-yaml v2).
    for (const m of merged) for (const [k, v] of Object.entries(m)) if (!Object.prototype.hasOwnProperty.call(out, k)) define(out, k, v);
    return out;
  }
  throw new YamlReadError(`unreadable node at ${where}`);
}

/** sigs.k8s.io/yaml turns keys into JSON object keys: strings as they are, numbers and booleans as text; a null key is refused. */
function keyOf(v: unknown, where: string, node: unknown): string {
  if (v === null) throw new YamlReadError(`a null key at ${where} (kubectl refuses it; quote it for a string)`);
  if (typeof v === 'number' && Number.isInteger(v) && YAML.isScalar(node)) {
    // An integer key is written with all its digits (Go's int64), not as a rounded double.
    const plain = String(node.value).replace(/_/g, '');
    if (GO_INT.test(plain)) return goIntExact(plain).toString();
  }
  return typeof v === 'string' ? v : String(v);
}

/** Sets a key without going through a setter (`__proto__` is data here). */
function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** One document of a YAML stream: its value, or the reason it cannot be read. */
export interface YamlDocument {
  readonly value?: unknown;
  readonly error?: string;
}

/**
 * Characters go-yaml v2 refuses anywhere in a stream ("control characters are not allowed",
 * readerc.go yaml_parser_update_buffer).
 */
 
const REFUSED_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;
/** Line breaks to YAML 1.1 and go-yaml (NEL, LS, PS), which other readers take for text: refused, not guessed. */
const YAML11_BREAK = /[\u0085\u2028\u2029]/;

function characterProblem(text: string): string | undefined {
  const bad = REFUSED_CHARACTER.exec(text) ?? YAML11_BREAK.exec(text);
  if (!bad) return undefined;
  const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const line = text.slice(0, bad.index).split('\n').length;
  return YAML11_BREAK.test(bad[0])
    ? `line ${line} holds ${code}, a line break to go-yaml (kubectl) but not to other readers; write it as an escape in a double-quoted string`
    : `line ${line} holds the control character ${code}, which kubectl refuses; write it as an escape in a double-quoted string`;
}

/** Reads a multi-document YAML stream as kubectl would, document by document. */
export function readYamlDocuments(text: string): YamlDocument[] {
  if (text.length > YAML_LIMITS.maxBytes) return [{ error: `the file has ${text.length} characters; at most ${YAML_LIMITS.maxBytes} are read` }];
  const characters = characterProblem(text);
  if (characters) return [{ error: characters }];
  const docs = YAML.parseAllDocuments(text, { version: '1.1', schema: 'failsafe', merge: false, uniqueKeys: false, keepSourceTokens: false });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.flatMap((doc): YamlDocument[] => {
    if (doc.errors.length > 0) return [{ error: doc.errors[0].message }];
    // An empty document (a trailing `---`) is no object, as kubectl skips it.
    if (doc.contents === null) return [];
    try {
      return [{ value: toValue(doc.contents, doc as YAML.Document, { nodes: 0 }, 0, '(top)') }];
    } catch (e) {
      if (e instanceof YamlReadError) return [{ error: e.message }];
      throw e;
    }
  });
}
