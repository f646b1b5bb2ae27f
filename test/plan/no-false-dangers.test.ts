/**
 * No false dangers, so `--fail-on danger` can gate a pipeline: identical inputs are "No changes"
 * whatever they reference, and references to objects managed outside the manifests (CAPA
 * identities) are information when two manifest sets are compared, dangers only live.
 */
import * as fc from 'fast-check';
import { formatPlan, ManagedClusterSpec, planChanges, PlanManifest, renderManagedCluster } from '../../lib';
import { awsCluster, devCluster } from '../../examples/clusters';
import { validClusterSpec } from '../../tools/arbitraries';

const manifestsOf = (spec: ManagedClusterSpec): PlanManifest[] => JSON.parse(JSON.stringify(renderManagedCluster(spec).manifests));
const { chart: _a, ...awsSpec } = awsCluster as typeof awsCluster & { chart?: unknown };
const { chart: _d, ...devSpec } = devCluster as typeof devCluster & { chart?: unknown };
const withIdentity = (spec: ManagedClusterSpec, name = 'tenant-a'): ManagedClusterSpec => ({
  ...spec, infrastructure: { aws: { ...(spec.infrastructure as any).aws, identity: { kind: 'AWSClusterStaticIdentity', name } } },
});

describe('identical inputs give "No changes"', () => {
  test('every example, including references to identities the manifests do not hold', () => {
    for (const spec of [awsSpec, devSpec, withIdentity(awsSpec as ManagedClusterSpec)] as ManagedClusterSpec[]) {
      const ms = manifestsOf(spec);
      const plan = planChanges(ms, ms);
      expect({ cluster: spec.name, plan }).toEqual({ cluster: spec.name, plan: { clusters: [] } });
      expect(formatPlan(plan, 'text')).toBe('No changes: no object changes and no machine is replaced.\n');
    }
  });

  test('the corpus (random valid specs, seed 20261121)', () => {
    for (const spec of fc.sample(validClusterSpec, { seed: 20261121, numRuns: 60 })) {
      const ms = manifestsOf(spec);
      expect({ cluster: spec.name, plan: planChanges(ms, ms) }).toEqual({ cluster: spec.name, plan: { clusters: [] } });
    }
  });
});

describe('references to objects managed outside the manifests', () => {
  const before = manifestsOf(withIdentity(awsSpec as ManagedClusterSpec));
  const after = manifestsOf(withIdentity(awsSpec as ManagedClusterSpec, 'tenant-b'));

  test('comparing two manifest sets, they are listed as information, not dangers', () => {
    const plan = planChanges(before, after);
    expect(plan.clusters).toHaveLength(1);
    expect(plan.clusters[0].dangers).toEqual([]);
    expect(plan.clusters[0].externalReferences).toEqual([{ object: `AWSCluster/${awsSpec.name}`, path: 'spec.identityRef', kind: 'AWSClusterStaticIdentity', name: 'tenant-b' }]);
    expect(formatPlan(plan, 'text')).toContain(`  External references (managed outside these manifests; not checked: plan --live checks them):\n    AWSCluster/${awsSpec.name} spec.identityRef → AWSClusterStaticIdentity/tenant-b`);
  });

  test('against the live cluster, one the cluster does not hold stays a danger', () => {
    const plan = planChanges(before, after, { beforeIsLive: true });
    expect(plan.clusters[0].dangers.map(d => d.code)).toContain('reference-missing');
    expect(plan.clusters[0].externalReferences).toEqual([]);
  });
});
