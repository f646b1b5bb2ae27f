/**
 * The fast path of the YAML reader: block-style YAML as the library's writer (yaml-writer.ts),
 * kubectl and most hand-written manifests spell it — block maps and lists (indented or not),
 * plain, single- and double-quoted one-line scalars, literal block scalars (`|`, `|-`, `|+`, with
 * an indentation indicator), `{}` and `[]`, full-line comments and `---` between documents.
 *
 * It gives up (returns undefined) at the first thing it does not read with certainty: flow
 * collections, anchors, aliases, tags, merges, folded or multi-line scalars, comments after a
 * value, tabs or carriage returns outside block scalars, duplicate or null keys, values the
 * limits refuse, empty documents. The full reader (yaml-reader.ts) then reads the whole text,
 * so every value and every error is the full reader's: `test/support/yaml-block-reader.test.ts`
 * checks that both give the same on the corpus, on random documents and on mutated ones.
 */
import { keyText, resolvePlain, YAML_LIMITS } from './yaml-scalars';

/** Thrown to give up; never leaves this file. */
const UNSURE = new Error('not read by the block reader');

const SPACE = 32;
/**
 * Depth is counted as the full reader counts it, and kept a margin below its limit: whatever the
 * fast path reads, the full reader would not refuse as too deep.
 */
const MAX_DEPTH = YAML_LIMITS.maxDepth - 10;
/** The ASCII characters `re` matches, as a table (the scanning loops below run once per character of a file). */
function table(re: RegExp): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  return t;
}
/** Plain keys this reader takes, first and other characters; at most 1000 of them (the full reader's implicit-key limit is 1024). */
const KEY_FIRST = table(/[A-Za-z0-9_./$]/);
const KEY_REST = table(/[A-Za-z0-9 _./$@~+=,()%-]/);
const MAX_KEY = 1000;
/** First characters of a plain value this reader takes (indicators, quotes and flow excluded; `-` when a non-space follows). */
const VALUE_FIRST = table(/[A-Za-z0-9_./$~(+]/);
const HEX = /^[0-9a-fA-F]+$/;
/** Double-quoted escapes with one character, as the `yaml` package reads them (tab excluded: tabs give up). */
const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

class BlockReader {
  private i = 0;
  private nodes = 0;

  /**
   * `lines` of one document; `endsWithBreak` says whether its last line has a line break, `tabs`
   * whether the text holds a tab at all (then every structural line is checked for one).
   */
  constructor(private readonly lines: string[], private readonly endsWithBreak: boolean, private readonly tabs: boolean) {}

  read(): unknown {
    const first = this.nextContent();
    if (first < 0) throw UNSURE;
    const value = this.block(indentOf(this.lines[first]), 0);
    if (this.nextContent() >= 0) throw UNSURE;
    return value;
  }

  /** The index of the next line that is neither blank nor a comment (moves past the others), or -1. */
  private nextContent(): number {
    const { lines } = this;
    for (; this.i < lines.length; this.i++) {
      const line = lines[this.i];
      const indent = indentOf(line);
      if (indent === line.length || line.charCodeAt(indent) === 35 /* # */) continue;
      return this.i;
    }
    return -1;
  }

  private count(depth: number): void {
    if (++this.nodes > YAML_LIMITS.maxNodes || depth > MAX_DEPTH) throw UNSURE;
  }

  /** A map or list whose first line (the current one) starts at `indent`. */
  private block(indent: number, depth: number): unknown {
    return isItem(this.lines[this.i], indent) ? this.list(indent, depth) : this.map(indent, depth);
  }

  /** A block map whose keys are at `column` (the first one on the current line, maybe after a list's `- `). */
  private map(column: number, depth: number): Record<string, unknown> {
    this.count(depth);
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = this.lines[this.i];
      if (this.tabs && line.includes('\t')) throw UNSURE;
      const { key, end } = keyAt(line, column);
      if (line.charCodeAt(end) !== 58 /* : */ || (end + 1 < line.length && line.charCodeAt(end + 1) !== SPACE)) throw UNSURE;
      if (Object.prototype.hasOwnProperty.call(out, key)) throw UNSURE;
      this.count(depth + 1);
      setKey(out, key, this.valueAfter(line, end + 1, column, depth + 1, true));
      const next = this.nextContent();
      if (next < 0) return out;
      const indent = indentOf(this.lines[next]);
      if (indent < column) return out;
      if (indent > column || isItem(this.lines[next], indent)) throw UNSURE;
    }
  }

  /** A block list whose dashes are at `indent`. */
  private list(indent: number, depth: number): unknown[] {
    this.count(depth);
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[this.i];
      if (this.tabs && line.includes('\t')) throw UNSURE;
      let col = indent + 1;
      while (line.charCodeAt(col) === SPACE) col++;
      if (col >= line.length) {
        out.push(this.valueAfter(line, col, indent, depth + 1, false));
      } else if (isItem(line, col) || line.charCodeAt(col) === 63 /* ? */) {
        throw UNSURE;
      } else if (startsEntry(line, col)) {
        out.push(this.map(col, depth + 1));
      } else {
        out.push(this.valueAfter(line, col, indent, depth + 1, false));
      }
      // Every kind of item leaves the cursor after its last line.
      const next = this.nextContent();
      if (next < 0) return out;
      const nextLine = this.lines[next];
      const nextIndent = indentOf(nextLine);
      if (nextIndent < indent) return out;
      if (nextIndent !== indent) throw UNSURE;
      if (!isItem(nextLine, indent)) return out;
    }
  }

  /**
   * The value after `key:` or `-` (at `from` on the current line), whose parent starts at
   * column `parent`. Leaves the cursor after the value's last line.
   */
  private valueAfter(line: string, from: number, parent: number, depth: number, inMap: boolean): unknown {
    let col = from;
    while (line.charCodeAt(col) === SPACE) col++;
    if (col >= line.length) {
      this.i++;
      const next = this.nextContent();
      const indent = next < 0 ? -1 : indentOf(this.lines[next]);
      if (next >= 0 && indent > parent) return this.block(indent, depth);
      // A list under a key may start at the key's own column (kubectl writes it so).
      if (inMap && indent === parent && isItem(this.lines[next], indent)) return this.list(indent, depth);
      this.count(depth);
      return null;
    }
    this.count(depth);
    const c = line.charCodeAt(col);
    let value: unknown;
    let end: number;
    if (c === 34 || c === 39) {
      const quoted = c === 34 ? doubleQuoted(line, col) : singleQuoted(line, col);
      value = quoted.value;
      end = quoted.end;
    } else if (c === 124 /* | */) {
      return this.literal(line, col, parent);
    } else if (line.startsWith('{}', col) || line.startsWith('[]', col)) {
      value = c === 123 ? {} : [];
      end = col + 2;
    } else {
      value = resolvePlain(plainValue(line, col));
      end = line.length;
    }
    for (let k = end; k < line.length; k++) if (line.charCodeAt(k) !== SPACE) throw UNSURE;
    this.i++;
    return value;
  }

  /** A literal block scalar whose header (`|`, `|-`, `|+`, `|2`...) is at `col`; leaves the cursor after it. */
  private literal(line: string, col: number, parent: number): string {
    const header = /^\|([1-9]?)([-+]?)([1-9]?) *$/.exec(line.slice(col));
    if (!header || (header[1] && header[3])) throw UNSURE;
    const explicit = Number(header[1] || header[3] || 0);
    const chomp = header[2];
    const { lines } = this;
    let indent = explicit ? parent + explicit : -1;
    const body: string[] = [];
    let k = this.i + 1;
    for (; k < lines.length; k++) {
      const text = lines[k];
      const spaces = indentOf(text);
      if (spaces === text.length) {
        // An empty line; one with more spaces than the content's indentation is content, left to the full reader.
        if (spaces > 0 && (indent < 0 || spaces > indent)) throw UNSURE;
        body.push('');
        continue;
      }
      if (indent < 0) {
        if (spaces <= parent) throw UNSURE;
        indent = spaces;
      }
      if (spaces < indent) break;
      body.push(text.slice(indent));
    }
    let trailing = 0;
    while (trailing < body.length && body[body.length - 1 - trailing] === '') trailing++;
    const content = body.length - trailing;
    if (content === 0) throw UNSURE;
    // The scalar's end must be plain: the end of a document with its line break, or a line of the parent structure.
    if (k === lines.length ? !this.endsWithBreak : lines[k].charCodeAt(indentOf(lines[k])) === 35) throw UNSURE;
    const text = body.slice(0, content).join('\n');
    this.i = k;
    return chomp === '-' ? text : chomp === '+' ? `${text}\n${'\n'.repeat(trailing)}` : `${text}\n`;
  }
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === SPACE) n++;
  return n;
}

/**
 * The plain scalar from `col` to the end of the line, without its trailing spaces. Gives up
 * where the full reader would see more than a scalar: an indicator first, `: ` or a final `:`
 * (a key), ` #` (a comment).
 */
function plainValue(line: string, col: number): string {
  const first = line.charCodeAt(col);
  if (first === 45 /* - */ ? col + 1 === line.length || line.charCodeAt(col + 1) === SPACE : !(first < 128 && VALUE_FIRST[first])) throw UNSURE;
  let last = col;
  for (let k = col; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c === SPACE) continue;
    if ((c === 58 /* : */ && (k + 1 === line.length || line.charCodeAt(k + 1) === SPACE)) || (c === 35 /* # */ && line.charCodeAt(k - 1) === SPACE)) throw UNSURE;
    last = k;
  }
  return line.slice(col, last + 1);
}

/** The end of the plain key at `col`, or -1 when none starts there (or it is longer than the limit). */
function plainKeyEnd(line: string, col: number): number {
  const first = line.charCodeAt(col);
  if (!(first < 128 && KEY_FIRST[first])) return -1;
  let k = col + 1;
  for (; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (!(c < 128 && KEY_REST[c])) break;
  }
  return k - col > MAX_KEY ? -1 : k;
}

/** `-` at `col`, followed by a space or the end of the line. */
function isItem(line: string, col: number): boolean {
  return line.charCodeAt(col) === 45 && (col + 1 === line.length || line.charCodeAt(col + 1) === SPACE);
}

/** True when the text at `col` is `key:` followed by a space or the end of the line (a compact map in a list item). */
function startsEntry(line: string, col: number): boolean {
  const c = line.charCodeAt(col);
  let end: number;
  if (c === 34 || c === 39) {
    end = (c === 34 ? doubleQuoted(line, col) : singleQuoted(line, col)).end;
  } else {
    end = plainKeyEnd(line, col);
    if (end < 0) return false;
  }
  return line.charCodeAt(end) === 58 && (end + 1 === line.length || line.charCodeAt(end + 1) === SPACE);
}

/** The key at `col` (quoted, or plain and resolved as the full reader resolves it) and the index after it. */
function keyAt(line: string, col: number): { key: string; end: number } {
  const c = line.charCodeAt(col);
  if (c === 34 || c === 39) {
    const quoted = c === 34 ? doubleQuoted(line, col) : singleQuoted(line, col);
    if (quoted.end - col > MAX_KEY) throw UNSURE;
    return { key: quoted.value, end: quoted.end };
  }
  const end = plainKeyEnd(line, col);
  if (end < 0) throw UNSURE;
  const text = line.slice(col, end);
  // `a : b` is the key `a`: a key that ends in a space is left to the full reader.
  if (text.charCodeAt(text.length - 1) === SPACE) throw UNSURE;
  const resolved = resolvePlain(text);
  if (resolved === null) throw UNSURE;
  return { key: keyText(resolved, text), end };
}

/** A one-line double-quoted scalar at `col`: its value and the index after the closing quote. */
function doubleQuoted(line: string, col: number): { value: string; end: number } {
  let out = '';
  let k = col + 1;
  let start = k;
  for (; k < line.length; k++) {
    const c = line[k];
    if (c === '"') return { value: out + line.slice(start, k), end: k + 1 };
    if (c === '\\') {
      out += line.slice(start, k);
      const e = line[++k];
      const single = ESCAPES[e];
      if (single !== undefined) {
        out += single;
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const length = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = line.substr(k + 1, length);
        if (hex.length !== length || !HEX.test(hex)) throw UNSURE;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) throw UNSURE;
        out += String.fromCodePoint(code);
        k += length;
      } else {
        throw UNSURE;
      }
      start = k + 1;
    } else if (c === '\t') {
      throw UNSURE;
    }
  }
  throw UNSURE;
}

/** A one-line single-quoted scalar at `col` (`''` is a quote). */
function singleQuoted(line: string, col: number): { value: string; end: number } {
  let out = '';
  let start = col + 1;
  for (let k = start; k < line.length; k++) {
    const c = line[k];
    if (c === '\t') throw UNSURE;
    if (c !== "'") continue;
    if (line[k + 1] === "'") {
      out += line.slice(start, k + 1);
      start = k + 2;
      k++;
      continue;
    }
    return { value: out + line.slice(start, k), end: k + 1 };
  }
  throw UNSURE;
}

/**
 * Every document of `text` (already checked for size and refused characters), or undefined
 * when the full reader must read it.
 */
export function readBlockYaml(text: string): unknown[] | undefined {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff) return undefined;
  const lines = text.split('\n');
  const tabs = text.includes('\t');
  const endsWithBreak = lines[lines.length - 1] === '';
  if (endsWithBreak) lines.pop();
  const docs: unknown[] = [];
  let start = 0;
  try {
    for (let k = 0; k <= lines.length; k++) {
      const line = k < lines.length ? lines[k] : undefined;
      if (line !== undefined) {
        const c = line.charCodeAt(0);
        if (c === 37 /* % */ || ((c === 45 || c === 46) && (line.startsWith('...') || (line.startsWith('---') && line !== '---')))) return undefined;
        if (line !== '---') continue;
      }
      // Text before the first `---` that holds nothing at all is no document; any other empty one is left to the full reader.
      const segment = lines.slice(start, k);
      if (!(start === 0 && line !== undefined && segment.every(l => l === ''))) {
        docs.push(new BlockReader(segment, line !== undefined || endsWithBreak, tabs).read());
      }
      start = k + 1;
    }
  } catch {
    // Unsure, a value the full reader refuses (`.inf`), or a stack too deep: the full reader says which.
    return undefined;
  }
  return docs;
}
