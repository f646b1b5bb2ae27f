import { formatPlan, PLAN_MARKDOWN_MAX_LENGTH } from '../../lib/plan/format';
import { planChanges } from '../../lib/plan/plan';
import { Plan, PlanFormat } from '../../lib/plan/types';
import { base, edit, rotate } from './fixtures';
import { APP_CONF, cluster, clusterName, fleetPlan, INSTANCE_TYPE, poolRollout, rootVolumeChange } from './hand-plans';

/** Pool general rotated, control plane upgraded two minors, batch bounds raised. */
function scenario() {
  let after = rotate(base(), 'AWSMachineTemplate', 'prod-general-0e9d8c7b', 'prod-general-44aa55bb', (m) => (m.spec.template.spec.instanceType = 'm6i.2xlarge'));
  after = edit(after, 'KubeadmControlPlane', 'prod-control-plane', (m) => (m.spec.version = 'v1.35.0'));
  after = edit(after, 'MachineDeployment', 'prod-batch', (m) => (m.metadata.annotations['cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size'] = '8'));
  return planChanges(base(), after);
}

/** Two clusters: one rolls with field changes and a start time, one scales its control plane and a pool. */
function handPlan(): Plan {
  return {
    clusters: [
      cluster('fleet', 'alpha', {
        rollouts: [poolRollout('alpha', 'general', [APP_CONF, INSTANCE_TYPE, { path: 'labels.tier', to: 'gold' }, { path: 'spotMarketOptions', from: '{}' }], { startsAt: '2030-01-01T00:00:00Z' })],
      }),
      cluster('fleet', 'beta', {
        scaling: [
          { target: 'control-plane', kind: 'KubeadmControlPlane', name: 'beta-control-plane', from: 3, to: 5, note: 'etcd quorum goes from 2 to 3 members' },
          { target: 'general', kind: 'MachineDeployment', name: 'beta-general', from: 3, to: 2 },
        ],
      }),
    ],
  };
}

describe('formatPlan', () => {
  test('JSON has exactly the documented shape: the summary, then the plan', () => {
    const json = JSON.parse(formatPlan(scenario(), 'json'));
    expect(Object.keys(json)).toEqual(['summary', 'clusters']);
    expect(Object.keys(json.summary)).toEqual(['clusters', 'dangers', 'rollouts', 'scaling', 'versions', 'inPlace']);
    expect(json.summary.rollouts.map((r: object) => Object.keys(r))).toEqual([
      ['target', 'kind', 'strategy', 'fieldChanges', 'causes', 'machines', 'autoscaled', 'clusters'],
      ['target', 'kind', 'strategy', 'fieldChanges', 'causes', 'machines', 'autoscaled', 'clusters'],
    ]);
    expect(json.summary.dangers).toEqual([{ code: 'version-skip', object: 'KubeadmControlPlane/prod-control-plane', message: expect.any(String), clusters: ['fleet/prod'] }]);
    const [c] = json.clusters;
    expect(Object.keys(c)).toEqual(['cluster', 'namespace', 'changes', 'rollouts', 'scaling', 'dangers', 'versions', 'inPlace', 'cleanup', 'externalReferences']);
    expect([c.cluster, c.namespace]).toEqual(['prod', 'fleet']);
    for (const ch of c.changes) expect(Object.keys(ch)).toEqual(['kind', 'name', 'action', 'paths']);
    expect(c.rollouts).toHaveLength(2);
    for (const r of c.rollouts) {
      expect(Object.keys(r).slice(0, 7)).toEqual(['target', 'kind', 'name', 'machines', 'maxSurge', 'maxUnavailable', 'reason']);
    }
    expect(c.rollouts.map((r: { target: string }) => r.target)).toEqual(['control-plane', 'general']);
    expect(c.dangers).toEqual([{ code: 'version-skip', message: expect.any(String), object: 'KubeadmControlPlane/prod-control-plane' }]);
  });

  test('text of one cluster: its details, no fleet summary (the details say it all); --summary still gives the summary', () => {
    const text = formatPlan(scenario(), 'text');
    const skip = 'control plane v1.33 → v1.35 skips v1.34: Kubernetes upgrades the control plane one minor at a time';
    expect(text.split('\n').slice(0, 4)).toEqual([
      'Plan: 1 danger, 2 machine rollouts, 1 cluster affected.',
      '',
      'Cluster fleet/prod',
      '  Dangers:',
    ]);
    expect(text).not.toContain('Fleet summary');
    expect(formatPlan(scenario(), 'text', { summaryOnly: true }).split('\n').slice(0, 5)).toEqual([
      'Plan: 1 danger, 2 machine rollouts, 1 cluster affected.',
      '',
      'Fleet summary (each change once, with the clusters it touches):',
      '  Dangers:',
      // One cluster: no cluster list under the groups.
      `    1 cluster: ! version-skip KubeadmControlPlane/prod-control-plane: ${skip}`,
    ]);
    expect(text).toContain('\nCluster fleet/prod\n  Dangers:\n    ! version-skip KubeadmControlPlane/prod-control-plane: ');
    expect(text).toContain('    control-plane (KubeadmControlPlane prod-control-plane): 3 machines, one at a time, adding a new machine before removing an old one (maxSurge 1)\n      because: version v1.33.4 → v1.35.0\n');
    expect(text).toContain('    general (MachineDeployment prod-general): 3 machines, maxSurge 1, maxUnavailable 0\n');
    expect(text).toContain('  In place (no machine replaced):\n    batch (MachineDeployment prod-batch): metadata.annotations["cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size"]\n');
    expect(text).toContain('    ~ KubeadmControlPlane prod-control-plane: spec.version\n');
    expect(text).toContain('    + AWSMachineTemplate prod-general-44aa55bb\n');
    expect(text).toContain('  Cleanup candidates:\n    AWSMachineTemplate prod-general-0e9d8c7b: superseded');
  });

  test('text says why a pool rolls (field changes), when it starts, and how much a pool or the control plane scales', () => {
    const text = formatPlan(handPlan(), 'text');
    expect(text).toContain(
      [
        '  Machines replaced:',
        '    1 cluster: pool general rolls starting 2030-01-01T00:00:00Z (rollout.after) (3 machines) because files[/etc/app.conf].content: sha256:1a2b3c4d → sha256:9f8e7d6c; instanceType: t3.large → m7i.large; labels.tier: added (gold); spotMarketOptions: removed',
        '      fleet/alpha',
        '  Scaling (machines added or removed, none replaced):',
        '    1 cluster: control plane: +2 control-plane machines (etcd members) (3 → 5); etcd quorum goes from 2 to 3 members',
        '      fleet/beta',
        '    1 cluster: pool general: -1 machine (3 → 2)',
        '      fleet/beta',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '    general (MachineDeployment alpha-general): 3 machines, maxSurge 1, maxUnavailable 0',
        '      because: machine template rotated alpha-general-0e9d8c7b → alpha-general-44aa55bb',
        '        files[/etc/app.conf].content: sha256:1a2b3c4d → sha256:9f8e7d6c',
        '        instanceType: t3.large → m7i.large',
        '        labels.tier: added (gold)',
        '        spotMarketOptions: removed',
        '      starts at 2030-01-01T00:00:00Z (rollout.after is in the future)',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '  Scaling (machines added or removed, none replaced):',
        '    control-plane (KubeadmControlPlane beta-control-plane): +2 control-plane machines (etcd members) (3 → 5)',
        '      etcd quorum goes from 2 to 3 members',
        '    general (MachineDeployment beta-general): -1 machine (3 → 2)',
      ].join('\n'),
    );
  });

  test('a fleet change is one summary group with a shortened cluster list; the JSON lists every cluster', () => {
    const plan = fleetPlan(100);
    const text = formatPlan(plan, 'text');
    expect(text).toContain(
      [
        '  Dangers:',
        '    10 clusters: ! control-plane-even KubeadmControlPlane/{cluster}-control-plane: 4 control plane machines: etcd needs a majority, so an even count tolerates no more failures than 3; use an odd count',
        '      team-0/c-0000, team-0/c-0010, team-0/c-0020, team-0/c-0030, team-0/c-0040, … and 5 more',
        '  Machines replaced:',
        '    100 clusters: pool general rolls (300 machines) because files[/etc/app.conf].content: sha256:1a2b3c4d → sha256:9f8e7d6c; instanceType: t3.large → m7i.large',
        '      team-0/c-0000, team-0/c-0005, team-0/c-0010, team-0/c-0015, team-0/c-0020, … and 95 more',
        '  Scaling (machines added or removed, none replaced):',
        '    10 clusters: control plane: +1 control-plane machine (etcd member) (3 → 4)',
      ].join('\n'),
    );
    expect(text.indexOf('Fleet summary')).toBeLessThan(text.indexOf('\nCluster team-0/c-0000\n'));
    const md = formatPlan(plan, 'markdown');
    expect(md).toContain(
      '\n- 100 clusters: pool `general` rolls (300 machines) because `files[/etc/app.conf].content`: `sha256:1a2b3c4d` → `sha256:9f8e7d6c`; `instanceType`: `t3.large` → `m7i.large`\n' +
        '  - `team-0/c-0000`, `team-0/c-0005`, `team-0/c-0010`, `team-0/c-0015`, `team-0/c-0020`, … and 95 more\n',
    );
    expect(JSON.parse(formatPlan(plan, 'json')).summary.rollouts[0].clusters).toHaveLength(100);
  });

  test('field values are shown on one line, shortened; the JSON keeps them whole', () => {
    const long = 'x'.repeat(200);
    const plan = { clusters: [cluster('a', 'b', { rollouts: [poolRollout('b', 'general', [{ path: 'preKubeadmCommands[0]', from: 'echo a\necho b', to: long }])] })] };
    expect(formatPlan(plan, 'text')).toContain(`        preKubeadmCommands[0]: echo a\\necho b → ${'x'.repeat(79)}…\n`);
    expect(JSON.parse(formatPlan(plan, 'json')).clusters[0].rollouts[0].fieldChanges[0].to).toBe(long);
  });

  test('markdown: the summary first, dangers first in it, then each cluster in its own collapsed <details>', () => {
    const md = formatPlan(fleetPlan(3), 'markdown');
    expect(md.startsWith('## capi-constructs plan\n\n1 danger, 3 machine rollouts, 3 clusters affected\n\n### Summary\n\n**Dangers**\n\n- 1 cluster: **control-plane-even** `KubeadmControlPlane/c-0000-control-plane`:')).toBe(true);
    // GitHub renders markdown inside <details> only with blank lines around it.
    expect(md).toContain('\n\n### Clusters\n\n<details><summary>Cluster <code>team-0/c-0000</code>: 1 danger, 1 machine rollout, 3 changes</summary>\n\n**Dangers**\n\n- **control-plane-even**');
    expect(md).toContain('| `general` | MachineDeployment `c-0000-general` | 3 machines, maxSurge 1, maxUnavailable 0 | machine template rotated c-0000-general-0e9d8c7b → c-0000-general-44aa55bb<br>`files[/etc/app.conf].content`: `sha256:1a2b3c4d` → `sha256:9f8e7d6c`<br>`instanceType`: `t3.large` → `m7i.large` |');
    expect(md).toContain('\n\n**Scaling (machines added or removed, none replaced)**\n\n- `control-plane` KubeadmControlPlane `c-0000-control-plane`: +1 control-plane machine (etcd member) (3 → 4)\n');
    expect(md.match(/<details>/g)).toHaveLength(3);
    expect(md.match(/\n\n<\/details>(\n\n|\n$)/g)).toHaveLength(3);
    expect(md.endsWith('</details>\n')).toBe(true);
  });

  test('markdown of one cluster: its details are open, and uses tables for machines and changes', () => {
    const md = formatPlan(scenario(), 'markdown');
    expect(md.startsWith('## capi-constructs plan\n\n1 danger, 2 machine rollouts, 1 cluster affected\n\n<details open><summary>Cluster <code>fleet/prod</code>')).toBe(true);
    expect(md).not.toContain('### Summary');
    expect(md).toContain('<details open><summary>Cluster <code>fleet/prod</code>: 1 danger, 2 machine rollouts, 4 changes</summary>\n\n**Dangers**\n\n');
    expect(md).toContain('| Target | Object | Machines | Why |\n| --- | --- | --- | --- |\n| `control-plane` | KubeadmControlPlane `prod-control-plane` |');
    expect(md).toContain('| updated | KubeadmControlPlane | `prod-control-plane` | `spec.version` |');
  });

  test('markdown of a 1000-cluster change fits one GitHub comment, keeps the summary and every danger, and says what it left out', () => {
    const plan = fleetPlan(1000);
    const md = formatPlan(plan, 'markdown');
    expect(PLAN_MARKDOWN_MAX_LENGTH).toBe(65_536);
    expect(md.length).toBeLessThanOrEqual(PLAN_MARKDOWN_MAX_LENGTH);
    expect(md).toContain('- 100 clusters: **control-plane-even** `KubeadmControlPlane/{cluster}-control-plane`');
    expect(md).toContain('- 1000 clusters: pool `general` rolls (3000 machines)');
    const shown = md.match(/<details><summary>/g)!.length;
    expect(shown).toBeGreaterThan(50);
    const firstLeftOut = plan.clusters[shown];
    expect(md.endsWith(
      '</details>\n\n---\n\n**Shortened to fit one comment (65,536 characters).** ' +
        `Left out: the details of the last ${1000 - shown} of 1000 clusters (from \`${firstLeftOut.namespace}/${firstLeftOut.cluster}\` on). ` +
        'The JSON output (`capi-constructs plan --format json`) is always complete, and so is the text output (`--format text`).\n',
    )).toBe(true);
    // Text and JSON are complete.
    expect(formatPlan(plan, 'text').match(/\nCluster /g)).toHaveLength(1000);
    expect(JSON.parse(formatPlan(plan, 'json')).clusters).toHaveLength(1000);
  });

  test('markdown of a real fleet change (planChanges of two rendered fleets) fits the limit', () => {
    const plan = rootVolumeChange(100);
    // 50 clusters change (the AWS ones): about 30,000 characters, more than this limit.
    const md = formatPlan(plan, 'markdown', { markdownMaxLength: 20_000 });
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md).toContain(`\n- 50 clusters: pool \`general\` rolls (`);
    expect(md).toMatch(/Left out: the details of the last \d+ of 50 clusters/);
  });

  test('markdown leaves out details before summary groups and summary groups before danger groups; the limit is an option', () => {
    // 1000 different dangers (one per cluster), 1000 different rollouts: more than fits.
    const clusters = Array.from({ length: 1000 }, (_, i) => {
      const name = clusterName(i);
      return cluster('fleet', name, {
        dangers: [{ code: 'version-skip', object: `KubeadmControlPlane/${name}-control-plane`, message: `control plane v1.${i} → v1.${i + 2} skips a minor` }],
        rollouts: [poolRollout(name, 'general', [{ path: 'instanceType', from: 't3.large', to: `m${i}.large` }])],
      });
    });
    const md = formatPlan({ clusters }, 'markdown');
    expect(md.length).toBeLessThanOrEqual(PLAN_MARKDOWN_MAX_LENGTH);
    expect(md).not.toContain('<details>');
    expect(md).not.toContain('**Machines replaced**');
    const dangers = md.match(/\*\*version-skip\*\*/g)!.length;
    expect(md).toContain(`Left out: ${1000 - dangers} danger groups of the summary; 1000 other groups of the summary; the details of the last 1000 of 1000 clusters (from \`fleet/c-0000\` on).`);

    const small = formatPlan(fleetPlan(10), 'markdown', { markdownMaxLength: 5000 });
    expect(small.length).toBeLessThanOrEqual(5000);
    expect(small).toContain('- 10 clusters: pool `general` rolls');
    expect(small).toMatch(/Shortened to fit one comment \(5,000 characters\)\.\*\* Left out: the details of the last \d+ of 10 clusters/);
    expect(() => formatPlan(fleetPlan(1), 'markdown', { markdownMaxLength: 100 })).toThrow('markdownMaxLength must be at least 1200, not 100');
  });

  test('summaryOnly: only the fleet summary and the dangers, in every format', () => {
    const plan = { ...fleetPlan(20), unassigned: { changes: [], dangers: [{ code: 'namespace-deleted' as const, object: 'Namespace/old', message: 'deleting Namespace old deletes every object in it' }] } };
    const text = formatPlan(plan, 'text', { summaryOnly: true });
    expect(text).toContain('Fleet summary');
    expect(text).toContain('    objects of no cluster: ! namespace-deleted Namespace/old: deleting Namespace old deletes every object in it\n');
    expect(text).not.toContain('\nCluster ');
    const md = formatPlan(plan, 'markdown', { summaryOnly: true });
    expect(md).toContain('- 2 clusters: **control-plane-even**');
    expect(md).not.toContain('<details');
    const json = JSON.parse(formatPlan(plan, 'json', { summaryOnly: true }));
    expect(Object.keys(json)).toEqual(['summary', 'dangers']);
    expect(json.dangers).toEqual([
      { cluster: 'team-0/c-0000', code: 'control-plane-even', object: 'KubeadmControlPlane/c-0000-control-plane', message: expect.any(String) },
      { cluster: 'team-0/c-0010', code: 'control-plane-even', object: 'KubeadmControlPlane/c-0010-control-plane', message: expect.any(String) },
      plan.unassigned.dangers[0],
    ]);
  });

  test('an empty plan says so in every format', () => {
    const empty = planChanges(base(), base());
    expect(JSON.parse(formatPlan(empty, 'json'))).toEqual({ summary: { clusters: 0, dangers: [], rollouts: [], scaling: [], versions: [], inPlace: [] }, clusters: [] });
    expect(formatPlan(empty, 'markdown')).toBe('## capi-constructs plan\n\nNo changes: no object changes and no machine is replaced.\n');
    expect(formatPlan(empty, 'text', { summaryOnly: true })).toBe('No changes: no object changes and no machine is replaced.\n');
  });

  test('throws when the format is unknown', () => {
    expect(() => formatPlan(scenario(), 'yaml' as PlanFormat)).toThrow('unknown format "yaml": use one of text, markdown, json');
  });
});

test('markdown escapes free text from the manifests, so a hostile value cannot close the <details> of the comment', () => {
  const hostile = '</details><img src=x onerror=alert(1)>';
  const plan = {
    clusters: [
      { cluster: 'a', namespace: 'n', changes: [{ kind: hostile, name: 'x', action: 'updated' as const, paths: ['spec'] }], rollouts: [], scaling: [],
        dangers: [{ code: 'object-moved' as const, message: hostile, object: 'K/x' }], versions: [], inPlace: [], cleanup: [], externalReferences: [] },
      { cluster: 'b', namespace: 'n', changes: [], rollouts: [], scaling: [], dangers: [{ code: 'object-moved' as const, message: hostile, object: 'K/y' }], versions: [], inPlace: [], cleanup: [], externalReferences: [] },
    ],
  };
  const md = formatPlan(plan, 'markdown');
  expect(md).not.toContain('<img');
  expect(md.match(/<\/details>/g)).toHaveLength(2);
  expect(md).toContain('&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;');
});
