/** Fixture helpers: the realistic AWS cluster of test/fixtures/plan/before and edits of it. */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readManifestPath } from '../../lib/io/files';
import { PlanManifest } from '../../lib/plan/types';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plan');

/** A fresh deep copy of the base cluster `fleet/prod`. */
export function base(): PlanManifest[] {
  return readManifestPath(path.join(FIXTURES, 'before'));
}

type Mutable = Record<string, any>;  

/** A copy of `manifests` where `edit` changed the object `kind/name` (which must exist). */
export function edit(manifests: PlanManifest[], kind: string, name: string, change: (m: Mutable) => void): PlanManifest[] {
  let found = false;
  const out = manifests.map((m) => {
    if (m.kind !== kind || m.metadata.name !== name) return m;
    found = true;
    const copy = structuredClone(m) as Mutable;
    change(copy);
    return copy as PlanManifest;
  });
  if (!found) throw new Error(`fixture has no ${kind}/${name}`);
  return out;
}

/** A copy of `manifests` without the objects `kind/name`. */
export function without(manifests: PlanManifest[], kind: string, name?: string): PlanManifest[] {
  return manifests.filter((m) => !(m.kind === kind && (name === undefined || m.metadata.name === name)));
}

/** Renames a template and repoints its referrer, as the core does when a template's spec changes. */
export function rotate(
  manifests: PlanManifest[],
  kind: string,
  from: string,
  to: string,
  change: (m: Mutable) => void = () => undefined,
): PlanManifest[] {
  const renamed = edit(manifests, kind, from, (m) => {
    m.metadata.name = to;
    change(m);
  });
  return renamed.map((m) => {
    const text = JSON.stringify(m);
    return text.includes(`"name":"${from}"`) ? (JSON.parse(text.split(`"name":"${from}"`).join(`"name":"${to}"`)) as PlanManifest) : m;
  });
}

export function get(manifests: PlanManifest[], kind: string, name: string): Mutable {
  const m = manifests.find((x) => x.kind === kind && x.metadata.name === name);
  if (!m) throw new Error(`fixture has no ${kind}/${name}`);
  return m as Mutable;
}

/** A temporary repository with the base fixture committed under deploy/dist/prod.yaml. */
export function tempRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-git-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'plan@test');
  git('config', 'user.name', 'plan test');
  fs.mkdirSync(path.join(dir, 'deploy', 'dist'), { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, 'before', 'prod.yaml'), path.join(dir, 'deploy', 'dist', 'prod.yaml'));
  fs.writeFileSync(path.join(dir, 'deploy', 'dist', 'notes.txt'), 'not a manifest');
  git('add', '.');
  git('commit', '-q', '-m', 'synth');
  return dir;
}
