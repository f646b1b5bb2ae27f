/**
 * The structure of lib/ (README, "Layout and adding a provider"): imports point one way, and
 * there is no import cycle. Built from the import statements of every file, type-only ones
 * included, with TypeScript's own pre-processor.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const LIB = path.resolve(__dirname, '../lib');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find(f => fs.existsSync(f));
}

/** Relative imports of every lib/ file, as paths relative to lib/ (`core/provider.ts`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(LIB)) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map(i => i.fileName).filter(s => s.startsWith('.'))
      .map(s => resolve(file, s) ?? path.resolve(path.dirname(file), s));
    graph.set(path.relative(LIB, file), targets.map(t => path.relative(LIB, t)));
  }
  return graph;
}

const room = (file: string) => (file.includes('/') ? file.split('/')[0] : file);

/** Rooms each room may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  capi: [],
  support: ['capi'],
  core: ['capi', 'support'],
  providers: ['capi', 'support', 'core'],
  addons: ['capi', 'support', 'core'],
  plan: ['capi', 'support', 'core', 'providers', 'addons'],
  fleet: ['capi', 'support', 'core', 'providers', 'addons', 'plan'],
  io: ['capi', 'support', 'core', 'plan'],
  cli: ['capi', 'support', 'core', 'providers', 'fleet', 'plan', 'io'],
  cdk8s: ['capi', 'support', 'core', 'providers', 'addons', 'fleet'],
  pulumi: ['capi', 'support', 'core', 'providers', 'addons', 'fleet'],
  'index.ts': ['capi', 'support', 'core', 'providers', 'addons', 'fleet', 'plan', 'io'],
};

test('every import points to an allowed room, and never to test/ or tools/', () => {
  const wrong: string[] = [];
  for (const [file, targets] of importGraph()) {
    for (const target of targets) {
      if (target.startsWith('..')) wrong.push(`${file} -> ${target} (outside lib/)`);
      else if (room(target) !== room(file) && !(ALLOWED[room(file)] ?? []).includes(room(target))) wrong.push(`${file} -> ${target}`);
    }
  }
  expect(wrong).toEqual([]);
});

test('lib/ has no import cycle', () => {
  const graph = importGraph();
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (file: string, trail: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'visiting');
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) visit(file, []);
  expect(cycles).toEqual([]);
});

test('the check sees imports (it would catch a cycle)', () => {
  expect(importGraph().get('core/render/cluster.ts')).toEqual(expect.arrayContaining(['core/render/context.ts', 'capi/index.ts']));
});
