/** Reads the manifests of a file or folder as they were at a git revision. */
import { execFileSync } from 'child_process';
import { PlanInputError, PlanManifest } from '../plan/types';
import { MANIFEST_FILE, parseManifests } from './files';

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitError(e: unknown): string {
  const stderr = (e as { stderr?: string }).stderr;
  return (stderr || (e as Error).message).trim().split('\n')[0];
}

/**
 * The manifests at `rev:target`; `target` is relative to `cwd` (a path inside a git work tree).
 * Throws `PlanInputError` when the revision is unknown or `target` is not tracked at it.
 */
export function readGitManifests(rev: string, target: string, cwd = process.cwd()): PlanManifest[] {
  const clean = target.replace(/\/+$/, '') || '.';
  const spec = `${rev}:./${clean.replace(/^\.\//, '')}`;
  try {
    git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], cwd);
  } catch (e) {
    throw new PlanInputError(`git: unknown revision "${rev}" (${gitError(e)})`);
  }
  let type: string;
  try {
    type = git(['cat-file', '-t', spec], cwd).trim();
  } catch {
    throw new PlanInputError(`git: ${target} is not tracked at ${rev}`);
  }
  if (type === 'blob') return parseManifests(git(['show', spec], cwd), `${rev}:${clean}`);
  const files = git(['ls-tree', '-r', '-z', '--name-only', rev, '--', clean], cwd)
    .split('\0')
    .filter((f) => f && MANIFEST_FILE.test(f) && !f.split('/').some((part) => part.startsWith('.') && part !== '.' && part !== '..'))
    .sort();
  return files.flatMap((file) => parseManifests(git(['show', `${rev}:./${file}`], cwd), `${rev}:${file}`));
}
