import { CapiValidationError, ClusterReference, ManagedClusterSpec, renderManagedCluster, renderWorkerPoolOf, validateWorkerPoolOf, WorkerPoolSpec } from '../../lib';
import { AWS_CLUSTER, DEV_CLUSTER } from '../fixtures/clusters';

/** The reference a stack would export for `spec`. */
function referenceOf(spec: ManagedClusterSpec): ClusterReference {
  return { name: spec.name, namespace: spec.namespace, version: spec.version, infrastructure: spec.infrastructure, labels: spec.labels, supportedVersions: spec.supportedVersions };
}

const pathsOf = (cluster: ClusterReference, pool: WorkerPoolSpec, overrides?: any[]) => validateWorkerPoolOf(cluster, pool, overrides).map(i => i.path);

describe('renderWorkerPoolOf', () => {
  test.each([['dev', DEV_CLUSTER], ['aws', AWS_CLUSTER]] as const)('emits exactly the objects the whole %s cluster emits for each of its pools', (_label, spec) => {
    const whole = renderManagedCluster({ ...spec, labels: { team: 'payments' } });
    for (const pool of spec.workerPools ?? []) {
      const alone = renderWorkerPoolOf(referenceOf({ ...spec, labels: { team: 'payments' } }), pool);
      const expected = whole.roles.map((role, i) => [role, whole.manifests[i]] as const).filter(([role]) => role.startsWith(`pool/${pool.name}/`));
      expect(alone.roles).toEqual(expected.map(([role]) => role));
      expect(alone.manifests).toEqual(expected.map(([, m]) => m));
      expect(alone).toMatchObject({ name: spec.name, namespace: spec.namespace ?? 'default' });
    }
  });

  test('the pool takes the control plane version by default and its overrides apply to its own objects', () => {
    const r = renderWorkerPoolOf(referenceOf(DEV_CLUSTER), { name: 'extra' }, [{ target: 'pool/extra/machine-deployment', path: 'spec.minReadySeconds', value: 30 }]);
    const md = r.manifests.find(m => m.kind === 'MachineDeployment') as any;
    expect(md.spec.template.spec.version).toBe('v1.34.2');
    expect(md.spec.minReadySeconds).toBe(30);
    expect(r.roles).toEqual(['pool/extra/machine-template', 'pool/extra/bootstrap-template', 'pool/extra/machine-deployment']);
  });

  test('throws one CapiValidationError naming the pool and its cluster, with every problem', () => {
    let error: unknown;
    try {
      renderWorkerPoolOf({ ...referenceOf(DEV_CLUSTER), version: 'v1.34' }, { name: 'Bad', replicas: -1 });
    } catch (e) {
      error = e;
    }
    expect(CapiValidationError.isCapiValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^Invalid worker pool "Bad" of cluster "dev-local": 3 problems:/);
    expect((error as CapiValidationError).issues.map(i => i.path)).toEqual(['cluster.version', 'name', 'replicas']);
  });

  test('throws when a pinned template name no longer matches, at the pool\'s path', () => {
    expect(() => renderWorkerPoolOf(referenceOf(DEV_CLUSTER), { name: 'p', names: { machineTemplate: { name: 'old', specHash: 'deadbeef' } } }))
      .toThrow(/ {2}- names\.machineTemplate\.specHash: the DevMachineTemplate spec no longer matches the pinned name "old"/);
  });
});

describe('validateWorkerPoolOf', () => {
  test('checks the pool version against the reference\'s control plane version', () => {
    const ref = referenceOf(DEV_CLUSTER);
    const skew = /a kubeadm pool must run the control plane's minor \(v1\.34\)/;
    expect(validateWorkerPoolOf(ref, { name: 'p', version: 'v1.35.0' })).toEqual([expect.objectContaining({ path: 'version', message: expect.stringMatching(skew) })]);
    const wide = { ...ref, supportedVersions: { oldest: 'v1.29', newest: 'v1.36' } };
    expect(validateWorkerPoolOf(wide, { name: 'p', version: 'v1.33.0' })).toEqual([expect.objectContaining({ path: 'version', message: expect.stringMatching(skew) })]);
    expect(validateWorkerPoolOf(wide, { name: 'p', version: 'v1.34.9' })).toEqual([]);
    // Outside the reference's supported window (v1.31 to v1.36 by default) too.
    expect(pathsOf(ref, { name: 'p', version: 'v1.30.0' })).toEqual(['version', 'version']);
    expect(validateWorkerPoolOf(ref, { name: 'p', version: 'v1.34.0' })).toEqual([]);
  });

  test('runs the provider\'s machine and cluster rules; reference problems are under cluster.', () => {
    const aws = AWS_CLUSTER.infrastructure.aws!;
    expect(pathsOf(referenceOf(AWS_CLUSTER), { name: 'p', machine: { aws: { rootVolume: { sizeGiB: 2 } } } } as any)).toEqual(['machine.aws.rootVolume.sizeGiB']);
    expect(pathsOf({ ...referenceOf(AWS_CLUSTER), infrastructure: { aws: { ...aws, region: '' } } }, { name: 'p' })).toEqual(['cluster.infrastructure.aws.region']);
    expect(pathsOf({ ...referenceOf(AWS_CLUSTER), infrastructure: { awz: {} } as any }, { name: 'p' })).toEqual(['cluster.infrastructure.awz', 'cluster.infrastructure']);
    expect(pathsOf({ ...referenceOf(AWS_CLUSTER), name: 'Prod', labels: { 'a b': 'c' } }, { name: 'p' })).toEqual(['cluster.name', 'cluster.labels.a b']);
  });

  test('checks the <cluster>-<pool> name length against the reference\'s name', () => {
    expect(pathsOf({ ...referenceOf(DEV_CLUSTER), name: 'c'.repeat(60) }, { name: 'pool' })).toEqual(['name']);
  });

  test('refuses overrides of objects that are not the pool\'s', () => {
    const issues = validateWorkerPoolOf(referenceOf(DEV_CLUSTER), { name: 'p' }, [{ target: 'cluster', path: 'spec.paused', value: true }, { target: 'pool/p/health-check', path: 'spec', value: {} }]);
    expect(issues.map(i => [i.path, i.allowed])).toEqual([
      ['overrides[0].target', 'pool/p/machine-deployment, pool/p/machine-template, pool/p/bootstrap-template'],
      ['overrides[1].target', 'pool/p/machine-deployment, pool/p/machine-template, pool/p/bootstrap-template'],
    ]);
  });

  test('reports a reference or pool that is not an object', () => {
    expect(pathsOf(undefined as any, { name: 'p' })).toEqual(['cluster']);
    expect(pathsOf(referenceOf(DEV_CLUSTER), 'p' as any)).toEqual(['(pool)']);
  });
});
