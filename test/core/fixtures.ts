import { ManagedClusterSpec } from '../../lib';

/** A small valid Dev cluster used across core tests. */
export function devSpec(overrides: Partial<ManagedClusterSpec> = {}): ManagedClusterSpec {
  return {
    name: 'demo',
    version: 'v1.34.1',
    infrastructure: { dev: {} },
    controlPlane: { replicas: 1 },
    workerPools: [{ name: 'md-0', replicas: 2 }],
    ...overrides,
  };
}

/** A valid AWS cluster with two pools. */
export function awsSpec(overrides: Partial<ManagedClusterSpec> = {}): ManagedClusterSpec {
  return {
    name: 'prod',
    namespace: 'clusters',
    version: 'v1.34.1',
    infrastructure: { aws: { region: 'eu-west-1', sshKeyName: 'ops' } },
    controlPlane: { replicas: 3, machine: { aws: { instanceType: 'm6i.large' } } },
    workerPools: [
      { name: 'general', replicas: 3, machine: { aws: { instanceType: 'm6i.xlarge' } } },
      { name: 'gpu', autoscaling: { min: 1, max: 4 }, machine: { aws: { instanceType: 'g5.xlarge' } } },
    ],
    ...overrides,
  };
}

/** The issues a spec produces, as "path: message" lines, or [] when it renders. */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
    return [];
  } catch (e: any) {
    if (!e.issues) throw e;
    return e.issues.map((i: any) => `${i.path}: ${i.message}`);
  }
}
