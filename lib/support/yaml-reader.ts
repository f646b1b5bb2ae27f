/**
 * A YAML reader that gives what kubectl gives: go-yaml v2's reading of plain scalars (through
 * sigs.k8s.io/yaml, as kubectl, Flux, Argo CD and the API server's clients read files), with
 * duplicate keys, alias bombs and oversized input refused. The `yaml` package tokenizes (with the
 * failsafe schema, so every scalar arrives as its text); this file and yaml-scalars.ts resolve the scalars:
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
import { readBlockYaml } from './yaml-block-reader';
import { keyText, resolvePlain, YAML_LIMITS, YamlReadError } from './yaml-scalars';

export { resolvePlain, YAML_LIMITS, YamlReadError } from './yaml-scalars';

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
  return keyText(v, YAML.isScalar(node) ? String(node.value) : undefined);
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
 
const REFUSED_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/g;
/** Line breaks to YAML 1.1 and go-yaml (NEL, LS, PS), which other readers take for text: refused, not guessed. */
const YAML11_BREAK = /[\u0085\u2028\u2029]/;
/** Either kind, so that a clean text (the usual one) is scanned once. */
const ANY_PROBLEM = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/;

function characterProblem(text: string): string | undefined {
  const first = ANY_PROBLEM.exec(text);
  if (!first) return undefined;
  // A refused character anywhere is named before a line break.
  REFUSED_CHARACTER.lastIndex = first.index;
  const bad = REFUSED_CHARACTER.exec(text) ?? first;
  const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const line = text.slice(0, bad.index).split('\n').length;
  return YAML11_BREAK.test(bad[0])
    ? `line ${line} holds ${code}, a line break to go-yaml (kubectl) but not to other readers; write it as an escape in a double-quoted string`
    : `line ${line} holds the control character ${code}, which kubectl refuses; write it as an escape in a double-quoted string`;
}

/**
 * Reads a multi-document YAML stream as kubectl would, document by document. `fastPath: false`
 * skips the block-style fast path (the tests compare the two; the result is the same).
 */
export function readYamlDocuments(text: string, options: { fastPath?: boolean } = {}): YamlDocument[] {
  if (text.length > YAML_LIMITS.maxBytes) return [{ error: `the file has ${text.length} characters; at most ${YAML_LIMITS.maxBytes} are read` }];
  const characters = characterProblem(text);
  if (characters) return [{ error: characters }];
  // Block-style YAML (what the writer and kubectl emit) has a fast path that gives up at the first
  // thing it is not sure of; everything else, and every error, is the full reader's below.
  const fast = options.fastPath === false ? undefined : readBlockYaml(text);
  if (fast) return fast.map(value => ({ value }));
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
