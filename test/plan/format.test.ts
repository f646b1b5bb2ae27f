import { formatPlan } from '../../lib/plan/format';
import { planChanges } from '../../lib/plan/plan';
import { PlanFormat } from '../../lib/plan/types';
import { base, edit, rotate } from './fixtures';

/** Pool general rotated, control plane upgraded two minors, batch bounds raised. */
function scenario() {
  let after = rotate(base(), 'AWSMachineTemplate', 'prod-general-0e9d8c7b', 'prod-general-44aa55bb', (m) => (m.spec.template.spec.instanceType = 'm6i.2xlarge'));
  after = edit(after, 'KubeadmControlPlane', 'prod-control-plane', (m) => (m.spec.version = 'v1.35.0'));
  after = edit(after, 'MachineDeployment', 'prod-batch', (m) => (m.metadata.annotations['cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size'] = '8'));
  return planChanges(base(), after);
}

describe('formatPlan', () => {
  test('JSON has exactly the documented shape', () => {
    const json = JSON.parse(formatPlan(scenario(), 'json'));
    expect(Object.keys(json)).toEqual(['clusters']);
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

  test('text lists dangers, machines, versions, in-place changes, changes and cleanup', () => {
    const text = formatPlan(scenario(), 'text');
    expect(text.split('\n').slice(0, 5)).toEqual([
      'Plan: 1 danger, 2 machine rollouts, 1 cluster affected.',
      '',
      'Cluster fleet/prod',
      '  Dangers:',
      '    ! version-skip KubeadmControlPlane/prod-control-plane: control plane v1.33 → v1.35 skips v1.34: Kubernetes upgrades the control plane one minor at a time',
    ]);
    expect(text).toContain('    control-plane (KubeadmControlPlane prod-control-plane): 3 machines, one at a time, adding a new machine before removing an old one (maxSurge 1)\n      because: version v1.33.4 → v1.35.0\n');
    expect(text).toContain('    general (MachineDeployment prod-general): 3 machines, maxSurge 1, maxUnavailable 0\n');
    expect(text).toContain('  In place (no machine replaced):\n    batch (MachineDeployment prod-batch): metadata.annotations["cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size"]\n');
    expect(text).toContain('    ~ KubeadmControlPlane prod-control-plane: spec.version\n');
    expect(text).toContain('    + AWSMachineTemplate prod-general-44aa55bb\n');
    expect(text).toContain('  Cleanup candidates:\n    AWSMachineTemplate prod-general-0e9d8c7b: superseded');
  });

  test('markdown puts dangers first and uses tables for machines and changes', () => {
    const md = formatPlan(scenario(), 'markdown');
    expect(md.startsWith('## capi-constructs plan\n\n1 danger, 2 machine rollouts, 1 cluster affected\n\n### Cluster `fleet/prod`\n\n**Dangers**\n\n- **version-skip** `KubeadmControlPlane/prod-control-plane`:')).toBe(true);
    expect(md).toContain('| Target | Object | Machines | Why |\n| --- | --- | --- | --- |\n| `control-plane` | KubeadmControlPlane `prod-control-plane` |');
    expect(md).toContain('| updated | KubeadmControlPlane | `prod-control-plane` | `spec.version` |');
    expect(md.indexOf('**Dangers**')).toBeLessThan(md.indexOf('**Machines replaced**'));
  });

  test('an empty plan says so in every format', () => {
    const empty = planChanges(base(), base());
    expect(formatPlan(empty, 'json')).toBe('{\n  "clusters": []\n}\n');
    expect(formatPlan(empty, 'markdown')).toBe('## capi-constructs plan\n\nNo changes: no object changes and no machine is replaced.\n');
  });

  test('throws when the format is unknown', () => {
    expect(() => formatPlan(scenario(), 'yaml' as PlanFormat)).toThrow('unknown format "yaml": use one of text, markdown, json');
  });
});
