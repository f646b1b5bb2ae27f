/**
 * Fields that may not change on an existing object: what Cluster API's and the providers' webhooks
 * reject, and what a running cluster cannot follow although the API server accepts it.
 */
import { API } from '../capi';
import type { ImmutableField, ImmutableFieldChange } from '../core/provider';
import { deepEqual, isUnder, valueAt } from './diff';
import type { PlanEntry } from './entry';
import { shownValue } from './fields';
import { groupOf } from './objects';
import { providerImmutableFields, providerServerDefaults } from './providers';
import { PlanManifest } from './types';

const CAPI_GROUP: string = API.cluster.group;
const CONTROL_PLANE_GROUP: string = API.controlPlane.group;

const removed = (c: ImmutableFieldChange) => c.setBefore && !c.setAfter;

/**
 * What changing a running cluster's pod or service network does. CAPI v1.14.0
 * core/webhooks/admission/cluster.go validate() only checks that the blocks are valid CIDRs: it
 * accepts a change.
 */
const CLUSTER_NETWORK_CHANGE =
  'a running cluster does not follow: existing pods and services keep their addresses, kube-proxy and the CNI keep the ranges they were installed with, and only control-plane machines created later get the new ones (API server service range, controller-manager cluster CIDR), so the cluster network breaks';

/** Cluster API's own fields, keyed `<group>/<Kind>`. */
const CAPI_IMMUTABLE_FIELDS: Record<string, ImmutableField[]> = {
  // CAPI v1.14.0 core/webhooks/admission/cluster.go validate(): the CIDRs are accepted (see
  // above); removing infrastructureRef or controlPlaneRef is refused ("cannot be removed").
  [`${CAPI_GROUP}/Cluster`]: [
    { path: 'spec.clusterNetwork.pods.cidrBlocks', accepted: CLUSTER_NETWORK_CHANGE },
    { path: 'spec.clusterNetwork.services.cidrBlocks', accepted: CLUSTER_NETWORK_CHANGE },
    { path: 'spec.infrastructureRef', when: removed, rule: 'cannot be removed', fix: 'keep it' },
    { path: 'spec.controlPlaneRef', when: removed, rule: 'cannot be removed', fix: 'keep it' },
  ],
  // CAPI v1.14.0 core/webhooks/admission/machinedeployment.go validate(): "field is immutable".
  [`${CAPI_GROUP}/MachineDeployment`]: [{ path: 'spec.clusterName', fix: 'create a new MachineDeployment in the other cluster instead' }],
  // CAPI v1.14.0 core/webhooks/admission/machinehealthcheck.go validate(): "field is immutable".
  [`${CAPI_GROUP}/MachineHealthCheck`]: [{ path: 'spec.clusterName', fix: 'create a new MachineHealthCheck in the other cluster instead' }],
  // CAPI v1.14.0 controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go
  // validateClusterConfiguration(): "cannot change between external and local etcd".
  [`${CONTROL_PLANE_GROUP}/KubeadmControlPlane`]: [
    { path: 'spec.kubeadmConfigSpec.clusterConfiguration.etcd.external', when: (c) => c.setBefore !== c.setAfter, rule: 'cannot switch between external and local etcd' },
  ],
};

/**
 * The paths of a KubeadmControlPlane that may change, `*` for anything below: CAPI v1.14.0
 * controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go ValidateUpdate() `allowedPaths`,
 * matched as its pathsMatch() does. Every other changed path is rejected ("cannot be modified").
 */
const KCP_ALLOWED_PATHS: readonly string[][] = [
  'metadata.*',
  'spec.kubeadmConfigSpec.clusterConfiguration.etcd',
  'spec.kubeadmConfigSpec.clusterConfiguration.etcd.*',
  'spec.kubeadmConfigSpec.clusterConfiguration.etcd.local',
  'spec.kubeadmConfigSpec.clusterConfiguration.etcd.local.*',
  'spec.kubeadmConfigSpec.clusterConfiguration.etcd.external.*',
  'spec.kubeadmConfigSpec.clusterConfiguration.dns',
  'spec.kubeadmConfigSpec.clusterConfiguration.dns.*',
  'spec.kubeadmConfigSpec.clusterConfiguration.imageRepository',
  'spec.kubeadmConfigSpec.clusterConfiguration.featureGates',
  'spec.kubeadmConfigSpec.clusterConfiguration.featureGates.*',
  'spec.kubeadmConfigSpec.clusterConfiguration.apiServer',
  'spec.kubeadmConfigSpec.clusterConfiguration.apiServer.*',
  'spec.kubeadmConfigSpec.clusterConfiguration.controllerManager',
  'spec.kubeadmConfigSpec.clusterConfiguration.controllerManager.*',
  'spec.kubeadmConfigSpec.clusterConfiguration.scheduler',
  'spec.kubeadmConfigSpec.clusterConfiguration.scheduler.*',
  'spec.kubeadmConfigSpec.clusterConfiguration.certificateValidityPeriodDays',
  'spec.kubeadmConfigSpec.clusterConfiguration.encryptionAlgorithm',
  'spec.kubeadmConfigSpec.initConfiguration.nodeRegistration',
  'spec.kubeadmConfigSpec.initConfiguration.nodeRegistration.*',
  'spec.kubeadmConfigSpec.initConfiguration.patches.directory',
  'spec.kubeadmConfigSpec.initConfiguration.patches',
  'spec.kubeadmConfigSpec.initConfiguration.skipPhases',
  'spec.kubeadmConfigSpec.initConfiguration.bootstrapTokens',
  'spec.kubeadmConfigSpec.initConfiguration.localAPIEndpoint',
  'spec.kubeadmConfigSpec.initConfiguration.localAPIEndpoint.*',
  'spec.kubeadmConfigSpec.initConfiguration.timeouts',
  'spec.kubeadmConfigSpec.initConfiguration.timeouts.*',
  'spec.kubeadmConfigSpec.joinConfiguration.nodeRegistration',
  'spec.kubeadmConfigSpec.joinConfiguration.nodeRegistration.*',
  'spec.kubeadmConfigSpec.joinConfiguration.patches.directory',
  'spec.kubeadmConfigSpec.joinConfiguration.patches',
  'spec.kubeadmConfigSpec.joinConfiguration.skipPhases',
  'spec.kubeadmConfigSpec.joinConfiguration.caCertPath',
  'spec.kubeadmConfigSpec.joinConfiguration.controlPlane',
  'spec.kubeadmConfigSpec.joinConfiguration.controlPlane.*',
  'spec.kubeadmConfigSpec.joinConfiguration.discovery',
  'spec.kubeadmConfigSpec.joinConfiguration.discovery.*',
  'spec.kubeadmConfigSpec.joinConfiguration.timeouts',
  'spec.kubeadmConfigSpec.joinConfiguration.timeouts.*',
  'spec.kubeadmConfigSpec.bootCommands',
  'spec.kubeadmConfigSpec.preKubeadmCommands',
  'spec.kubeadmConfigSpec.postKubeadmCommands',
  'spec.kubeadmConfigSpec.files',
  'spec.kubeadmConfigSpec.verbosity',
  'spec.kubeadmConfigSpec.users',
  'spec.kubeadmConfigSpec.ntp',
  'spec.kubeadmConfigSpec.ntp.*',
  'spec.kubeadmConfigSpec.ignition',
  'spec.kubeadmConfigSpec.ignition.*',
  'spec.kubeadmConfigSpec.diskSetup',
  'spec.kubeadmConfigSpec.diskSetup.*',
  'spec.kubeadmConfigSpec.format',
  'spec.kubeadmConfigSpec.mounts',
  'spec.machineTemplate.metadata',
  'spec.machineTemplate.metadata.*',
  'spec.machineTemplate.spec',
  'spec.machineTemplate.spec.*',
  'spec.replicas',
  'spec.version',
  'spec.remediation',
  'spec.remediation.*',
  'spec.machineNaming',
  'spec.machineNaming.*',
  'spec.rollout',
  'spec.rollout.*',
].map((p) => p.split('.'));

/** The upstream pathsMatch(): `*` allows anything below; a path must reach the allowed one's end. */
function pathsMatch(allowed: readonly string[], path: readonly string[]): boolean {
  let i = 0;
  for (i = 0; i < path.length; i++) {
    if (i > allowed.length - 1) return false;
    if (allowed[i] === '*') return true;
    if (path[i] !== allowed[i]) return false;
  }
  return i - 1 >= allowed.length - 1;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The paths of a JSON merge patch from `before` to `after`, as the KCP webhook lists them
 * (upstream paths()): a removed or replaced key is a path, lists are replaced whole, and an object
 * that replaces a non-object is listed by its leaves.
 */
function mergePatchPaths(before: Json, after: Record<string, Json>, path: string[], out: string[][]): void {
  const b = isObject(before) ? before : {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(after)])) {
    if (deepEqual(b[key], after[key])) continue;
    const next = after[key];
    if (isObject(next)) mergePatchPaths(b[key], next, [...path, key], out);
    else out.push([...path, key]);
  }
}

/** A value in a message: a reference as `Kind/name`, anything else by the secrecy rule. */
function show(value: Json, path: string): string {
  if (value === undefined) return '(unset)';
  if (isObject(value) && typeof value.kind === 'string' && typeof value.name === 'string') return `${value.kind}/${value.name}`;
  return shownValue(value, path.split('.'));
}

export interface ImmutableViolation {
  readonly object: PlanManifest;
  readonly message: string;
}

/** Changes of an updated object to fields that may not change (rules above and the providers'). */
export function immutableFieldViolations(e: PlanEntry): ImmutableViolation[] {
  const m = e.after!;
  const key = `${groupOf(m.apiVersion)}/${m.kind}`;
  const fields = [...(CAPI_IMMUTABLE_FIELDS[key] ?? []), ...(providerImmutableFields()[key] ?? [])];
  const defaults = providerServerDefaults()[key] ?? {};
  const withDefault = (obj: Json, path: string) => valueAt(obj, path) ?? defaults[path];
  const out: ImmutableViolation[] = [];
  for (const field of fields) {
    const { path } = field;
    // A changed path at or under the field, or above it (a whole object added or removed); an
    // unset field has the value the server fills in, so spelling out a default is no change.
    const before = withDefault(e.compared, path);
    const after = withDefault(m, path);
    if (!e.paths.some((p) => isUnder(p, path) || isUnder(path, p)) || deepEqual(before, after)) continue;
    const change: ImmutableFieldChange = {
      before,
      after,
      setBefore: valueAt(e.compared, path) !== undefined,
      setAfter: valueAt(m, path) !== undefined,
      valueBefore: (other) => withDefault(e.compared, other),
    };
    if (field.when && !field.when(change)) continue;
    const values = `(${show(before, path)} → ${show(after, path)})`;
    const fix = field.fix ?? 'create a new cluster instead';
    out.push({
      object: m,
      message: field.accepted
        ? `${path} changes on a running ${m.kind} ${values}: the API server accepts it, but ${field.accepted}; ${fix}`
        : `${path} ${field.rule ?? 'cannot change'} on an existing ${m.kind} ${values}: the API server rejects the update; ${fix}`,
    });
  }
  if (key === `${CONTROL_PLANE_GROUP}/KubeadmControlPlane`) {
    const changed: string[][] = [];
    mergePatchPaths(valueAt(e.compared, 'spec'), (valueAt(m, 'spec') ?? {}) as Record<string, Json>, ['spec'], changed);
    for (const path of changed.filter((p) => !KCP_ALLOWED_PATHS.some((allowed) => pathsMatch(allowed, p)))) {
      out.push({
        object: m,
        message: `${path.join('.')} cannot be modified on an existing KubeadmControlPlane: the API server rejects the update (its webhook allows changes only to the fields it lists); set it when the cluster is created, or revert the change`,
      });
    }
  }
  return out;
}
