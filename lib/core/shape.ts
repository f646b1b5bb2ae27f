import { checkShape, listOf as list, objectOf as object, Shape, ShapeCheck, shapeIssues } from '../support/shape';
import { ValidationIssue } from '../support/issues';
import { registeredProviders, registryVersion } from './provider';

/**
 * The JSON shape of a ManagedClusterSpec. Each provider contributes the shape of its own
 * sections (`clusterShape`, `machineShape`).
 */
const secretRef = object({ name: 'string', key: 'string' });
const pin = object({ name: 'string', specHash: 'string' });
const taints = list(object({ key: 'string', value: 'string', effect: 'string' }));
const deletion = object({ nodeDrainTimeoutSeconds: 'number', nodeVolumeDetachTimeoutSeconds: 'number', nodeDeletionTimeoutSeconds: 'number' });
const condition = object({ type: 'string', status: 'string', timeoutSeconds: 'number' });
const healthCheck = object({
  unhealthyNodeConditions: list(condition),
  unhealthyMachineConditions: list(condition),
  nodeStartupTimeoutSeconds: 'number',
  maxUnhealthy: 'numberOrString',
  unhealthyRange: 'string',
});
const extraVolumes = list(object({ name: 'string', hostPath: 'string', mountPath: 'string', readOnly: 'boolean', pathType: 'string' }));
const machineNaming = object({ template: 'string' });
const kubeadmCommon = {
  files: list(object({
    path: 'string', content: 'string', contentFromSecret: secretRef, permissions: 'string', owner: 'string', encoding: 'string', append: 'boolean',
  })),
  preKubeadmCommands: list('string'),
  postKubeadmCommands: list('string'),
  users: list(object({
    name: 'string', sshAuthorizedKeys: list('string'), sudo: 'string', shell: 'string', groups: 'string',
    passwordFromSecret: secretRef, lockPassword: 'boolean',
    // Not settable: known here so that the rule refusing plain-text passwords reports them.
    passwd: 'any', password: 'any',
  })),
  ntpServers: list('string'),
  kubeletExtraArgs: 'stringMap',
} as const;


/** The machine section: one entry per registered provider. */
function machineShape(): Shape {
  return object(Object.fromEntries(registeredProviders().map(p => [p.id, object(p.machineShape)])));
}

function buildClusterShape(): Shape {
  const machine = machineShape();
  return object({
    name: 'string',
    namespace: 'string',
    labels: 'stringMap',
    annotations: 'stringMap',
    version: 'any',
    supportedVersions: object({ oldest: 'string', newest: 'string', source: 'string' }),
    network: object({ podCidrs: list('string'), serviceCidrs: list('string'), serviceDomain: 'string', apiServerPort: 'number' }),
    paused: 'boolean',
    infrastructure: object(Object.fromEntries(registeredProviders().map(p => [p.id, object(p.clusterShape)]))),
    controlPlane: object({
      ...kubeadmCommon,
      replicas: 'number',
      machine,
      apiServerExtraArgs: 'stringMap',
      controllerManagerExtraArgs: 'stringMap',
      schedulerExtraArgs: 'stringMap',
      apiServerExtraVolumes: extraVolumes,
      controllerManagerExtraVolumes: extraVolumes,
      schedulerExtraVolumes: extraVolumes,
      etcd: object({ dataDir: 'string', extraArgs: 'stringMap', imageRepository: 'string', imageTag: 'string' }),
      featureGates: 'booleanMap',
      nodeLabels: 'stringMap',
      machineNaming,
      certSans: list('string'),
      taints,
      rollout: object({ after: 'string', certificatesExpiryDays: 'number', maxSurge: 'number' }),
      remediation: object({ maxRetry: 'number', retryPeriodSeconds: 'number', minHealthyPeriodSeconds: 'number' }),
      healthCheck,
      deletion,
      names: object({ controlPlane: 'string', machineTemplate: pin, healthCheck: 'string' }),
    }),
    workerPools: list(object({
      ...kubeadmCommon,
      name: 'string',
      replicas: 'number',
      autoscaling: object({
        min: 'number', max: 'number',
        capacity: object({ cpu: 'string', memory: 'string', gpuCount: 'number', gpuType: 'string', ephemeralDisk: 'string', maxPods: 'number' }),
      }),
      machine,
      version: 'any',
      nodeLabels: 'stringMap',
      taints,
      taintsViaMachineTaintPropagation: 'boolean',
      failureDomain: 'string',
      failureDomains: list('string'),
      rollout: object({ type: 'string', maxSurge: 'numberOrString', maxUnavailable: 'numberOrString', after: 'string' }),
      deletionOrder: 'string',
      deletion,
      minReadySeconds: 'number',
      healthCheck,
      machineNaming,
      labels: 'stringMap',
      names: object({ machineDeployment: 'string', machineDeployments: 'stringMap', machineTemplate: pin, bootstrapTemplate: pin, healthCheck: 'string' }),
    })),
    // Every kind's fields in one shape; the rules refuse a field of another kind.
    addons: list(object({
      name: 'string', kind: 'string', enabled: 'boolean', channel: 'string',
      version: 'string', values: 'json', namespace: 'string', releaseName: 'string',
      plugin: 'string', repository: 'string', chart: 'string',
      strategy: 'string', content: 'string', secrets: list('string'),
    })),
    names: object({ infrastructureCluster: 'string' }),
    overrides: list(object({ target: 'any', path: 'any', value: 'json', remove: 'any' })),
  });
}

let cached: { version: number; shape: Shape } | undefined;

/** The shape of a cluster spec with the sections of every registered provider (computed once per registry change). */
export function clusterSpecShape(): Shape {
  if (!cached || cached.version !== registryVersion()) cached = { version: registryVersion(), shape: buildClusterShape() };
  return cached.shape;
}

/** Problems with the JSON shape of a cluster spec; empty when the rule checks can run. */
export function clusterShapeIssues(spec: unknown): ValidationIssue[] {
  return shapeIssues(spec, clusterSpecShape());
}

/** The shape problems of a cluster spec, and the spec without its ill-shaped parts. */
export function checkClusterShape<T>(spec: T): ShapeCheck<T> {
  return checkShape(spec, clusterSpecShape());
}
