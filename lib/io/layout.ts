/** Writes a GitOps layout (path → content, as fleetLayout returns it) to a folder. */
import * as fs from 'fs';
import * as path from 'path';

/** What writeLayout did. */
export interface WriteLayoutResult {
  /** Files written (relative paths), sorted. */
  readonly written: readonly string[];
  /** Files removed because the layout no longer has them (relative paths), sorted. */
  readonly removed: readonly string[];
}

/**
 * Writes every file of `files` below `dir`, creating folders, and removes the YAML files below
 * each top folder of the layout (one per management cluster) that the layout no longer holds,
 * so a cluster taken out of the fleet disappears from git too. Files outside those top folders
 * and files that are not YAML are never touched. A path that is absolute or leaves `dir` is an
 * error, and nothing is written then.
 */
export function writeLayout(dir: string, files: ReadonlyMap<string, string>): WriteLayoutResult {
  const root = path.resolve(dir);
  for (const rel of files.keys()) {
    const parts = rel.split('/');
    if (path.isAbsolute(rel) || rel.includes('\\') || parts.some(p => p === '' || p === '.' || p === '..')) {
      throw new Error(`layout path ${JSON.stringify(rel)} is not a plain relative path: refusing to write outside ${root}`);
    }
  }
  const tops = new Set([...files.keys()].map(rel => rel.split('/')[0]));
  const removed: string[] = [];
  for (const top of tops) {
    for (const rel of yamlFilesBelow(root, top)) {
      if (files.has(rel)) continue;
      fs.rmSync(path.join(root, rel));
      removed.push(rel);
    }
  }
  for (const [rel, content] of files) {
    const target = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Unchanged files keep their time stamp, so tools watching the folder see only real changes.
    if (fs.existsSync(target) && fs.lstatSync(target).isFile() && fs.readFileSync(target, 'utf8') === content) continue;
    fs.writeFileSync(target, content);
  }
  for (const top of tops) removeEmptyFolders(path.join(root, top));
  return { written: [...files.keys()].sort(), removed: removed.sort() };
}

/** YAML files below `root/rel`, as `/`-separated paths relative to root; symbolic links are not followed. */
function yamlFilesBelow(root: string, rel: string): string[] {
  const full = path.join(root, ...rel.split('/'));
  if (!fs.existsSync(full) || !fs.lstatSync(full).isDirectory()) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap(e => {
    const child = `${rel}/${e.name}`;
    if (e.isDirectory()) return yamlFilesBelow(root, child);
    return e.isFile() && /\.ya?ml$/i.test(e.name) ? [child] : [];
  });
}

function removeEmptyFolders(dir: string): void {
  if (!fs.existsSync(dir) || !fs.lstatSync(dir).isDirectory()) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) removeEmptyFolders(path.join(dir, e.name));
  if (fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
}
