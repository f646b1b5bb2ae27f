/**
 * The fleet summary of a plan: what happens, to how many clusters, and which ones. A change that
 * touches many clusters the same way is one group with the list of its clusters, so that a
 * reviewer of a 100-cluster pull request reads it once.
 *
 * Group keys never hold a cluster's own names: each cluster's object names differ
 * (`alpha-general-1a2b3c4d`, `beta-general-9f8e7d6c`), so texts are compared with the cluster's
 * name replaced by `{cluster}` (in a name that is the cluster's or starts with `<cluster>-`),
 * `namespace/{cluster}` by `{namespace}/{cluster}`, and the trailing spec hash of such a name (`-`
 * and 8 or more hex digits, as the core names templates) by `-{hash}`; other values (an AMI id)
 * stay as they are. A group of one cluster shows its real
 * names; a larger group shows the normalized ones.
 */
import { CONTROL_PLANE_TARGET } from './machines';
import {
  Plan,
  PlanCluster,
  PlanDanger,
  PlanDangerCode,
  PLAN_DANGER_CODES,
  PlanFieldChange,
  PlanInPlaceChange,
  PlanProviderChange,
  PlanRollout,
  PlanScaling,
  PlanVersionStep,
} from './types';

/** Machines replaced the same way in each cluster of the group. */
export interface PlanRolloutGroup {
  /** `control-plane` or the worker pool's name. */
  readonly target: string;
  /** `KubeadmControlPlane` or `MachineDeployment`. */
  readonly kind: string;
  /** `RollingUpdate`, or `OnDelete` (machines are replaced only when someone deletes them). */
  readonly strategy: PlanRollout['strategy'];
  /** When the rollout starts (`rollout.after` in the future); absent when it starts now. */
  readonly startsAt?: string;
  /**
   * The field changes behind the rollout, the same in every cluster of the group. When there are
   * any, they are the group's key (with target, kind, strategy and startsAt); else `causes` are.
   */
  readonly fieldChanges: PlanFieldChange[];
  /** The causes, names normalized when the group holds more than one cluster (as worded for its first cluster). */
  readonly causes: string[];
  /** Machines replaced over all the clusters of the group, autoscaled pools not counted. */
  readonly machines: number;
  /** Clusters of the group whose pool is autoscaled (how many machines roll there is unknown). */
  readonly autoscaled: number;
  /** Every cluster of the group (`namespace/name`), in the plan's order. */
  readonly clusters: string[];
  /** True when the machines roll only if ClusterClass patches change a template (see `PlanRollout.possible`). */
  readonly possible?: boolean;
}

/** The same replica change (from, to) in each cluster of the group. */
export interface PlanScalingGroup {
  /** `control-plane` or the worker pool's name. */
  readonly target: string;
  readonly kind: string;
  /** Replicas before. */
  readonly from: number;
  /** Replicas after. */
  readonly to: number;
  /** What it means (e.g. for etcd quorum), names normalized when the group holds more than one cluster. */
  readonly note?: string;
  /** Every cluster of the group (`namespace/name`), in the plan's order. */
  readonly clusters: string[];
}

/** The same Kubernetes version step in each cluster of the group. */
export interface PlanVersionGroup {
  /** `control-plane` or the worker pool's name. */
  readonly target: string;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  /** Every cluster of the group (`namespace/name`), in the plan's order. */
  readonly clusters: string[];
}

/** The same paths changed in place (no machine replaced) in each cluster of the group. */
export interface PlanInPlaceGroup {
  /** `control-plane` or the worker pool's name. */
  readonly target: string;
  readonly kind: string;
  /** The changed paths of the KubeadmControlPlane or MachineDeployment. */
  readonly paths: string[];
  /** Every cluster of the group (`namespace/name`), in the plan's order. */
  readonly clusters: string[];
}

/** The same danger (code, object and message, names normalized) in each cluster of the group. */
export interface PlanDangerGroup {
  /** The stable danger code. */
  readonly code: PlanDangerCode;
  /** `Kind/name`, names normalized when the group holds more than one cluster. */
  readonly object: string;
  /** What happens, names normalized when the group holds more than one cluster. */
  readonly message: string;
  /** Every cluster of the group (`namespace/name`), in the plan's order; empty for a danger of a ClusterClass or of objects that belong to no cluster. */
  readonly clusters: string[];
  /** True for a danger of the management cluster's providers (then `clusters` is empty). */
  readonly management?: true;
}

/** One provider change of the management cluster, as the summary lists it. */
export type PlanProviderStep = Pick<PlanProviderChange, 'step' | 'action' | 'type' | 'name' | 'provider' | 'from' | 'to'>;

/** `summarizePlan`'s result; also the `summary` key of the JSON output. */
export interface PlanSummary {
  /** How many clusters the plan affects. */
  readonly clusters: number;
  /** Ordered by danger code (as in `PLAN_DANGER_CODES`), then by how many clusters. */
  readonly dangers: PlanDangerGroup[];
  /** Machines replaced. This and the following lists: most clusters first, then the control plane before pools. */
  readonly rollouts: PlanRolloutGroup[];
  /** Replica changes. */
  readonly scaling: PlanScalingGroup[];
  /** Kubernetes version steps of objects on both sides (a new or deleted object's version is in its cluster's details). */
  readonly versions: PlanVersionGroup[];
  /** Changes applied without replacing machines. */
  readonly inPlace: PlanInPlaceGroup[];
  /** The management cluster's provider changes, in clusterctl's order; present only when the plan has `providers`. */
  readonly providers?: PlanProviderStep[];
}

const NAME_TOKEN = /[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?/g;
const HASH_SUFFIX = /-[0-9a-f]{8,}$/;

/** Replaces the cluster's own names in `text` (see the file comment). */
function normalizer(c: PlanCluster): (text: string) => string {
  const prefix = `${c.cluster}-`;
  const qualified = `${c.namespace}/{cluster}`;
  return (text) =>
    text
      .replace(NAME_TOKEN, (token) => {
        if (token === c.cluster) return '{cluster}';
        // Only the cluster's own names lose their hash: `ami-0c1d2e3f4a5b6c7d8` or `vpc-…` are values.
        return token.startsWith(prefix) ? `{cluster}${token.slice(c.cluster.length).replace(HASH_SUFFIX, '-{hash}')}` : token;
      })
      .split(qualified)
      .join('{namespace}/{cluster}');
}

/** The members of one group: what each cluster has, and the first one's normalizer. */
interface Bucket<T> {
  readonly first: T;
  readonly norm: (text: string) => string;
  readonly items: T[];
  readonly clusters: string[];
}

type Buckets<T> = Map<string, Bucket<T>>;

function collect<T>(buckets: Buckets<T>, key: string, item: T, cluster: string | undefined, norm: (text: string) => string): void {
  const bucket = buckets.get(key);
  if (!bucket) buckets.set(key, { first: item, norm, items: [item], clusters: cluster === undefined ? [] : [cluster] });
  else {
    bucket.items.push(item);
    if (cluster !== undefined) bucket.clusters.push(cluster);
  }
}

/** Each group: `build` gets the texts to show, normalized for more than one cluster, real for one. */
function groupsOf<T, G>(buckets: Buckets<T>, build: (b: Bucket<T>, show: (text: string) => string) => G): G[] {
  return [...buckets.values()].map((b) => build(b, b.clusters.length > 1 ? b.norm : (text) => text));
}

const keyOf = (...parts: unknown[]) => JSON.stringify(parts);

const byClusters = (a: { clusters: string[]; target: string }, b: { clusters: string[]; target: string }) =>
  b.clusters.length - a.clusters.length ||
  Number(b.target === CONTROL_PLANE_TARGET) - Number(a.target === CONTROL_PLANE_TARGET) ||
  a.target.localeCompare(b.target);

/**
 * Groups what the plan does by cause across clusters: rollouts, replica changes, version steps,
 * in-place changes and dangers, each with the complete list of its clusters. Pure and linear in
 * the size of the plan.
 */
export function summarizePlan(plan: Plan): PlanSummary {
  const rollouts: Buckets<PlanRollout> = new Map();
  const scaling: Buckets<PlanScaling> = new Map();
  const versions: Buckets<PlanVersionStep> = new Map();
  const inPlace: Buckets<PlanInPlaceChange> = new Map();
  const dangers: Buckets<PlanDanger> = new Map();
  for (const c of plan.clusters) {
    const id = `${c.namespace}/${c.cluster}`;
    const norm = normalizer(c);
    for (const r of c.rollouts) {
      const because = r.fieldChanges.length ? r.fieldChanges : r.causes.map(norm);
      collect(rollouts, keyOf(r.target, r.kind, r.strategy, r.startsAt, r.possible, because), r, id, norm);
    }
    for (const s of c.scaling) collect(scaling, keyOf(s.target, s.kind, s.from, s.to, s.note && norm(s.note)), s, id, norm);
    // A new or deleted object's version is no step: its creation or deletion says it (and its danger).
    for (const v of c.versions) if (v.from !== null && v.to !== null) collect(versions, keyOf(v.target, v.kind, v.from, v.to), v, id, norm);
    for (const p of c.inPlace) collect(inPlace, keyOf(p.target, p.kind, p.paths), p, id, norm);
    for (const d of c.dangers) collect(dangers, keyOf(d.code, norm(d.object), norm(d.message)), d, id, norm);
  }
  for (const c of plan.classes ?? []) for (const d of c.dangers) collect(dangers, keyOf('class', d.code, d.object, d.message), d, undefined, (text) => text);
  for (const d of plan.unassigned?.dangers ?? []) collect(dangers, keyOf('no cluster', d.code, d.object, d.message), d, undefined, (text) => text);
  const management = new Set<PlanDanger>(plan.providers?.dangers);
  for (const d of management) collect(dangers, keyOf('management', d.code, d.object, d.message), d, undefined, (text) => text);

  const order = (code: PlanDangerCode) => PLAN_DANGER_CODES.indexOf(code);
  return {
    clusters: plan.clusters.length,
    dangers: groupsOf(dangers, ({ first, clusters }, show) => ({
      code: first.code, object: show(first.object), message: show(first.message), clusters, ...(management.has(first) ? { management: true as const } : {}),
    }))
      .sort((a, b) => order(a.code) - order(b.code) || b.clusters.length - a.clusters.length || a.message.localeCompare(b.message)),
    rollouts: groupsOf(rollouts, ({ first, items, clusters }, show) => ({
      target: first.target,
      kind: first.kind,
      strategy: first.strategy,
      ...(first.startsAt ? { startsAt: first.startsAt } : {}),
      fieldChanges: first.fieldChanges,
      causes: first.causes.map(show),
      machines: items.reduce((n, r) => n + (r.machines ?? 0), 0),
      autoscaled: items.filter((r) => r.machines === null).length,
      clusters,
      ...(first.possible ? { possible: true } : {}),
    })).sort(byClusters),
    scaling: groupsOf(scaling, ({ first, clusters }, show) => ({
      target: first.target,
      kind: first.kind,
      from: first.from,
      to: first.to,
      ...(first.note !== undefined ? { note: show(first.note) } : {}),
      clusters,
    })).sort(byClusters),
    versions: groupsOf(versions, ({ first, clusters }) => ({ target: first.target, kind: first.kind, from: first.from!, to: first.to!, clusters })).sort(byClusters),
    inPlace: groupsOf(inPlace, ({ first, clusters }) => ({ target: first.target, kind: first.kind, paths: first.paths, clusters })).sort(byClusters),
    ...(plan.providers
      ? { providers: plan.providers.changes.map(({ step, action, type, name, provider, from, to }) => ({ step, action, type, name, provider, from, to })) }
      : {}),
  };
}
