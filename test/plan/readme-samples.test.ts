/**
 * The README's plan samples are real output: the text, markdown and JSON of
 * test/fixtures/plan/before → after, as `capi-constructs plan` prints them today.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readManifestPath } from '../../lib/io';
import { formatPlan, PlanFormat, planChanges } from '../../lib/plan';

const root = path.join(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const fixture = (side: string) => readManifestPath(path.join(root, 'test/fixtures/plan', side));
const output = (format: PlanFormat) => formatPlan(planChanges(fixture('before'), fixture('after')), format);

/** The text between `start` (after the first `open` that follows it) and the next `close`. */
function block(start: string, open: string, close: string): string {
  const at = readme.indexOf(start);
  expect(at).toBeGreaterThan(-1);
  const from = readme.indexOf(open, at) + open.length;
  return readme.slice(from, readme.indexOf(close, from));
}

test('the text sample', () => {
  expect(block('Text (`npx capi-constructs plan test/fixtures/plan/before test/fixtures/plan/after`):', '```text\n', '```\n')).toBe(output('text'));
});

test('the markdown sample', () => {
  expect(block('<details><summary>markdown output</summary>', '\n\n', '\n</details>\n\nJSON (`--format json`)')).toBe(output('markdown'));
});

test('the JSON sample', () => {
  expect(block('<details><summary>JSON output</summary>', '```json\n', '```\n')).toBe(output('json'));
});

describe('the management cluster provider samples', () => {
  const providers = (side: string) => readManifestPath(path.join(root, 'test/fixtures/plan-management', side));
  const providerOutput = (format: PlanFormat) => formatPlan(planChanges(providers('before'), providers('after')), format);

  test('the text sample', () => {
    expect(block('Text (`npx capi-constructs plan test/fixtures/plan-management/before test/fixtures/plan-management/after`):', '```text\n', '```\n')).toBe(providerOutput('text'));
  });

  test('the markdown sample', () => {
    expect(block('<details><summary>markdown output of the provider changes</summary>', '\n\n', '\n</details>\n\n### Fleet-aware plan')).toBe(providerOutput('markdown'));
  });
});

describe('the ClusterClass samples (test/fixtures/plan-class/before → after)', () => {
  const classFixture = (side: string) => readManifestPath(path.join(root, 'test/fixtures/plan-class', side));
  const classPlan = () => planChanges(classFixture('before'), classFixture('after'));

  test('the text sample', () => {
    expect(block('`general` to `m7i.large`, cluster `beta` upgrades one minor, `gamma` scales `general` to 5), text:', '```text\n', '```\n')).toBe(formatPlan(classPlan(), 'text'));
  });

  test('the markdown summary sample', () => {
    expect(block('<details><summary>markdown summary of the class change</summary>', '\n\n', '\n</details>\n')).toBe(formatPlan(classPlan(), 'markdown', { summaryOnly: true }));
  });
});
