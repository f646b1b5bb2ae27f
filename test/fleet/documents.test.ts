import * as fs from 'fs';
import * as path from 'path';
import { formatFleetIssue, parseInventory, readInventoryPath, renderManagedCluster, resolveInventoryFiles } from '../../lib';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'inventory');
const exampleFiles = () => readInventoryPath(EXAMPLE).map(f => ({ path: path.relative(path.join(EXAMPLE, '..', '..'), f.path), content: f.content }));

test('the example inventory: 20+ clusters over 2 environments, 3 customers, 2 sites, 2 providers, a management cluster per environment; valid and rendered', () => {
  const fleet = resolveInventoryFiles(exampleFiles());
  expect(fleet.issues.map(formatFleetIssue)).toEqual([]);
  expect(fleet.clusters.length).toBeGreaterThanOrEqual(20);
  const distinct = (layer: string) => new Set(fleet.clusters.map(c => c.layers.find(l => l.layer === layer)?.entry)).size;
  expect([distinct('environment'), distinct('customer'), distinct('site'), distinct('provider')]).toEqual([2, 3, 2, 2]);
  expect(fleet.managementClusters.map(m => m.name)).toEqual(['mgmt-prod', 'mgmt-staging']);
  const byEnvironment = new Map(fleet.clusters.map(c => [c.layers[0].entry, c.managementCluster]));
  expect(byEnvironment).toEqual(new Map([['prod', 'mgmt-prod'], ['staging', 'mgmt-staging']]));
  for (const c of fleet.clusters) expect(renderManagedCluster(c.spec).manifests.length).toBeGreaterThan(5);
  // The canary wave runs the next Kubernetes version first.
  const versions = new Set(fleet.clusters.filter(c => c.layers[0].entry === 'prod').map(c => `${c.wave ?? '-'} ${c.spec.version}`));
  expect(versions).toEqual(new Set(['canary v1.35.0', '- v1.34.2']));
});

test('every example file names the editor schema', () => {
  for (const f of readInventoryPath(EXAMPLE)) {
    const first = f.content.split('\n')[0];
    const match = /^# yaml-language-server: \$schema=(.+)$/.exec(first);
    expect(match).not.toBeNull();
    expect(fs.existsSync(path.resolve(path.dirname(f.path), match![1]))).toBe(true);
  }
});

test('one file for all: the same documents in one stream resolve to the same fleet', () => {
  const files = exampleFiles();
  const one = [{ path: 'inventory.yaml', content: files.map(f => f.content).join('\n---\n') }];
  const a = resolveInventoryFiles(files);
  const b = resolveInventoryFiles(one);
  expect(b.issues).toEqual([]);
  expect(b.clusters.map(c => c.spec)).toEqual(a.clusters.map(c => c.spec));
  expect(b.clusters[0].provenance[1].origin.source).toMatch(/^inventory\.yaml \(document \d+\)$/);
});

test('files are read as kubectl reads YAML: an unquoted 1.30 is a number, and the message says to quote it', () => {
  const fleet = resolveInventoryFiles([
    { path: 'inv/envs/prod.yaml', content: 'kind: Layer\nlayer: environment\nname: prod\nspec:\n  version: v1.34.2\n  labels:\n    tier: 1.30\n' },
    { path: 'inv/clusters/a.yaml', content: 'kind: Cluster\nname: a\nlayers: { environment: prod }\nspec:\n  infrastructure: { dev: {} }\n' },
  ]);
  expect(fleet.issues.map(formatFleetIssue)).toEqual([
    'inv/envs/prod.yaml: spec.labels.tier: must be a string, got a number (got 1.3). Fix: write a string; in YAML, put it in quotes: unquoted no, yes, on, off, 0644 or 1.30 read as booleans and numbers',
    'cluster a: (spec): not validated: it belongs to environment prod, whose spec has problems (reported for the entry) (set by environment prod, inv/envs/prod.yaml). Fix: fix the entry',
  ]);
});

test('throws when a document is unreadable, has no known kind, unknown keys, or a second Fleet', () => {
  const { issues } = parseInventory([
    { path: 'a.yaml', content: 'kind: Fleet\nlayers: [environment]\n---\nkind: Fleet\n' },
    { path: 'b.yaml', content: 'kind: Layr\nname: x\n' },
    { path: 'c.yaml', content: 'name: x\n' },
    { path: 'd.yaml', content: 'kind: Cluster\nname: d\nlayrs: {}\n' },
    { path: 'e.yaml', content: 'kind: Cluster\nname: [\n' },
    { path: 'f.yaml', content: '- a\n- b\n' },
    { path: 'g.yaml', content: 'kind: Cluster\nname: g\nname: h\n' },
  ]);
  expect(issues.map(formatFleetIssue)).toEqual([
    'a.yaml (document 2): (document): a second Fleet document (the first is in a.yaml (document 1)). Fix: keep one Fleet document per inventory',
    'b.yaml: kind: unknown kind: did you mean "Layer"? (got "Layr"; allowed: Fleet, ManagementCluster, Layer, Cluster). Fix: write kind: Layer',
    'c.yaml: kind: every inventory document names its kind (allowed: Fleet, ManagementCluster, Layer, Cluster). Fix: add kind: Fleet, ManagementCluster, Layer or Cluster',
    'd.yaml: layrs: unknown property: did you mean "layers"? (allowed: kind, name, layers, wave, managementCluster, sharedNetwork, spec, description). Fix: rename it to layers',
    expect.stringMatching(/^e\.yaml: \(file\): invalid YAML: /),
    'f.yaml: (document): an inventory document must be a mapping with a kind (allowed: Fleet, ManagementCluster, Layer, Cluster)',
    'g.yaml: (file): invalid YAML: duplicate key "name" at (top). Fix: fix the YAML',
  ]);
});

// The reader's own limits (alias bombs, depth, size) are tested in test/support/yaml-reader.test.ts.
test('a __proto__ key in a file is data that the shape check refuses, never a prototype', () => {
  const fleet = resolveInventoryFiles([{ path: 'p.yaml', content: 'kind: Cluster\nname: p\nspec:\n  __proto__: { polluted: 1 }\n' }]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(fleet.issues.map(formatFleetIssue)).toEqual([expect.stringMatching(/^cluster p: spec\.__proto__: unknown property/)]);
});
