import { fleetStatus, formatStatus } from '../../lib/status';
import type { PlanManifest } from '../../lib/plan';
import { clusterObjects, managementObjects, statusFleet } from '../../tools/status-objects';

const status = () => fleetStatus([{ context: 'management', objects: statusFleet() as unknown as PlanManifest[] }]);

test('text: the summary, the management cluster, then one block per cluster', () => {
  const text = formatStatus(status(), 'text');
  const blocks = text.trimEnd().split('\n\n');
  expect(blocks).toHaveLength(2 + 7);
  expect(blocks[1].split('\n')[1]).toBe('  management: Cluster API v1.14.0 (from CoreProvider capi-system/cluster-api), supports v1.31-v1.36');
  expect(blocks.slice(2).map((b) => b.split('\n')[0])).toEqual([
    'Cluster fleet/edge-old: available (phase Provisioned)', 'Cluster fleet/frozen: paused (phase Provisioned)', 'Cluster fleet/new-team: provisioning (phase Provisioning)',
    'Cluster fleet/payments: unavailable (phase Provisioned)', 'Cluster fleet/prod-eu: available (phase Provisioned)', 'Cluster fleet/retired: deleting (phase Deleting)',
    'Cluster fleet/staging: upgrading (phase Provisioned)',
  ]);
  expect(formatStatus(status(), 'text', { summaryOnly: true }).trimEnd().split('\n\n')).toHaveLength(2);
});

test('markdown: table cells cannot be broken by pipes, newlines or HTML in messages', () => {
  const objects = [...managementObjects(), ...clusterObjects({ name: 'x', conditions: [{ type: 'Available', status: 'False', reason: 'NotAvailable', message: 'a | b\n<img src=x onerror=alert(1)>', lastTransitionTime: 'x', observedGeneration: 1 }] })];
  const md = formatStatus(fleetStatus([{ objects: objects as unknown as PlanManifest[] }]), 'markdown');
  const row = md.split('\n').find((l) => l.startsWith('| fleet/x '))!;
  expect(row).toContain('Available False (NotAvailable): a \\| b; &lt;img src=x onerror=alert(1)>');
  expect(row.split(/(?<!\\)\|/).length).toBe(8);
});

test('json: the typed status as it is', () => {
  const s = status();
  expect(JSON.parse(formatStatus(s, 'json'))).toEqual(JSON.parse(JSON.stringify(s)));
  expect(Object.keys(JSON.parse(formatStatus(s, 'json', { summaryOnly: true })))).toEqual(['summary', 'management']);
});
