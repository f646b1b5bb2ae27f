/** Fixture helpers: the realistic AWS cluster of test/fixtures/plan/before and edits of it. */
import * as path from 'path';
import { readManifestPath } from '../../lib/plan/read';
import { PlanManifest } from '../../lib/plan/types';

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'plan');

/** A fresh deep copy of the base cluster `fleet/prod`. */
export function base(): PlanManifest[] {
  return readManifestPath(path.join(FIXTURES, 'before'));
}

type Mutable = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

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
