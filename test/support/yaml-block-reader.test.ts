/**
 * The reader's fast path (yaml-block-reader.ts) against the full reader (`fastPath: false`): on
 * every input both give the same documents, values and errors alike — on the writer's output of
 * the examples, the corpus and random JSON data, on the `yaml` package's output in other styles
 * (indentless lists as kubectl writes them, flow, folded lines), and on mutations of all of
 * these. Most mutations make the fast path give up; the test says how often it did not.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { renderManagedCluster, toYaml } from '../../lib';
import { yamlDocument } from '../../lib/support/yaml-writer';
import { readBlockYaml } from '../../lib/support/yaml-block-reader';
import { readYamlDocuments, YAML_LIMITS } from '../../lib/support/yaml-reader';
import { awsCluster, devCluster } from '../../examples/clusters';
import { clusterSpec } from '../../bench/fleet';
import { SEED, validClusterSpec } from '../../tools/arbitraries';

/** Both readers agree, key order included (toEqual alone ignores it). */
function expectSame(text: string): void {
  const ours = readYamlDocuments(text);
  const full = readYamlDocuments(text, { fastPath: false });
  expect({ text, ours: JSON.stringify(ours) }).toEqual({ text, ours: JSON.stringify(full) });
  expect(ours).toEqual(full);
}

function check<T>(property: fc.IPropertyWithHooks<T>, numRuns: number): void {
  const r = fc.check(property, { seed: SEED, numRuns });
  if (r.failed) throw new Error(`property failed with seed ${SEED}: ${JSON.stringify(r.counterexample)}\n${String((r as { errorInstance?: Error }).errorInstance?.message)}`);
}

const corpus: string[] = [
  ...[devCluster, awsCluster].map(spec => toYaml(renderManagedCluster(spec as any).manifests)),
  ...[0, 1, 2, 3].map(i => toYaml(renderManagedCluster(clusterSpec(i)).manifests)),
  ...fc.sample(validClusterSpec, { seed: SEED, numRuns: 40 }).map(spec => toYaml(renderManagedCluster(spec).manifests)),
];
/** Hand-written manifests (flow lists, comments): read by either path. */
const fixtures = path.join(__dirname, '..', 'fixtures', 'plan');
const handWritten = fs.readdirSync(fixtures).flatMap(side => fs.readdirSync(path.join(fixtures, side)).map(file => fs.readFileSync(path.join(fixtures, side, file), 'utf8')));

/** Characters and words that mean something to YAML, or to go-yaml's scalar rules. */
const tricky = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'ab0 -:#"\'\\|>[]{},&*!?%@`.~_/=+\te\nxyY'.split(''), 'é', '😀', '\u0085', '\u2028', '\u00a0'), maxLength: 12 }),
  fc.constantFrom('yes', 'No', 'on', 'null', '~', '', '0644', '0o17', '0x1F', '1_000', '1e3', '.5', '-1', '+1', '.inf', '<<', '2026-11-21', 'a: b', '- x', '#c', 'a #c', 'x ', ' x',
    'multi\nline\n', 'trail\n\n', '\n\nleading', '  first indented\nsecond\n', 'ends with space \nx', 'x'.repeat(1100)),
);
const jsonData: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tricky, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(tricky, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const document = fc.dictionary(tricky, jsonData, { minKeys: 1, maxKeys: 5 });

/** Other writers' styles: kubectl's indentless lists, flow collections, folded and quoted lines. */
const styles: Array<YAML.DocumentOptions & YAML.ToStringOptions> = [
  { version: '1.1', indentSeq: false },
  { version: '1.1', lineWidth: 20, minContentWidth: 0 },
  { version: '1.1', defaultStringType: 'QUOTE_SINGLE' },
  { version: '1.1', collectionStyle: 'flow' },
  { version: '1.1', indent: 4, defaultKeyType: 'PLAIN', blockQuote: 'folded' },
];

const edit = fc.record({
  kind: fc.constantFrom('insert', 'delete', 'replace', 'duplicate-line', 'indent', 'dedent', 'truncate'),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  char: fc.constantFrom(...' -:#"\'\\|>[]{},&*!?%@`.~\t\n\r0ax+'.split(''), '---\n', '- ', ': ', '|-\n', '  ', '\ufeff'),
});

function mutate(text: string, edits: ReadonlyArray<{ kind: string; at: number; char: string }>): string {
  let t = text;
  for (const e of edits) {
    const i = Math.floor(e.at * t.length);
    const lineStart = t.lastIndexOf('\n', i - 1) + 1;
    const lineEnd = t.indexOf('\n', i) < 0 ? t.length : t.indexOf('\n', i) + 1;
    if (e.kind === 'insert') t = t.slice(0, i) + e.char + t.slice(i);
    else if (e.kind === 'delete') t = t.slice(0, i) + t.slice(i + 1);
    else if (e.kind === 'replace') t = t.slice(0, i) + e.char + t.slice(i + 1);
    else if (e.kind === 'duplicate-line') t = t.slice(0, lineEnd) + t.slice(lineStart, lineEnd) + t.slice(lineEnd);
    else if (e.kind === 'indent') t = `${t.slice(0, lineStart)}  ${t.slice(lineStart)}`;
    else if (e.kind === 'dedent') t = t.slice(0, lineStart) + t.slice(lineStart).replace(/^ {1,2}/, '');
    else t = t.slice(0, i);
  }
  return t;
}

test('the examples and the corpus as the writer writes them: the fast path reads all of it, as the full reader does', () => {
  for (const text of corpus) {
    expect(readBlockYaml(text)).toBeDefined();
    expectSame(text);
  }
  for (const text of handWritten) expectSame(text);
});

test('random JSON data as the writer writes it: the same values (the fast path reads it unless a key is too long)', () => {
  check(fc.property(fc.array(document, { minLength: 1, maxLength: 3 }), docs => {
    const text = docs.map(yamlDocument).join('---\n');
    if (!docs.some(d => JSON.stringify(d).length > 1000)) expect(readBlockYaml(text)).toBeDefined();
    expectSame(text);
  }), 400);
});

test('the same data in other writers\' styles: the same values, or the full reader', () => {
  check(fc.property(document, fc.constantFrom(...styles), (doc, style) => expectSame(YAML.stringify(doc, style))), 400);
});

test('mutated documents: the same values and the same errors', () => {
  const sources = fc.oneof(
    fc.constantFrom(...corpus.slice(0, 8), ...handWritten).map(t => t.slice(0, 3000)),
    document.map(yamlDocument),
    fc.tuple(document, fc.constantFrom(...styles)).map(([d, s]) => YAML.stringify(d, s)),
  );
  let fast = 0;
  check(fc.property(sources, fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
    const mutated = mutate(text, edits);
    if (readBlockYaml(mutated)) fast++;
    expectSame(mutated);
  }), 2000);
  // The property means something only if the fast path read a good share of the mutants itself (about 8%).
  expect(fast).toBeGreaterThan(100);
});

test('block-style edge cases: comments, indentless lists, block scalars, document markers', () => {
  for (const text of [
    '# c\na: 1\n', 'a: 1 # c\n', 'a:\n- x\n- y\nb: 2\n', 'a:\n  - x\n  -\n  - - y\n', '- a: 1\n  b:\n  - c\n- d\n', '---\na: 1\n', 'a: 1\n---\n', '---\n---\na: 1\n',
    'a: |\n  x\n\n# c\nb: 1\n', 'a: |+\n  x\n\n---\nb: 1\n', 'a: |2\n    x\n', '- |1\n  x\n', '- k: |2-\n     x\n', 'a: |\n\n  x\n', 'a: |\n  \n  x\n', 'a: |\n    \n  x\n',
    'a: |\n  x', 'a: |-\n  x\n  \n', 'a: |\nb: 1\n', "a: 'it''s'\n", 'a: "\\x41\\u00e9\\U0001F600\\N\\_"\n', 'a: "\\q"\n', 'a: "x\n  y"\n', 'a: x\n  y\n',
    '"k": 1\n\'q\': 2\n', 'a b: c d\n', 'a : b\n', 'yes: 1\n1e3: 2\n0x1F: 3\n', '~: 1\n', 'a: 1\na: 2\n', '__proto__: 1\n', '<<: {a: 1}\n', 'a: &x 1\nb: *x\n',
    '  a: 1\n  b: 2\n', '  a: 1\nb: 2\n', 'a:\n\tb: 1\n', 'a: {}\nb: []\nc: {a: 1}\n', 'a: .inf\n', '...\n', '%YAML 1.1\n---\na: 1\n', '\ufeffa: 1\n', 'a: 1\r\nb: 2\r\n', '',
  ]) expectSame(text);
});

test('the limits hold on the fast path: too deep or too many values goes to the full reader, which refuses it', () => {
  let deep = '';
  for (let i = 0; i < YAML_LIMITS.maxDepth + 5; i++) deep += `${'  '.repeat(i)}k:\n`;
  expect(readBlockYaml(deep)).toBeUndefined();
  expect(readYamlDocuments(deep)[0].error).toMatch(/^nested more than 200 levels deep at /);
  const many = '- 1\n'.repeat(YAML_LIMITS.maxNodes);
  expect(readBlockYaml(many)).toBeUndefined();
});
