/** Reads manifests from text, files and folders (YAML multi-document, as kubectl does, or JSON). */
import * as fs from 'fs';
import * as path from 'path';
import { PlanInputError, PlanManifest } from '../plan/types';
import { parseYamlDocuments } from '../support/yaml';
import { YAML_LIMITS } from '../support/yaml-reader';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Kustomize's own files sit beside manifests in GitOps folders; they are not objects. */
function isKustomizeFile(doc: Record<string, unknown>): boolean {
  return typeof doc.apiVersion === 'string' && doc.apiVersion.startsWith('kustomize.config.k8s.io/');
}

function checkObject(doc: unknown, where: string): PlanManifest {
  const metadata = isRecord(doc) ? doc.metadata : undefined;
  if (
    !isRecord(doc) ||
    typeof doc.apiVersion !== 'string' ||
    typeof doc.kind !== 'string' ||
    !isRecord(metadata) ||
    typeof metadata.name !== 'string'
  ) {
    throw new PlanInputError(`${where}: not a Kubernetes object (apiVersion, kind and metadata.name are required)`);
  }
  return doc as PlanManifest;
}

/** Flattens `kind: List` (what `kubectl get -o yaml` writes) and drops empty documents. */
function objectsOf(doc: unknown, where: string): PlanManifest[] {
  if (doc === null || doc === undefined) return [];
  if (isRecord(doc) && isKustomizeFile(doc)) return [];
  if (isRecord(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) {
    return doc.items.map((item, i) => checkObject(item, `${where} item ${i}`));
  }
  return [checkObject(doc, where)];
}

/** JSON nests as deep as its text; the plan's comparison recurses, so JSON gets the YAML reader's depth limit. */
function checkDepth(doc: unknown, source: string): void {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: doc, depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > YAML_LIMITS.maxDepth) throw new PlanInputError(`${source}: invalid JSON: nested more than ${YAML_LIMITS.maxDepth} levels deep`);
    for (const value of Object.values(next.value)) stack.push({ value, depth: next.depth + 1 });
  }
}

/**
 * Parses manifests from one file's text. `source` names the file in errors. YAML is read as
 * kubectl reads it (go-yaml v2: `yes` is a boolean, `0644` and `0o17` numbers; see
 * support/yaml-reader.ts); `.json` files as JSON.
 */
export function parseManifests(text: string, source: string): PlanManifest[] {
  if (/\.json$/i.test(source)) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      throw new PlanInputError(`${source}: invalid JSON: ${(e as Error).message}`);
    }
    checkDepth(doc, source);
    return objectsOf(doc, source);
  }
  const docs = parseYamlDocuments(text);
  const out: PlanManifest[] = [];
  docs.forEach((doc, i) => {
    const where = docs.length > 1 ? `${source} (document ${i + 1})` : source;
    if (doc.error !== undefined) throw new PlanInputError(`${where}: invalid YAML: ${doc.error}`);
    out.push(...objectsOf(doc.value, where));
  });
  return out;
}

const MiB = 1024 * 1024;

function sizeText(bytes: number): string {
  if (bytes % MiB === 0) return `${bytes / MiB} MiB`;
  return bytes >= MiB / 10 ? `${(bytes / MiB).toFixed(1)} MiB` : `${bytes} bytes`;
}

/** A value for `--max-file-size` / `--max-input-size` that admits `bytes`. */
function flagValue(bytes: number): string {
  return `${Math.ceil(bytes / MiB)}MiB`;
}

/** The limits of a `ReadBudget`. */
export interface ReadBudgetOptions {
  /**
   * Largest manifest file read, in bytes, checked before the file is read. YAML files are read up
   * to the YAML reader's own limit (64 MiB) whatever this says; JSON files up to this.
   * @default 67108864 (64 MiB)
   */
  readonly maxFileBytes?: number;
  /**
   * Most bytes read in total by every read that shares the budget (the CLI shares one between
   * both sides of a plan). A side is checked as a whole before any of its files is read.
   * @default 268435456 (256 MiB; a 1000-cluster fleet is about 20 MiB)
   */
  readonly maxTotalBytes?: number;
}

/**
 * The size limits of the manifest readers, per file and in total. Share one between the reads of
 * one run, so the total counts them all; a file or a side over a limit is refused before it is
 * read, with an error that names it, its size, the limit and the flag that raises it.
 */
export class ReadBudget {
  /** See `ReadBudgetOptions.maxFileBytes`. */
  readonly maxFileBytes: number;
  /** See `ReadBudgetOptions.maxTotalBytes`. */
  readonly maxTotalBytes: number;
  private taken = 0;

  constructor(options: ReadBudgetOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? YAML_LIMITS.maxBytes;
    this.maxTotalBytes = options.maxTotalBytes ?? 256 * MiB;
  }

  /** Bytes taken so far. */
  get bytesRead(): number {
    return this.taken;
  }

  /** The largest `source` may be: YAML files are bounded by the YAML reader too. */
  fileLimit(source: string): number {
    return /\.json$/i.test(source) ? this.maxFileBytes : Math.min(this.maxFileBytes, YAML_LIMITS.maxBytes);
  }

  /** Throws when `source` (`bytes` long, or longer when `atLeast`) is over the limit per file. */
  checkFile(source: string, bytes: number, atLeast = false): void {
    const limit = this.fileLimit(source);
    if (bytes <= limit) return;
    const size = `${atLeast ? 'more than ' : ''}${sizeText(atLeast ? limit : bytes)}`;
    if (limit < this.maxFileBytes) {
      throw new PlanInputError(`${source} is ${size}: YAML files are read up to ${sizeText(limit)} (the YAML reader's limit); split it into smaller files, or write it as JSON`);
    }
    throw new PlanInputError(`${source} is ${size}, over the limit of ${sizeText(limit)} per file: raise it with --max-file-size ${flagValue(bytes)}`);
  }

  /** Counts `bytes` of `what` (`files` files) against the total; throws, reading nothing, when it would go over. */
  take(what: string, bytes: number, files: number): void {
    if (this.taken + bytes > this.maxTotalBytes) {
      const before = this.taken ? ` (${sizeText(this.taken)} read before it)` : '';
      throw new PlanInputError(
        `${what} holds ${sizeText(bytes)} of manifests in ${files} file${files === 1 ? '' : 's'}, over the limit of ${sizeText(this.maxTotalBytes)} for all input${before}: raise it with --max-input-size ${flagValue(this.taken + bytes)}`,
      );
    }
    this.taken += bytes;
  }
}

interface ManifestFile {
  readonly path: string;
  /** From stat; undefined for a pipe or device (`<(cmd)`), whose size is known once read. */
  readonly bytes?: number;
}

function cannot(what: string, e: unknown): PlanInputError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ELOOP') return new PlanInputError(`${what}: symbolic links loop (too many levels of links)`);
  return new PlanInputError(`${what}: cannot read: ${err.message}`);
}

/** stat, following links; a dangling link is an error, since what it pointed to would silently be missing. */
function statFollowing(file: string): fs.Stats {
  try {
    return fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) {
      throw new PlanInputError(`${file}: symbolic link to ${fs.readlinkSync(file)}, which does not exist`);
    }
    throw cannot(file, e);
  }
}

/**
 * Every `.yaml`, `.yml` and `.json` file below `dir`, sorted by path, hidden names skipped.
 * Symbolic links to files and folders are followed; each real folder and file is read once, so a
 * link to a folder read by another path adds nothing and a link to a folder above it (a loop)
 * ends there: what it leads to is read through its real path already.
 */
function listFiles(dir: string): ManifestFile[] {
  const seen = new Set<string>();
  const firstTime = (p: string): boolean => {
    const real = fs.realpathSync.native(p);
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const out: ManifestFile[] = [];
  const walk = (folder: string): void => {
    if (!firstTime(folder)) return;
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch (e) {
      throw cannot(folder, e);
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const full = path.join(folder, name);
      const stat = statFollowing(full);
      if (stat.isDirectory()) walk(full);
      else if (!MANIFEST_FILE.test(name)) continue;
      // A FIFO or device named like a manifest would block the read or never end.
      else if (!stat.isFile()) throw new PlanInputError(`${full}: not a regular file`);
      else if (firstTime(full)) out.push({ path: full, bytes: stat.size });
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The file's bytes, at most `limit + 1` of them (so a pipe or a file that grew cannot exhaust memory). */
function readCapped(file: string, limit: number, size = 0): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw cannot(file, e);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(size + 1, 64 * 1024), limit + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limit) break;
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw cannot(file, e);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a manifest file, or every manifest file below a folder (symbolic links followed, see
 * `ReadBudget` for the size limits; pass one budget to every read of a run).
 */
export function readManifestPath(target: string, budget = new ReadBudget()): PlanManifest[] {
  return readTextFiles(target, budget).flatMap((file) => parseManifests(file.content, file.path));
}

/** One file's path (the target joined with its path below the target) and text. */
export interface TextFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The text of a `.yaml`, `.yml` or `.json` file, or of every such file below a folder, sorted by
 * path, with the same links policy and size limits as readManifestPath (which reads through it).
 */
export function readTextFiles(target: string, budget = new ReadBudget()): TextFile[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new PlanInputError(`${target}: no such file or folder`);
  }
  const files: ManifestFile[] = stat.isDirectory() ? listFiles(target) : [{ path: target, bytes: stat.isFile() ? stat.size : undefined }];
  let total = 0;
  for (const file of files) {
    if (file.bytes === undefined) continue;
    budget.checkFile(file.path, file.bytes);
    total += file.bytes;
  }
  budget.take(target, total, files.length);
  return files.map((file) => ({ path: file.path, content: readFile(file, budget).toString('utf8') }));
}

/** A listed file's bytes: as many as stat said, or for a pipe as many as the limits allow. */
function readFile(file: ManifestFile, budget: ReadBudget): Buffer {
  if (file.bytes !== undefined) {
    const bytes = readCapped(file.path, file.bytes, file.bytes);
    if (bytes.length > file.bytes) throw new PlanInputError(`${file.path}: grew while being read`);
    return bytes;
  }
  const limit = Math.min(budget.fileLimit(file.path), budget.maxTotalBytes - budget.bytesRead);
  const bytes = readCapped(file.path, limit);
  budget.checkFile(file.path, bytes.length, bytes.length > limit);
  budget.take(file.path, bytes.length, 1);
  return bytes;
}

export { MANIFEST_FILE };
