import * as fs from 'fs';
import * as path from 'path';
import { readGitManifests } from '../../lib/io/git';
import { PlanInputError } from '../../lib/plan/types';
import { tempRepo } from '../plan/fixtures';

describe('readGitManifests', () => {
  let repo: string;
  beforeAll(() => {
    repo = tempRepo();
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  test('reads a folder and a file at a revision, relative to the working folder', () => {
    fs.writeFileSync(path.join(repo, 'deploy', 'dist', 'prod.yaml'), ''); // the working tree differs
    expect(readGitManifests('HEAD', 'deploy/dist', repo)).toHaveLength(13);
    expect(readGitManifests('main', 'dist/prod.yaml', path.join(repo, 'deploy'))).toHaveLength(13);
    expect(readGitManifests('HEAD', '../deploy/dist/', path.join(repo, 'deploy'))).toHaveLength(13);
  });

  test('throws when the path is not tracked at the revision', () => {
    expect(() => readGitManifests('HEAD', 'deploy/missing', repo)).toThrow(new PlanInputError('git: deploy/missing is not tracked at HEAD'));
  });

  test('throws when the revision is unknown', () => {
    expect(() => readGitManifests('no-such-branch', 'deploy/dist', repo)).toThrow(/^git: unknown revision "no-such-branch"/);
  });
});
