/** `planChanges`: compares two manifest sets and says what applying the second will do. */
import { addonDangers, addonInPlace } from './addons';
import { changedPaths, projectOnto, valueAt } from './diff';
import { clusterDangers, externalReferences } from './dangers';
import { controlPlaneImpact, machineDeploymentImpact, poolName, CONTROL_PLANE_TARGET } from './machines';
import {
  ClusterId,
  KIND,
  groupOf,
  indexSide,
  isMachineTemplate,
  isRetained,
  referencesOf,
  PlanSide,
} from './objects';
import {
  Plan,
  PlanChange,
  PlanClass,
  PlanCleanupCandidate,
  PlanCluster,
  PlanDanger,
  PLAN_DANGER_CODES,
  PlanInPlaceChange,
  PlanManifest,
  PlanOptions,
  PlanRollout,
  PlanScaling,
  PlanInputError,
  PlanProviders,
  PlanVersionStep,
} from './types';
import { PlanContext, PlanEntry } from './entry';
import { coreWorkloadWindow, operatorProviderType, providerImpact } from './operator';
import { analyzeTopology, ClassAnalysis, isClusterClass, TopologyClusterImpact } from './topology';
import { CAPI_V1_14_SUPPORTED_VERSIONS, parseMinor, SupportedVersionWindow } from '../core/versions';

/** A window whose ends are not minors would make every version unsupported: refuse it. */
function checkedWindow(window: SupportedVersionWindow): SupportedVersionWindow {
  const oldest = parseMinor(window?.oldest);
  const newest = parseMinor(window?.newest);
  if (!oldest || !newest || oldest[0] * 1000 + oldest[1] > newest[0] * 1000 + newest[1]) {
    throw new PlanInputError(`invalid supported versions ${JSON.stringify(window)}: expected { oldest, newest } minors such as v1.31 and v1.36, oldest not above newest`);
  }
  return window;
}

/** Metadata the API server adds; never a change. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const TOPOLOGY_OWNED_LABEL = 'topology.cluster.x-k8s.io/owned';

/** The object without status and server-added metadata. */
export function normalizeManifest(m: PlanManifest): PlanManifest {
  const { status: _status, ...rest } = m as PlanManifest & { status?: unknown };
  const metadata: Record<string, unknown> = { ...m.metadata };
  // Deleting only what is there keeps the copy a fast object (a delete makes it a slow dictionary).
  for (const key of SERVER_METADATA) if (Object.prototype.hasOwnProperty.call(metadata, key)) delete metadata[key];
  if (m.metadata.annotations?.[LAST_APPLIED] !== undefined) {
    const { [LAST_APPLIED]: _last, ...annotations } = m.metadata.annotations;
    if (Object.keys(annotations).length) metadata.annotations = annotations;
    else delete metadata.annotations;
  }
  return { ...rest, metadata } as PlanManifest;
}


const KIND_RANK: Array<[RegExp, number]> = [
  [/^Namespace$/, 0],
  [/^Cluster$/, 1],
  [/Cluster$/, 2],
  [/^KubeadmControlPlane$/, 3],
  [/^MachineDeployment$/, 4],
  [/Template$/, 5],
  [/^MachineHealthCheck$/, 6],
];

function rank(kind: string): number {
  return KIND_RANK.find(([re]) => re.test(kind))?.[1] ?? 7;
}

export function compareObjects(a: { kind: string; name: string }, b: { kind: string; name: string }): number {
  return rank(a.kind) - rank(b.kind) || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name);
}

function byTarget<T extends { target: string; kind: string; name: string }>(a: T, b: T): number {
  const cp = (t: T) => (t.target === CONTROL_PLANE_TARGET ? 0 : 1);
  return cp(a) - cp(b) || a.target.localeCompare(b.target) || compareObjects(a, b);
}

/** Namespace first, then cluster name (`fleet/prod` before `fleet-a/alpha`). */
function compareClusterIds(a: ClusterId, b: ClusterId): number {
  const [na, ca] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)];
  const [nb, cb] = [b.slice(0, b.indexOf('/')), b.slice(b.indexOf('/') + 1)];
  return na.localeCompare(nb) || ca.localeCompare(cb);
}

function entryFor(key: string, before: PlanManifest | undefined, after: PlanManifest | undefined, live: boolean, classTemplates: Set<string>): PlanEntry {
  if (before && after) {
    const b = normalizeManifest(before);
    const a = normalizeManifest(after);
    const compared = live ? (projectOnto(b, a) as PlanManifest) : b;
    const paths = changedPaths(compared, a);
    return { key, before, after, compared, action: paths.length ? 'updated' : undefined, paths };
  }
  if (after) return { key, after, action: 'created', paths: [] };
  // Live, the topology controller's own objects (a topology Cluster's KubeadmControlPlane,
  // MachineDeployments, templates) are not in the manifests: they are no deletion (cluster-api
  // v1.14 api/core/v1beta2/common_types.go ClusterTopologyOwnedLabel).
  if (live && before!.metadata.labels?.[TOPOLOGY_OWNED_LABEL] !== undefined) return { key, before, compared: before, paths: [] };
  // A template that leaves the manifests stays on the cluster (prune disabled, retainOnDelete,
  // or simply live): it is a cleanup candidate, not a deletion. So are a ClusterClass's templates.
  const kept = (isMachineTemplate(before!) || classTemplates.has(key)) && (live || isRetained(before!));
  return { key, before, compared: before, action: kept ? undefined : 'deleted', paths: [] };
}

function manifestOf(e: PlanEntry): PlanManifest {
  return (e.after ?? e.before)!;
}

/** Clusters an entry belongs to: the after side's view, else the before side's. */
function clustersOf(e: PlanEntry, before: PlanSide, after: PlanSide, all: ClusterId[]): ClusterId[] {
  const m = manifestOf(e);
  if (m.kind === KIND.namespace && groupOf(m.apiVersion) === '') {
    return all.filter((id) => id.startsWith(`${m.metadata.name}/`));
  }
  const a = after.clusters.get(e.key) ?? [];
  return a.length ? a : (before.clusters.get(e.key) ?? []);
}

/**
 * Compares `before` (current: files, a git revision or the live management cluster) with `after`
 * (desired) and returns the plan: per cluster the changed objects, the machines CAPI will replace,
 * changes applied in place, Kubernetes version steps, dangers and templates to clean up.
 * Pure: no I/O. Throws `PlanInputError` when a side holds the same object twice.
 */
export function planChanges(before: readonly PlanManifest[], after: readonly PlanManifest[], options: PlanOptions = {}): Plan {
  const live = options.beforeIsLive ?? false;
  const b = indexSide(before, 'before');
  const a = indexSide(after, 'after');
  const keys = [...new Set([...b.objects.keys(), ...a.objects.keys()])].sort();
  const classTemplates = new Set([...b.objects.values()].filter(isClusterClass).flatMap((m) => referencesOf(m).map((r) => r.key)));
  const entries = keys.map((k) => entryFor(k, b.objects.get(k), a.objects.get(k), live, classTemplates));
  const clusterIds = [...new Set([...b.clusters.values(), ...a.clusters.values()].flat())].sort(compareClusterIds);

  const perCluster = new Map<ClusterId, PlanEntry[]>(clusterIds.map((id) => [id, []]));
  const noCluster: PlanEntry[] = [];
  for (const e of entries) {
    const ids = clustersOf(e, b, a, clusterIds);
    if (ids.length === 0) noCluster.push(e);
    for (const id of ids) perCluster.get(id)!.push(e);
  }
  const { providers: providerEntries, management, rest: unassigned } = splitManagement(noCluster);

  const referenced = new Set([...a.objects.values()].flatMap((m) => referencesOf(m).map((r) => r.key)));
  const context: PlanContext = {
    before: b,
    after: a,
    live,
    supportedVersions: checkedWindow(options.supportedVersions ?? coreWorkloadWindow(a.objects.values()) ?? CAPI_V1_14_SUPPORTED_VERSIONS),
    now: options.now ?? new Date(),
  };
  const topology = analyzeTopology(context);
  const clusters: PlanCluster[] = [];
  for (const id of clusterIds) {
    const c = planCluster(id, perCluster.get(id)!, referenced, entries, context, topology.clusters.get(id));
    // A cluster is affected only when something of it changes (or its class does; or, live, something is left over).
    if (c.changes.length || c.dangers.length || c.inPlace.length || c.rollouts.length || c.scaling.length || (live && c.cleanup.length)) clusters.push(c);
  }

  // A class and its templates belong to no cluster: they are the class's, not "objects of no cluster".
  const ofClass = new Map<string, PlanEntry[]>();
  const byKey = new Map(entries.map((e) => [e.key, e]));
  for (const cls of topology.classes) {
    const own = [...new Set([classKey(cls), ...cls.templateKeys])].map((k) => byKey.get(k)).filter((e): e is PlanEntry => e !== undefined && unassigned.includes(e));
    ofClass.set(cls.id, own);
  }
  const classEntries = new Set([...ofClass.values()].flat());
  const classes = topology.classes
    .map((cls) => planClass(cls, ofClass.get(cls.id)!, referenced, entries, context))
    .filter((c) => c.changes.length || c.dangers.length || c.impacts.length || (live && c.cleanup.length));
  const rest = unassigned.filter((e) => !classEntries.has(e));

  const unassignedChanges = rest
    .filter((e) => e.action)
    .map((e) => ({ ...toChange(e), ...(manifestOf(e).metadata.namespace ? { namespace: manifestOf(e).metadata.namespace } : {}) }))
    .sort(compareObjects);
  const unassignedDangers = clusterDangers(undefined, rest, entries, context);
  const providers = managementPart(providerEntries, management, entries, context);
  return {
    clusters,
    ...(classes.length ? { classes } : {}),
    ...(unassignedChanges.length || unassignedDangers.length ? { unassigned: { changes: unassignedChanges, dangers: unassignedDangers } } : {}),
    ...(providers ? { providers } : {}),
  };
}

/**
 * The objects of no cluster split three ways: cluster-api-operator provider objects, the other
 * objects of their namespaces (and those Namespaces), and the rest.
 */
function splitManagement(noCluster: PlanEntry[]): { providers: PlanEntry[]; management: PlanEntry[]; rest: PlanEntry[] } {
  const providers = noCluster.filter((e) => operatorProviderType(manifestOf(e)) !== undefined);
  const namespaces = new Set(providers.flatMap((e) => [e.before, e.after]).flatMap((m) => (m?.metadata.namespace ? [m.metadata.namespace] : [])));
  const inNamespace = (e: PlanEntry) => {
    const m = manifestOf(e);
    return m.kind === KIND.namespace && groupOf(m.apiVersion) === '' ? namespaces.has(m.metadata.name) : namespaces.has(m.metadata.namespace ?? '');
  };
  const isProvider = new Set(providers);
  const management = noCluster.filter((e) => !isProvider.has(e) && inNamespace(e));
  const taken = new Set([...providers, ...management]);
  return { providers, management, rest: noCluster.filter((e) => !taken.has(e)) };
}

function managementPart(providerEntries: PlanEntry[], management: PlanEntry[], all: PlanEntry[], context: PlanContext): PlanProviders | undefined {
  const impact = providerImpact(providerEntries);
  const objects = management
    .filter((e) => e.action)
    .map((e) => ({ ...toChange(e), ...(manifestOf(e).metadata.namespace ? { namespace: manifestOf(e).metadata.namespace } : {}) }))
    .sort(compareObjects);
  const dangers = sortDangers([...impact.dangers, ...clusterDangers(undefined, management, all, context)]);
  if (!impact.changes.length && !objects.length && !dangers.length) return undefined;
  return { changes: impact.changes, objects, dangers, unchecked: impact.unchecked };
}

/** In code order, then by object and message (as `clusterDangers` sorts its own). */
function sortDangers(dangers: PlanDanger[]): PlanDanger[] {
  const order = (code: PlanDanger['code']) => PLAN_DANGER_CODES.indexOf(code);
  return dangers.sort((a, b) => order(a.code) - order(b.code) || a.object.localeCompare(b.object) || a.message.localeCompare(b.message));
}

function classKey(cls: ClassAnalysis): string {
  return `cluster.x-k8s.io|ClusterClass|${cls.namespace}|${cls.name}`;
}

/**
 * A class with its entries: its changes, the topology analysis's impacts and dangers, the generic
 * dangers of its objects (a template missing, a machine template edited under the same name), and
 * templates it no longer references. A class template edited in place is no "template-mutated-in-place":
 * the topology controller compares the clusters' templates with the class's and rotates them.
 */
function planClass(cls: ClassAnalysis, own: PlanEntry[], referenced: Set<string>, all: PlanEntry[], context: PlanContext): PlanClass {
  const generic = clusterDangers(undefined, own, all, context).flatMap((d): PlanDanger[] => {
    if (d.code !== 'template-mutated-in-place') return [d];
    // A KubeadmControlPlaneTemplate's spec.template.spec is immutable (cluster-api v1.14
    // controlplane/kubeadm/webhooks/admission/kubeadmcontrolplanetemplate.go ValidateUpdate).
    if (d.object.startsWith('KubeadmControlPlaneTemplate/')) {
      return [{ ...d, code: 'immutable-field-changed', message: `${d.object.replace('/', ' ')} changes its spec.template.spec under the same name: the KubeadmControlPlaneTemplate webhook rejects it ("field is immutable"); give the template a new name (the hash of its spec)` }];
    }
    return [];
  });
  const cleanup: PlanCleanupCandidate[] = [];
  for (const e of own) {
    const m = manifestOf(e);
    if (isClusterClass(m) || referenced.has(e.key) || e.action === 'deleted') continue;
    const where = e.after
      ? 'in the manifests, but no ClusterClass references it'
      : context.live
        ? 'on the management cluster, but no ClusterClass references it'
        : 'superseded: left the manifests and is kept by its prune annotation';
    cleanup.push({ kind: m.kind, name: m.metadata.name, reason: `${where}; the topology controller made each cluster's own copy of the class's templates, so delete it once you no longer want to go back to it` });
  }
  return {
    name: cls.name,
    namespace: cls.namespace,
    changes: own.filter((e) => e.action).map(toChange).sort(compareObjects),
    impacts: cls.impacts,
    clusters: cls.clusters,
    dangers: sortDangers([...cls.dangers, ...generic]),
    cleanup: cleanup.sort(compareObjects),
  };
}


function toChange(e: PlanEntry): PlanChange {
  const m = manifestOf(e);
  return { kind: m.kind, name: m.metadata.name, action: e.action!, paths: e.paths };
}

function planCluster(
  id: ClusterId,
  entries: PlanEntry[],
  referenced: Set<string>,
  all: PlanEntry[],
  context: PlanContext,
  topology: TopologyClusterImpact | undefined,
): PlanCluster {
  const slash = id.indexOf('/');
  const namespace = id.slice(0, slash);
  const cluster = id.slice(slash + 1);
  const changes = entries.filter((e) => e.action).map(toChange).sort(compareObjects);

  const rollouts: PlanRollout[] = [];
  const scaling: PlanScaling[] = [];
  const inPlace: PlanInPlaceChange[] = [];
  const versions: PlanVersionStep[] = [];
  for (const e of entries) {
    const m = manifestOf(e);
    const isKcp = m.kind === KIND.controlPlane;
    const isMd = m.kind === KIND.machineDeployment;
    if (!isKcp && !isMd) continue;
    if (e.action === 'updated') {
      const impact = isKcp ? controlPlaneImpact(e, context) : machineDeploymentImpact(e, cluster, context);
      if (impact.rollout) rollouts.push(impact.rollout);
      if (impact.inPlace) inPlace.push(impact.inPlace);
      if (impact.scaling) scaling.push(impact.scaling);
    }
    const versionPath = isKcp ? 'spec.version' : 'spec.template.spec.version';
    const from = e.compared ? valueAt(e.compared, versionPath) : undefined;
    const to = e.after ? valueAt(e.after, versionPath) : undefined;
    if (e.action && from !== to && (typeof from === 'string' || typeof to === 'string')) {
      versions.push({
        target: isKcp ? CONTROL_PLANE_TARGET : poolName(m, cluster),
        kind: m.kind,
        name: m.metadata.name,
        from: typeof from === 'string' ? from : null,
        to: typeof to === 'string' ? to : null,
      });
    }
  }

  const t = topology;
  return {
    cluster,
    namespace,
    changes,
    rollouts: [...rollouts, ...(t?.rollouts ?? [])].sort(byTarget),
    scaling: [...scaling, ...(t?.scaling ?? [])].sort(byTarget),
    dangers: [...sortDangers([...clusterDangers(id, entries, all, context), ...(t?.dangers ?? [])]), ...addonDangers(id, context)],
    versions: [...versions, ...(t?.versions ?? [])].sort(byTarget),
    inPlace: [...[...inPlace, ...(t?.inPlace ?? [])].sort(byTarget), ...addonInPlace(id, context)],
    cleanup: cleanupCandidates(entries, referenced, context.live),
    externalReferences: [...externalReferences(entries, context), ...(t?.externalReferences ?? [])],
  };
}

/**
 * Templates of the cluster that no desired object references, worded for why they are left: the
 * cluster or the pool that used them is deleted, or a rotation superseded them.
 */
function cleanupCandidates(entries: PlanEntry[], referenced: Set<string>, live: boolean): PlanCleanupCandidate[] {
  const clusterDeleted = entries.find((e) => e.action === 'deleted' && e.before!.kind === KIND.cluster);
  // What used each template on the before side, and whether it is deleted.
  const usedBy = new Map<string, PlanEntry>();
  for (const e of entries) for (const ref of e.before ? referencesOf(e.before) : []) usedBy.set(ref.key, e);
  const out: PlanCleanupCandidate[] = [];
  for (const e of entries) {
    const m = manifestOf(e);
    if (!isMachineTemplate(m) || referenced.has(e.key) || e.action === 'deleted') continue;
    const user = usedBy.get(e.key);
    let reason: string;
    if (clusterDeleted) {
      reason = `left with the deleted cluster ${clusterDeleted.before!.metadata.name}; delete it once the cluster is deleted (its machines gone)`;
    } else if (user?.action === 'deleted' && user.before!.kind === KIND.machineDeployment) {
      reason = `left with the deleted worker pool ${user.before!.metadata.name}; delete it once the pool's machines are gone`;
    } else if (user?.action === 'deleted' && user.before!.kind === KIND.controlPlane) {
      reason = `left with the deleted control plane ${user.before!.metadata.name}; delete it once its machines are gone`;
    } else {
      const where = e.after
        ? 'in the manifests, but no KubeadmControlPlane or MachineDeployment references it'
        : live
          ? 'on the management cluster, but no desired object references it'
          : 'superseded: left the manifests and is kept by its prune annotation';
      reason = `${where}; delete it once the rollout has finished`;
    }
    out.push({ kind: m.kind, name: m.metadata.name, reason });
  }
  return out.sort(compareObjects);
}
