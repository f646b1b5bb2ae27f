import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ReadBudget } from '../../lib/io/files';
import { readGitManifests } from '../../lib/io/git';
import { PlanInputError } from '../../lib/plan/types';
import { FIXTURES, tempRepo } from '../plan/fixtures';

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}\n`;
const names = (manifests: Array<{ metadata: { name: string } }>) => manifests.map((m) => m.metadata.name);

/** Commits `files` (path → content; a `{ link }` is a symbolic link) into `repo`. */
function commit(repo: string, files: Record<string, string | { link: string }>): void {
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(repo, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    if (typeof content === 'string') fs.writeFileSync(full, content);
    else fs.symlinkSync(content.link, full);
  }
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['commit', '-q', '-m', 'more'], { cwd: repo });
}

describe('readGitManifests', () => {
  let repo: string;
  beforeAll(() => {
    repo = tempRepo();
    commit(repo, {
      'deploy/odd/empty.yaml': '',
      'deploy/odd/ünïcode\nname.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: unicode, annotations: {note: "héllo ✓\\nline two"}}\n',
      'deploy/odd/notes.txt': 'not a manifest\n',
      'deploy/odd/.hidden/x.yaml': 'not: [valid',
    });
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  test('reads a folder and a file at a revision, relative to the working folder', () => {
    fs.writeFileSync(path.join(repo, 'deploy', 'dist', 'prod.yaml'), ''); // the working tree differs
    try {
      expect(readGitManifests('HEAD', 'deploy/dist', repo)).toHaveLength(13);
      expect(readGitManifests('main', 'dist/prod.yaml', path.join(repo, 'deploy'))).toHaveLength(13);
      expect(readGitManifests('HEAD', '../deploy/dist/', path.join(repo, 'deploy'))).toHaveLength(13);
    } finally {
      execFileSync('git', ['checkout', '-q', '--', 'deploy/dist'], { cwd: repo });
    }
  });

  test('reads an absolute path from a folder outside the repository, and the top of the repository', () => {
    expect(readGitManifests('HEAD', path.join(repo, 'deploy', 'dist'), os.tmpdir())).toHaveLength(13);
    expect(readGitManifests('HEAD', path.join(repo, 'deploy', 'dist', 'prod.yaml'), path.join(repo, 'deploy', 'odd'))).toHaveLength(13);
    expect(readGitManifests('HEAD', '.', repo)).toHaveLength(14);
  });

  test('reads a path that no longer exists in the working tree', () => {
    fs.rmSync(path.join(repo, 'deploy', 'odd'), { recursive: true });
    try {
      expect(names(readGitManifests('HEAD', path.join(repo, 'deploy', 'odd'), os.tmpdir()))).toEqual(['unicode']);
    } finally {
      execFileSync('git', ['checkout', '-q', '--', 'deploy/odd'], { cwd: repo });
    }
  });

  test('reads contents as UTF-8 bytes: unicode, newlines in names, empty files; other files and hidden folders skipped', () => {
    const [m] = readGitManifests('HEAD', 'deploy/odd', repo);
    expect(m.metadata).toEqual({ name: 'unicode', annotations: { note: 'héllo ✓\nline two' } });
  });

  test('follows symbolic links inside the repository, reading each file once', () => {
    commit(repo, {
      'links/shared/prod/ns.yaml': namespace('linked-prod'),
      'links/shared/staging.yaml': namespace('linked-staging'),
      'links/dist/prod': { link: '../shared/prod' },
      'links/dist/staging.yaml': { link: '../shared/staging.yaml' },
      'links/dist/again': { link: '../shared/prod' },
      'links/dist/up': { link: '..' },
    });
    expect(names(readGitManifests('HEAD', 'links/dist', repo))).toEqual(['linked-prod', 'linked-staging']);
  });

  test('throws when a symbolic link leads out of the repository or nowhere', () => {
    commit(repo, { 'out/dist/prod': { link: '../../../elsewhere' } });
    expect(() => readGitManifests('HEAD', 'out/dist', repo)).toThrow(
      new PlanInputError('git: HEAD:out/dist/prod is a symbolic link to ../../../elsewhere, outside the repository: git does not hold it at HEAD'),
    );
    commit(repo, { 'gone/dist/prod': { link: '../missing' } });
    expect(() => readGitManifests('HEAD', 'gone/dist', repo)).toThrow(
      new PlanInputError('git: HEAD:gone/dist/prod is a symbolic link to ../missing, which is not tracked at HEAD'),
    );
  });

  test('throws when a file or the whole is over the limits (sizes from ls-tree, before reading)', () => {
    const size = fs.statSync(path.join(FIXTURES, 'before', 'prod.yaml')).size;
    expect(() => readGitManifests('HEAD', 'deploy/dist', repo, new ReadBudget({ maxFileBytes: 1024 }))).toThrow(
      new PlanInputError(`HEAD:deploy/dist/prod.yaml is ${size} bytes, over the limit of 1024 bytes per file: raise it with --max-file-size 1MiB`),
    );
    expect(() => readGitManifests('HEAD', 'deploy/dist', repo, new ReadBudget({ maxTotalBytes: 1024 }))).toThrow(
      new PlanInputError(`HEAD:deploy/dist holds ${size} bytes of manifests in 1 file, over the limit of 1024 bytes for all input: raise it with --max-input-size 1MiB`),
    );
  });

  test('throws when the path is not tracked at the revision', () => {
    expect(() => readGitManifests('HEAD', 'deploy/missing', repo)).toThrow(new PlanInputError('git: deploy/missing is not tracked at HEAD'));
  });

  test('throws when the path is outside any git work tree', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-no-git-'));
    try {
      expect(() => readGitManifests('HEAD', outside, repo)).toThrow(new RegExp(`^git: ${outside} is not inside a git work tree`));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  test('throws when the revision is unknown', () => {
    expect(() => readGitManifests('no-such-branch', 'deploy/dist', repo)).toThrow(/^git: unknown revision "no-such-branch"/);
  });
});
