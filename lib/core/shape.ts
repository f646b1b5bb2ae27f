import { ValidationIssue } from './errors';

/**
 * The JSON shape of a ManagedClusterSpec: which fields are lists, objects, strings, numbers
 * and booleans. Specs often come from JavaScript, YAML inventories or stack config, where the
 * TypeScript types do not hold; the rule checks assume the shape, so it is checked first and
 * a wrong shape is reported as a validation issue instead of surfacing as a TypeError.
 */
type Shape =
  | 'string' | 'number' | 'boolean' | 'any'
  /** An object whose values are strings (labels, annotations, flags, tags). */
  | 'stringMap'
  /** A number or a string (int-or-percent fields). */
  | 'numberOrString'
  | { readonly list: Shape }
  /** `fields` as entries, computed once: the check runs for every cluster of a fleet. */
  | { readonly object: { readonly [key: string]: Shape }; readonly fields: ReadonlyArray<readonly [string, Shape]> };

const list = (item: Shape): Shape => ({ list: item });
const object = (fields: { [key: string]: Shape }): Shape => ({ object: fields, fields: Object.entries(fields) });

const secretRef = object({ name: 'string', key: 'string' });
const pin = object({ name: 'string', specHash: 'string' });
const taints = list(object({ key: 'string', value: 'string', effect: 'string' }));
const deletion = object({ nodeDrainTimeoutSeconds: 'number', nodeVolumeDetachTimeoutSeconds: 'number', nodeDeletionTimeoutSeconds: 'number' });
const healthCheck = object({
  unhealthyNodeConditions: list(object({ type: 'string', status: 'string', timeoutSeconds: 'number' })),
  nodeStartupTimeoutSeconds: 'number',
  maxUnhealthy: 'numberOrString',
  unhealthyRange: 'string',
});
const imageLookup = object({ org: 'string', baseOS: 'string', format: 'string' });
const machine = object({
  aws: object({
    instanceType: 'string', amiId: 'string', imageLookup,
    rootVolume: object({ sizeGiB: 'number', type: 'string', encrypted: 'boolean', iops: 'number', throughput: 'number' }),
    iamInstanceProfile: 'string', sshKeyName: 'string', subnetId: 'string', publicIP: 'boolean',
    additionalSecurityGroupIds: list('string'), additionalTags: 'stringMap',
  }),
  dev: object({
    customImage: 'string',
    extraMounts: list(object({ containerPath: 'string', hostPath: 'string', readOnly: 'boolean' })),
    preLoadImages: list('string'),
  }),
});
const kubeadmCommon = {
  files: list(object({
    path: 'string', content: 'string', contentFromSecret: secretRef, permissions: 'string', owner: 'string', encoding: 'string', append: 'boolean',
  })),
  preKubeadmCommands: list('string'),
  postKubeadmCommands: list('string'),
  users: list(object({
    name: 'string', sshAuthorizedKeys: list('string'), sudo: 'string', shell: 'string', groups: 'string',
    passwordFromSecret: secretRef, lockPassword: 'boolean',
  })),
  ntpServers: list('string'),
  kubeletExtraArgs: 'stringMap',
} as const;

/** Exported for tests; `any` marks fields whose own check accepts several types. */
export const CLUSTER_SPEC_SHAPE: Shape = object({
  name: 'string',
  namespace: 'string',
  labels: 'stringMap',
  annotations: 'stringMap',
  version: 'any',
  supportedVersions: object({ oldest: 'string', newest: 'string', source: 'string' }),
  network: object({ podCidrs: list('string'), serviceCidrs: list('string'), serviceDomain: 'string', apiServerPort: 'number' }),
  paused: 'boolean',
  infrastructure: object({
    aws: object({
      region: 'string',
      sshKeyName: 'string',
      network: object({
        managed: object({ vpcCidr: 'string', availabilityZoneCount: 'number' }),
        existing: object({ vpcId: 'string', subnetIds: list('string') }),
      }),
      controlPlaneLoadBalancer: object({ type: 'string', scheme: 'string' }),
      additionalTags: 'stringMap',
      identity: object({ kind: 'string', name: 'string' }),
      imageLookup,
    }),
    dev: object({
      loadBalancer: object({ imageRepository: 'string', imageTag: 'string' }),
      failureDomains: list(object({ name: 'string', controlPlane: 'boolean' })),
    }),
  }),
  controlPlane: object({
    ...kubeadmCommon,
    replicas: 'number',
    machine,
    apiServerExtraArgs: 'stringMap',
    controllerManagerExtraArgs: 'stringMap',
    schedulerExtraArgs: 'stringMap',
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
    autoscaling: object({ min: 'number', max: 'number' }),
    machine,
    version: 'any',
    nodeLabels: 'stringMap',
    taints,
    taintsViaMachineTaintPropagation: 'boolean',
    failureDomain: 'string',
    rollout: object({ type: 'string', maxSurge: 'numberOrString', maxUnavailable: 'numberOrString', after: 'string' }),
    deletionOrder: 'string',
    deletion,
    minReadySeconds: 'number',
    healthCheck,
    labels: 'stringMap',
    names: object({ machineDeployment: 'string', machineTemplate: pin, bootstrapTemplate: pin, healthCheck: 'string' }),
  })),
  names: object({ infrastructureCluster: 'string' }),
  overrides: list(object({ target: 'any', path: 'any', value: 'any', remove: 'any' })),
});

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function expected(shape: Shape): string {
  if (typeof shape === 'string') {
    return { string: 'a string', number: 'a number', boolean: 'true or false', any: 'a value', stringMap: 'an object of strings', numberOrString: 'a number or a string' }[shape];
  }
  return 'list' in shape ? 'a list' : 'an object';
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Problems with the shape of a spec (a list where an object belongs, a number for a string,
 * null for an omitted field...). Unknown fields are left to TypeScript. Empty when the shape
 * is right; the rule checks then run on a spec of the right shape.
 */
export function shapeIssues(spec: unknown, shape: Shape = CLUSTER_SPEC_SHAPE): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  visit(spec, shape, '', issues);
  return issues;
}

function visit(value: unknown, s: Shape, path: string, issues: ValidationIssue[]): void {
  if (value === undefined || s === 'any') return;
  let ok: boolean;
  if (s === 'string' || s === 'number' || s === 'boolean') {
    ok = typeof value === s;
  } else if (s === 'numberOrString') {
    ok = typeof value === 'number' || typeof value === 'string';
  } else if (s === 'stringMap') {
    ok = isPlainObject(value);
    if (ok) for (const k of Object.keys(value as object)) visit((value as Record<string, unknown>)[k], 'string', `${path}.${k}`, issues);
  } else if ('list' in s) {
    ok = Array.isArray(value);
    if (ok) (value as unknown[]).forEach((item, i) => visit(item === undefined ? null : item, s.list, `${path}[${i}]`, issues));
  } else {
    ok = isPlainObject(value);
    if (ok) for (const [k, fieldShape] of s.fields) visit((value as Record<string, unknown>)[k], fieldShape, path ? `${path}.${k}` : k, issues);
  }
  if (!ok) {
    issues.push({
      path: path || '(spec)', message: `must be ${expected(s)}, got ${typeName(value)}`, value,
      fix: value === null ? 'leave the field out instead of setting it to null' : `write ${expected(s)}`,
    });
  }
}
