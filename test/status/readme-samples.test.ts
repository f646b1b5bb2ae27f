/**
 * The README's status samples are real output: the text and markdown of the `statusFleet()`
 * objects (the ones the CLI tests serve), as `capi-constructs status` prints them today.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fleetStatus, formatStatus, StatusFormat } from '../../lib/status';
import type { PlanManifest } from '../../lib/plan';
import { statusFleet } from '../../tools/status-objects';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('<!-- section:status -->'), readme.indexOf('<!-- /section:status -->'));
const output = (format: StatusFormat) => formatStatus(fleetStatus([{ context: 'management', objects: statusFleet() as unknown as PlanManifest[] }]), format);

function block(start: string, open: string, close: string): string {
  const at = section.indexOf(start);
  expect(at).toBeGreaterThan(-1);
  const from = section.indexOf(open, at) + open.length;
  return section.slice(from, section.indexOf(close, from));
}

test('the text sample', () => {
  expect(block('Text (the clusters of', '```text\n', '```\n')).toBe(output('text'));
});

test('the markdown sample', () => {
  expect(`${block('<details><summary>markdown output</summary>', '\n\n', '\n</details>')}\n`).toBe(output('markdown'));
});
