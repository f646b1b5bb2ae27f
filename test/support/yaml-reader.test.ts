/** The reader's refusals: what no kubectl-equivalent reading could give, with a clear error. */
import { parseYamlDocuments } from '../../lib/support/yaml';
import { YAML_LIMITS } from '../../lib/support/yaml-reader';

const errorOf = (text: string) => parseYamlDocuments(text).find(d => d.error !== undefined)?.error;

test('duplicate keys are refused (kubectl would silently keep the last one)', () => {
  expect(errorOf('a: 1\nb: 2\na: 3\n')).toBe('duplicate key "a" at (top)');
  // 0o17 and 15 are one key to go-yaml.
  expect(errorOf('data:\n  0o17: x\n  15: y\n')).toBe('duplicate key "15" at (top).data');
});

// Nine levels of ten aliases expand to 10^9 values; the reader stops at the value budget. No timed
// assertion: the budget bounds the work whatever the machine's load.
test('an alias bomb stops at the value budget', () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  expect(errorOf(`${levels.join('\n')}\n`)).toBe(`more than ${YAML_LIMITS.maxNodes} values (an alias bomb?)`);
});

test('nesting deeper than the limit and oversized input are refused', () => {
  const deep = `${'['.repeat(YAML_LIMITS.maxDepth + 5)}${']'.repeat(YAML_LIMITS.maxDepth + 5)}\n`;
  expect(errorOf(deep)).toMatch(/^nested more than 200 levels deep at /);
  expect(parseYamlDocuments(' '.repeat(YAML_LIMITS.maxBytes + 1))).toEqual([{ error: `the file has ${YAML_LIMITS.maxBytes + 1} characters; at most ${YAML_LIMITS.maxBytes} are read` }]);
});

test('a merge that is not a map, an unknown tag and malformed YAML are clean errors', () => {
  expect(errorOf('a:\n  <<: 1\n')).toBe('a merge (<<) at (top).a needs a map or a list of maps');
  expect(errorOf('a: !custom x\n')).toBe('unsupported tag !custom at (top).a');
  expect(errorOf('a: [1, 2\n')).toMatch(/\S/);
  // An empty document reads as null (the plan's file reader skips it, as kubectl does).
  expect(parseYamlDocuments('---\n---\na: 1\n')).toEqual([{ value: null }, { value: { a: 1 } }]);
});

test('__proto__ is data, never a prototype', () => {
  const [doc] = parseYamlDocuments('__proto__:\n  polluted: true\n');
  expect(Object.keys(doc.value as object)).toEqual(['__proto__']);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
