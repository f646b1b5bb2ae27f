/** Dangers of a change, each with a stable code (see PLAN_DANGER_CODES). */
import { API } from '../capi';
import { isUnder, valueAt } from './diff';
import { autoscalerBounds, controlPlaneMaxSurge, controlPlaneReplicas } from './machines';
import { ClusterId, KIND, displayName, groupOf, isMachineTemplate, referencesOf } from './objects';
import type { PlanContext, PlanEntry } from './entry';
import { immutableFieldViolations } from './immutable';
import { PlanDanger, PlanDangerCode, PLAN_DANGER_CODES, PlanExternalReference, PlanManifest } from './types';
import { compareVersions, formatMinor, isInWindow, KUBELET_MAX_MINOR_SKEW, minorDistance, parseVersion, ParsedVersion } from '../core/versions';

const CAPI_GROUP: string = API.cluster.group;
const INFRA_GROUP: string = API.infrastructure.group;

function danger(code: PlanDangerCode, m: PlanManifest, message: string): PlanDanger {
  return { code, message, object: displayName(m) };
}

function manifestOf(e: PlanEntry): PlanManifest {
  return (e.after ?? e.before)!;
}

function is(e: PlanEntry, kind: string, group = CAPI_GROUP): boolean {
  const m = manifestOf(e);
  return m.kind === kind && groupOf(m.apiVersion).endsWith(group);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The dangers of the entries of one cluster (`id`), or of the objects that belong to no cluster
 * (`id` undefined). `all` is every entry of the plan (for moves between namespaces).
 */
export function clusterDangers(id: ClusterId | undefined, entries: PlanEntry[], all: PlanEntry[], context: PlanContext): PlanDanger[] {
  const out: PlanDanger[] = [];
  const clusterDeleted = entries.some((e) => e.action === 'deleted' && is(e, KIND.cluster));
  for (const e of entries) {
    if (e.action === 'deleted') out.push(...deletionDangers(e, id, clusterDeleted));
    if (e.action === 'updated') out.push(...updateDangers(e));
  }
  out.push(...controlPlaneDangers(entries));
  out.push(...versionDangers(entries, context));
  out.push(...referenceDangers(entries, context));
  out.push(...moveDangers(entries, all, context));
  const order = (code: PlanDangerCode) => PLAN_DANGER_CODES.indexOf(code);
  return out.sort((a, b) => order(a.code) - order(b.code) || a.object.localeCompare(b.object) || a.message.localeCompare(b.message));
}

function deletionDangers(e: PlanEntry, id: ClusterId | undefined, clusterDeleted: boolean): PlanDanger[] {
  const m = e.before!;
  if (is(e, KIND.cluster)) {
    return [danger('cluster-deleted', m, `deleting Cluster ${m.metadata.name} deletes every machine of it and the cloud resources its provider created (network, load balancers, instances)`)];
  }
  if (m.kind === KIND.namespace && groupOf(m.apiVersion) === '') {
    const holds = id ? `, including cluster ${id.slice(id.indexOf('/') + 1)} with all its machines and cloud resources` : '';
    return [danger('namespace-deleted', m, `deleting Namespace ${m.metadata.name} deletes every object in it${holds}`)];
  }
  if (clusterDeleted) return [];
  if (is(e, KIND.controlPlane, 'controlplane.cluster.x-k8s.io')) {
    return [danger('control-plane-deleted', m, `deleting the control plane deletes its ${plural(controlPlaneReplicas(m), 'machine')} while the Cluster stays: the cluster stops working`)];
  }
  if (is(e, KIND.machineDeployment)) {
    const bounds = autoscalerBounds(m);
    const replicas = valueAt(m, 'spec.replicas');
    const count = bounds ? 'all its machines (autoscaled)' : `its ${plural(typeof replicas === 'number' ? replicas : 1, 'machine')}`;
    return [danger('pool-deleted', m, `deleting worker pool ${m.metadata.name} drains and deletes ${count}`)];
  }
  return [];
}

function updateDangers(e: PlanEntry): PlanDanger[] {
  const m = e.after!;
  const out: PlanDanger[] = [];
  for (const v of immutableFieldViolations(e)) out.push(danger('immutable-field-changed', v.object, v.message));
  if (isMachineTemplate(m)) {
    const spec = e.paths.filter((p) => isUnder(p, 'spec'));
    if (spec.length && groupOf(m.apiVersion) === INFRA_GROUP) {
      out.push(danger('immutable-field-changed', m, `${m.kind} ${m.metadata.name} changes its spec (${spec.join(', ')}) under the same name: machine templates are immutable and the webhook rejects it; give the template a new name (the hash of its spec) so that CAPI rolls the machines`));
    } else if (spec.length) {
      out.push(danger('template-mutated-in-place', m, `${m.kind} ${m.metadata.name} changes its spec (${spec.join(', ')}) under the same name: no machine rolls, only machines created later get it; give the template a new name (the hash of its spec)`));
    }
  }
  return out;
}

function replicasChanged(e: PlanEntry): boolean {
  return e.action === 'created' || (e.action === 'updated' && e.paths.some((p) => isUnder(p, 'spec.replicas')));
}

function controlPlaneDangers(entries: PlanEntry[]): PlanDanger[] {
  const out: PlanDanger[] = [];
  for (const e of entries) {
    if (!e.after || !is(e, KIND.controlPlane, 'controlplane.cluster.x-k8s.io')) continue;
    const m = e.after;
    const replicas = controlPlaneReplicas(m);
    if (replicasChanged(e) && replicas % 2 === 0) {
      out.push(danger('control-plane-even', m, `${replicas} control plane machines: etcd needs a majority, so an even count tolerates no more failures than ${replicas - 1}; use an odd count`));
    }
    if (e.action !== 'updated') continue;
    const old = controlPlaneReplicas(e.before!);
    if (replicas < old && (replicas < Math.floor(old / 2) + 1 || (replicas === 1 && old >= 3))) {
      out.push(danger('control-plane-below-quorum', m, `scaling the control plane from ${old} to ${replicas} removes a majority of the current etcd members and leaves ${replicas === 1 ? 'no fault tolerance' : 'less than a quorum of the old membership'}`));
    }
    const rolling = e.paths.some((p) => ['spec.version', 'spec.machineTemplate.spec.infrastructureRef', 'spec.kubeadmConfigSpec', 'spec.rollout.after'].some((r) => isUnder(p, r)));
    if (rolling && controlPlaneMaxSurge(m) === 0 && replicas < 3) {
      out.push(danger('control-plane-below-quorum', m, `the control plane rolls with maxSurge 0 and ${plural(replicas, 'replica')}: KCP removes a machine before creating its replacement, which loses etcd quorum; use maxSurge 1`));
    }
  }
  return out;
}

interface Versioned {
  readonly entry: PlanEntry;
  readonly m: PlanManifest;
  readonly before?: ParsedVersion;
  readonly after?: ParsedVersion;
  readonly changed: boolean;
}

function versioned(e: PlanEntry, path: string): Versioned {
  const before = e.compared ? parseVersion(valueAt(e.compared, path)) : undefined;
  const after = e.after ? parseVersion(valueAt(e.after, path)) : undefined;
  const changed = e.action === 'created' || (e.action === 'updated' && e.paths.some((p) => isUnder(p, path)));
  return { entry: e, m: manifestOf(e), before, after, changed };
}

function versionDangers(entries: PlanEntry[], context: PlanContext): PlanDanger[] {
  const out: PlanDanger[] = [];
  const window = context.supportedVersions;
  const unsupported = (v: Versioned, what: string) => {
    if (v.changed && v.after && !isInWindow(v.after, window)) {
      out.push(danger('version-unsupported', v.m, `${what} ${formatMinor(v.after)} is outside the supported window ${window.oldest} to ${window.newest} of this Cluster API version`));
    }
  };
  const cp = entries.filter((e) => is(e, KIND.controlPlane, 'controlplane.cluster.x-k8s.io')).map((e) => versioned(e, 'spec.version'))[0];
  if (cp?.after) {
    if (cp.before && cp.changed) {
      const step = minorDistance(cp.before, cp.after);
      if (step > 1) {
        const skipped = Array.from({ length: step - 1 }, (_, i) => `v${cp.before!.major}.${cp.before!.minor + i + 1}`);
        out.push(danger('version-skip', cp.m, `control plane ${formatMinor(cp.before)} → ${formatMinor(cp.after)} skips ${skipped.join(', ')}: Kubernetes upgrades the control plane one minor at a time`));
      }
      if (compareVersions(cp.after, cp.before) < 0) {
        out.push(danger('version-downgrade', cp.m, `control plane ${formatMinor(cp.before)} → ${formatMinor(cp.after)} is a downgrade, which Kubernetes and kubeadm do not support`));
      }
    }
    unsupported(cp, 'control plane version');
  }
  const pools = entries.filter((e) => e.after && is(e, KIND.machineDeployment)).map((e) => versioned(e, 'spec.template.spec.version'));
  for (const pool of pools) {
    unsupported(pool, `worker pool ${pool.m.metadata.name} version`);
    if (!pool.after || !cp?.after || !(pool.changed || cp.changed)) continue;
    // While the control plane rolls, the old version still serves: CAPI does not order the two.
    const cpRolling = cp.changed && cp.before !== undefined && compareVersions(cp.before, cp.after) < 0;
    const floor = cpRolling ? cp.before! : cp.after;
    const name = pool.m.metadata.name;
    if (compareVersions(pool.after, cp.after) > 0) {
      out.push(danger('workers-ahead-of-control-plane', pool.m, `worker pool ${name} would run ${formatMinor(pool.after)}, newer than the control plane ${formatMinor(cp.after)}: kubelets may not be newer than the API server`));
    } else if (pool.changed && compareVersions(pool.after, floor) > 0 && minorDistance(floor, pool.after) > 0) {
      out.push(danger('workers-ahead-of-control-plane', pool.m, `worker pool ${name} moves to ${formatMinor(pool.after)} in the same change as the control plane, which stays on ${formatMinor(floor)} until its own rollout finishes: upgrade the control plane first and the workers in a later change`));
    }
    if (minorDistance(pool.after, cp.after) > KUBELET_MAX_MINOR_SKEW) {
      out.push(danger('workers-too-far-behind', pool.m, `worker pool ${name} on ${formatMinor(pool.after)} lags the control plane ${formatMinor(cp.after)} by more than ${KUBELET_MAX_MINOR_SKEW} minors (kubelet skew policy)`));
    }
  }
  return out;
}

/**
 * References to objects the desired side does not hold. Comparing two manifest sets, only those
 * the change causes (the referring object changed, or the referenced one left: identical inputs
 * give "No changes", whatever they reference), and none to objects managed outside the manifests
 * (see `externalReferences`). Against the live cluster, every reference neither side holds.
 */
function referenceDangers(entries: PlanEntry[], context: PlanContext): PlanDanger[] {
  const out: PlanDanger[] = [];
  for (const e of entries) {
    if (!e.after) continue;
    for (const ref of referencesOf(e.after)) {
      // A live before side counts: a template that exists on the cluster is not missing.
      if (context.after.objects.has(ref.key) || (context.live && context.before.objects.has(ref.key))) continue;
      if (!context.live && !e.action && !context.before.objects.has(ref.key)) continue;
      if (ref.external && !context.live) continue;
      const code = ref.template ? 'template-missing' : 'reference-missing';
      out.push(danger(code, e.after, `${ref.path} points to ${ref.kind}/${ref.name}, which ${context.live ? 'neither the manifests nor the management cluster hold' : 'is not in the manifests'}: CAPI cannot create machines from it`));
    }
  }
  return out;
}

/** References of changed objects to objects managed outside the manifests, which only `--live` can check. */
export function externalReferences(entries: PlanEntry[], context: PlanContext): PlanExternalReference[] {
  if (context.live) return [];
  const out: PlanExternalReference[] = [];
  for (const e of entries) {
    if (!e.after || !e.action) continue;
    for (const ref of referencesOf(e.after)) {
      if (ref.external && !context.after.objects.has(ref.key)) out.push({ object: `${e.after.kind}/${e.after.metadata.name}`, path: ref.path, kind: ref.kind, name: ref.name });
    }
  }
  return out;
}

function primaryCluster(clusters: ClusterId[] | undefined): ClusterId | undefined {
  return clusters?.[0];
}

/** Group, kind and name: what an object keeps when it moves to another namespace. */
function moveKey(m: PlanManifest): string {
  return JSON.stringify([groupOf(m.apiVersion), m.kind, m.metadata.name]);
}

const deletedIndexes = new WeakMap<PlanEntry[], Map<string, PlanEntry>>();

/** The first deleted entry of `all` per `moveKey`, built once per plan (a search per created object was quadratic). */
function deletedByName(all: PlanEntry[]): Map<string, PlanEntry> {
  let index = deletedIndexes.get(all);
  if (!index) {
    index = new Map();
    for (const o of all) {
      if (o.action !== 'deleted') continue;
      const key = moveKey(o.before!);
      if (!index.has(key)) index.set(key, o);
    }
    deletedIndexes.set(all, index);
  }
  return index;
}

function moveDangers(entries: PlanEntry[], all: PlanEntry[], context: PlanContext): PlanDanger[] {
  const out: PlanDanger[] = [];
  for (const e of entries) {
    const m = manifestOf(e);
    if (e.before && e.after) {
      const from = primaryCluster(context.before.clusters.get(e.key));
      const to = primaryCluster(context.after.clusters.get(e.key));
      if (from && to && from !== to) {
        out.push(danger('object-moved', m, `${displayName(m)} moves from cluster ${from} to cluster ${to}: CAPI does not move objects; it deletes and recreates what they own`));
      }
    }
    if (e.action !== 'created') continue;
    const origin = deletedByName(all).get(moveKey(m));
    if (origin) {
      const fromNs = origin.before!.metadata.namespace ?? '(cluster scope)';
      out.push(danger('object-moved', m, `${displayName(m)} moves from namespace ${fromNs} to ${m.metadata.namespace ?? '(cluster scope)'}: that deletes the old object (and what it owns) and creates a new one`));
    }
  }
  return out;
}

