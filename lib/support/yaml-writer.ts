/**
 * A YAML emitter for JSON data that go-yaml v2 (kubectl, Flux, Argo CD, through sigs.k8s.io/yaml)
 * and YAML 1.2 readers read back exactly as meant. Why a small emitter of our own: the general
 * writers quote by their own YAML version's rules, which differ from go-yaml's (go-yaml reads
 * `0o17`, `0X1F`, `0B11` as numbers, merges `<<` keys, and refuses raw U+2028, U+0085, DEL and
 * C1 characters), and they are the slowest step of rendering. The rules here are conservative:
 *
 * - a string is written plain only when it cannot be read as anything else: it starts with a
 *   letter, `_` or `/`, holds only letters, digits, space and `_ . / = , @ ( ) + % -`, does not end
 *   in a space, is not one of YAML 1.1's words (`y`, `n`, `yes`, `no`, `on`, `off`, `true`,
 *   `false`, `null`, in any case), and is not a bare exponent (`E0`, `e-38`);
 * - a multi-line string of printable characters is a literal block (`|`, `|-` or `|+`, with an
 *   indentation indicator when its first line starts with a space), so files stay readable;
 * - every other string is double-quoted, with escapes for `"`, `\`, C0 and C1 controls, DEL,
 *   U+2028, U+2029 and U+FEFF;
 * - keys follow the string rules; numbers are written as JSON writes them (go-yaml's float
 *   syntax accepts it); empty objects and lists are `{}` and `[]`.
 *
 * The input must be JSON data whose strings are well-formed UTF-16 (no lone surrogates: UTF-8,
 * and so every Kubernetes client, cannot carry them). `test/support/yaml-kubectl.test.ts` reads
 * the output back with the real kubectl.
 */

const PLAIN = /^[A-Za-z_/][A-Za-z0-9 _./=,@()+%-]*$/;
const YAML11_WORDS = /^(y|n|yes|no|on|off|true|false|null)$/i;
/**
 * An exponent with no mantissa (`E0`, `e-38`): go-yaml reads a string, but the `yaml` package's
 * YAML 1.1 schema (cdk8s's reader, many tools) reads a number or null. Quoted for every reader.
 */
const BARE_EXPONENT = /^[eE][-+]?[0-9]/;
/** Characters a double-quoted scalar must escape (and that bar a literal block). */
 
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
 
const NEEDS_ESCAPE_GLOBAL = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;
/** What bars a literal block: anything but printable text, tabs and line feeds. */
 
const NOT_LITERAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0' };

function escapeChar(c: string): string {
  return SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** A string as one YAML scalar token (plain or double-quoted), for keys and one-line values. */
export function yamlScalar(s: string): string {
  if (PLAIN.test(s) && s[s.length - 1] !== ' ' && !YAML11_WORDS.test(s) && !BARE_EXPONENT.test(s)) return s;
  return `"${NEEDS_ESCAPE.test(s) ? s.replace(NEEDS_ESCAPE_GLOBAL, escapeChar) : s}"`;
}

/**
 * True when `s` is best written as a literal block: several lines of printable text. Lines that
 * end in a space are left to double quotes (editors and hooks strip them), and so is a first line
 * that starts with a space inside a list (its indentation indicator would be ambiguous to read).
 */
function isLiteral(s: string, inList: boolean): boolean {
  if (!s.includes('\n') || NOT_LITERAL.test(s) || / \n| $|^\n*$/.test(s)) return false;
  return !(inList && firstTextLine(s).startsWith(' '));
}

const firstTextLine = (s: string) => s.split('\n').find(l => l.length > 0) ?? '';

/**
 * A multi-line string as a literal block, its content two spaces deeper than its key: `|` keeps
 * one final line break, `|-` none, `|+` all; `2` says the depth when the first line starts with
 * spaces (the reader would take them for indentation otherwise).
 */
function literal(s: string, indent: string): string {
  const trailing = /\n*$/.exec(s)![0].length;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? s : s.slice(0, s.length - 1);
  const indicator = firstTextLine(body).startsWith(' ') ? '2' : '';
  const lines = body.split('\n').map(l => (l.length > 0 ? indent + l : ''));
  return `|${indicator}${chomp}\n${lines.join('\n')}`;
}

function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'string') return yamlScalar(value);
  return undefined;
}

/** Appends `value` (after a `key:` or `-` already written) to `out`, at `indent` for nested lines. */
function emit(value: unknown, indent: string, out: string[], inList = false): void {
  const s = scalar(value);
  if (s !== undefined) {
    if (typeof value === 'string' && isLiteral(value, inList)) out.push(` ${literal(value, `${indent}  `)}\n`);
    else out.push(` ${s}\n`);
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(' []\n');
      return;
    }
    out.push('\n');
    emitSequence(value, `${indent}  `, out);
    return;
  }
  const keys = Object.keys(value as object);
  if (keys.length === 0) {
    out.push(' {}\n');
    return;
  }
  out.push('\n');
  emitMapping(value as Record<string, unknown>, keys, `${indent}  `, out);
}

/** YAML allows implicit keys of at most 1024 characters; longer ones are written `? key`. */
const MAX_IMPLICIT_KEY = 1000;

function emitMapping(map: Record<string, unknown>, keys: string[], indent: string, out: string[], firstPrefix = indent): void {
  let prefix = firstPrefix;
  for (const key of keys) {
    const v = map[key];
    if (v === undefined) continue;
    const k = yamlScalar(key);
    out.push(k.length > MAX_IMPLICIT_KEY ? `${prefix}? ${k}\n${indent}:` : `${prefix}${k}:`);
    emit(v, indent, out);
    prefix = indent;
  }
}

function emitSequence(list: readonly unknown[], indent: string, out: string[]): void {
  for (const item of list) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
      // `- key: value` with the item's other keys aligned under the first.
      const keys = Object.keys(item);
      emitMapping(item as Record<string, unknown>, keys, `${indent}  `, out, `${indent}- `);
    } else {
      out.push(`${indent}-`);
      emit(item, indent, out, true);
    }
  }
}

/** One YAML document for a JSON value (an object, as manifests are). */
export function yamlDocument(value: unknown): string {
  const s = scalar(value);
  if (s !== undefined) return `${s}\n`;
  const out: string[] = [];
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]\n';
    emitSequence(value, '', out);
  } else {
    const keys = Object.keys(value as object);
    if (keys.length === 0) return '{}\n';
    emitMapping(value as Record<string, unknown>, keys, '', out);
  }
  return out.join('');
}
