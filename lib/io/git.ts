/**
 * Reads the manifests of a file or folder as they were at a git revision, in a few git calls
 * whatever the number of files: `ls-tree -r -l` lists the blobs with their sizes (checked against
 * the limits before anything is read), one `cat-file --batch` reads them all.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PlanInputError, PlanManifest } from '../plan/types';
import { MANIFEST_FILE, parseManifests, ReadBudget, TextFile } from './files';

/** Largest `ls-tree` listing read (about 500,000 files). */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;
const SYMLINK_MODE = '120000';

function git(args: string[], cwd: string, input = '', maxBuffer = MAX_LISTING_BYTES): Buffer {
  // Paths are paths, never patterns (a folder may be called `*`).
  return execFileSync('git', ['--literal-pathspecs', ...args], { cwd, input, maxBuffer, stdio: ['pipe', 'pipe', 'pipe'] });
}

function gitError(e: unknown): string {
  const err = e as { stderr?: Buffer; message: string; code?: string };
  if (err.code === 'ENOBUFS') return 'the output of git is larger than expected';
  return (err.stderr?.toString('utf8') || err.message).trim().split('\n')[0];
}

interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly oid: string;
  readonly size: number;
  /** From the top of the repository. */
  readonly path: string;
}

/** `git ls-tree -r -z -l --full-tree REV -- PATHS`: every blob below the paths, with its size. */
function listTree(rev: string, paths: string[], top: string): TreeEntry[] {
  let out: Buffer;
  try {
    out = git(['ls-tree', '-r', '-z', '-l', '--full-tree', rev, '--', ...paths.filter((p) => p !== '')], top);
  } catch (e) {
    throw new PlanInputError(`git: cannot list ${paths.join(', ') || '.'} at ${rev}: ${gitError(e)}`);
  }
  return out
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, type, oid, size] = line.slice(0, tab).split(/ +/);
      return { mode, type, oid, size: Number(size), path: line.slice(tab + 1) };
    });
}

/** The contents of `oids`, in order, from one `git cat-file --batch` (`<oid> blob <size>\n<bytes>\n` each). */
function readBlobs(oids: string[], bytes: number, top: string): Buffer[] {
  if (oids.length === 0) return [];
  let out: Buffer;
  try {
    out = git(['cat-file', '--batch'], top, `${oids.join('\n')}\n`, bytes + oids.length * 128 + 1024);
  } catch (e) {
    throw new PlanInputError(`git: cannot read ${oids.length} files: ${gitError(e)}`);
  }
  const blobs: Buffer[] = [];
  let at = 0;
  for (const oid of oids) {
    const eol = out.indexOf(0x0a, at);
    const header = out.subarray(at, eol).toString('utf8').split(' ');
    if (header[0] !== oid || header.length !== 3) throw new PlanInputError(`git: cannot read ${oid}: ${header.join(' ')}`);
    const size = Number(header[2]);
    blobs.push(out.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return blobs;
}

/** The top of the work tree holding `absolute`, and `absolute` from it (posix, '' for the top). */
function locate(absolute: string, target: string): { top: string; repoPath: string } {
  let start = absolute;
  while (!fs.statSync(start, { throwIfNoEntry: false })?.isDirectory()) start = path.dirname(start);
  let top: string;
  let prefix: string;
  try {
    [top, prefix = ''] = git(['rev-parse', '--show-toplevel', '--show-prefix'], start).toString('utf8').split('\n');
  } catch (e) {
    throw new PlanInputError(`git: ${target} is not inside a git work tree (${gitError(e)})`);
  }
  const rest = path.relative(start, absolute).split(path.sep).filter(Boolean);
  return { top, repoPath: path.posix.join(prefix, ...rest).replace(/^\.$|\/$/, '') };
}

interface Listed {
  /** Where the entries are shown: below the path asked for, through any links. */
  readonly shown: string;
  /** Where they are in the tree. */
  readonly real: string;
  /** The target of the symbolic link (at `shown`) that led here, for errors. */
  readonly linkTo?: string;
}

const isHidden = (relative: string) => relative.split('/').some((part) => part.startsWith('.'));
const below = (entry: string, folder: string) => folder === '' || entry === folder || entry.startsWith(`${folder}/`);

/**
 * The manifests at `rev` of `target`, a file or folder (absolute, or relative to `cwd`) in the
 * git work tree that holds it; any subfolder works. Symbolic links inside the repository are
 * followed as the file reader follows them (each real file read once); a link out of the
 * repository is an error, as git does not hold what it points to. Files are checked against
 * `budget` before anything is read. Throws `PlanInputError` when `target` is not in a work tree,
 * the revision is unknown or `target` is not tracked at it.
 */
export function readGitManifests(rev: string, target: string, cwd = process.cwd(), budget = new ReadBudget()): PlanManifest[] {
  return readGitTextFiles(rev, target, cwd, budget).flatMap(f => parseManifests(f.content, f.path));
}

/**
 * The `.yaml`, `.yml` and `.json` files at `rev` of `target` (as readGitManifests reads them), as
 * text, each named `REV:path`: what an inventory at a revision is read from.
 */
export function readGitTextFiles(rev: string, target: string, cwd = process.cwd(), budget = new ReadBudget()): TextFile[] {
  const { top, repoPath } = locate(path.resolve(cwd, target), target);
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], top);
  } catch (e) {
    throw new PlanInputError(`git: unknown revision "${rev}" (${gitError(e) || 'not a commit'})`);
  }
  const files: Array<{ shown: string; entry: TreeEntry }> = [];
  const taken = new Set<string>();
  const listed = new Set<string>();
  let pending: Listed[] = [{ shown: repoPath, real: repoPath }];
  while (pending.length > 0) {
    pending.forEach((p) => listed.add(p.real));
    const entries = listTree(rev, pending.map((p) => p.real), top);
    const links: Array<{ shown: string; entry: TreeEntry }> = [];
    for (const p of pending) {
      const mine = entries.filter((e) => below(e.path, p.real));
      if (mine.length === 0) {
        throw new PlanInputError(p.linkTo !== undefined ? `git: ${rev}:${p.shown} is a symbolic link to ${p.linkTo}, which is not tracked at ${rev}` : `git: ${target} is not tracked at ${rev}`);
      }
      for (const entry of mine) {
        const relative = entry.path.slice(p.real.length).replace(/^\//, '');
        const shown = path.posix.join(p.shown, relative);
        if (isHidden(relative) || entry.type !== 'blob') continue;
        if (entry.mode === SYMLINK_MODE) links.push({ shown, entry });
        else if (MANIFEST_FILE.test(path.posix.basename(shown)) && !taken.has(entry.path)) {
          taken.add(entry.path);
          files.push({ shown, entry });
        }
      }
    }
    const targets = readBlobs(links.map((l) => l.entry.oid), links.reduce((n, l) => n + l.entry.size, 0), top);
    pending = [];
    links.forEach(({ shown, entry }, i) => {
      const to = targets[i].toString('utf8');
      const real = path.posix.normalize(path.posix.join(path.posix.dirname(entry.path), to)).replace(/^\.$|\/$/, '');
      if (path.posix.isAbsolute(to) || real === '..' || real.startsWith('../')) {
        throw new PlanInputError(`git: ${rev}:${shown} is a symbolic link to ${to}, outside the repository: git does not hold it at ${rev}`);
      }
      if (!listed.has(real)) pending.push({ shown, real, linkTo: to });
    });
  }
  files.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
  let total = 0;
  for (const { shown, entry } of files) {
    budget.checkFile(`${rev}:${shown}`, entry.size);
    total += entry.size;
  }
  budget.take(`${rev}:${repoPath || '.'}`, total, files.length);
  const blobs = readBlobs(files.map((f) => f.entry.oid), total, top);
  return files.map(({ shown }, i) => ({ path: `${rev}:${shown}`, content: blobs[i].toString('utf8') }));
}
