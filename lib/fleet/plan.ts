/**
 * The fleet's side of a plan: which layer change caused what. Given the inventory resolved at two
 * revisions and the plan of their rendered objects, every changed effective value is traced to
 * the layer entry that set it (provenance), and the changes of one entry are grouped:
 * `environment prod: version v1.34.2 → v1.35.0: 10 clusters, control plane then pools`.
 * A cluster that moves to another management cluster is a danger: the objects are the same, so
 * the object plan sees no change, but applying them means creating the cluster again on the new
 * management cluster while the old one still runs it; Cluster API moves a cluster with
 * `clusterctl move` (cluster-api v1.14 docs/book/src/clusterctl/commands/move.md).
 */
import { CONTROL_PLANE_TARGET } from '../plan/machines';
import { Plan } from '../plan/types';
import { canonicalJson } from '../support/hash';
import { ResolvedCluster, ResolvedFleet, ValueOrigin } from './types';

/** One changed value of one layer entry, and the clusters it changes. */
export interface FleetLayerChange {
  /** The layer (`environment`, `site`, ..., `cluster`). */
  readonly layer: string;
  /** The entry of the layer (`prod`), or the cluster's name for the cluster layer. */
  readonly entry: string;
  /** The wave, when the value comes from a rollout of the entry. @default - not from a rollout */
  readonly wave?: string;
  /** The value's path, as provenance writes it (`workerPools[general].replicas`). */
  readonly path: string;
  /** The value before; undefined when it was not set. */
  readonly before?: unknown;
  /** The value after; undefined when it is no longer set. */
  readonly after?: unknown;
  /** The clusters whose effective value changed, sorted. */
  readonly clusters: readonly string[];
  /**
   * What the change does to those clusters' machines, from the plan: `control plane then pools`,
   * `control plane`, `pools`, or `no machines replaced`.
   */
  readonly impact: string;
}

/** A cluster managed by another management cluster after the change. */
export interface FleetClusterMove {
  readonly cluster: string;
  readonly namespace: string;
  /** Management cluster before and after (undefined: the default folder, none named). */
  readonly from?: string;
  readonly to?: string;
}

/** The fleet part of a plan. */
export interface FleetPlan {
  /** Layer changes, broadest layer first, then entry, then path. */
  readonly layerChanges: readonly FleetLayerChange[];
  /** Clusters added or removed by the inventory. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  /** Clusters that move to another management cluster: dangers (`clusterctl move`). */
  readonly moves: readonly FleetClusterMove[];
}

/** The stable code of a move, as plan dangers have. */
export const CLUSTER_MOVED_DANGER = 'cluster-moved-management-cluster';

/** Traces the changes between two resolutions of an inventory to their layer entries. */
export function planFleet(before: ResolvedFleet, after: ResolvedFleet, plan: Plan): FleetPlan {
  const id = (c: ResolvedCluster) => `${c.namespace}/${c.name}`;
  const beforeById = new Map(before.clusters.map(c => [id(c), c]));
  const afterById = new Map(after.clusters.map(c => [id(c), c]));
  const groups = new Map<string, { origin: ValueOrigin; path: string; before?: unknown; after?: unknown; clusters: string[] }>();
  const moves: FleetClusterMove[] = [];
  for (const [key, a] of afterById) {
    const b = beforeById.get(key);
    if (!b) continue;
    if ((b.managementCluster ?? '') !== (a.managementCluster ?? '')) moves.push({ cluster: a.name, namespace: a.namespace, from: b.managementCluster, to: a.managementCluster });
    const old = new Map(b.provenance.filter(e => e.kind === 'spec').map(e => [e.path, e]));
    const seen = new Set<string>();
    for (const e of a.provenance.filter(p => p.kind === 'spec')) {
      seen.add(e.path);
      const was = old.get(e.path);
      if (was && canonicalJson(was.value) === canonicalJson(e.value)) continue;
      add(groups, e.origin, e.path, was?.value, e.value, a.name);
    }
    for (const [p, was] of old) if (!seen.has(p)) add(groups, was.origin, p, was.value, undefined, a.name);
  }
  const layerOrder = (layer: string) => {
    const i = after.layers.indexOf(layer);
    return i < 0 ? after.layers.length : i;
  };
  const layerChanges = [...groups.values()]
    .sort((x, y) => layerOrder(x.origin.layer) - layerOrder(y.origin.layer) || cmp(x.origin.entry, y.origin.entry) || cmp(x.origin.wave ?? '', y.origin.wave ?? '') || cmp(x.path, y.path))
    .map((g): FleetLayerChange => ({
      layer: g.origin.layer,
      entry: g.origin.entry,
      ...(g.origin.wave ? { wave: g.origin.wave } : {}),
      path: g.path,
      ...(g.before !== undefined ? { before: g.before } : {}),
      ...(g.after !== undefined ? { after: g.after } : {}),
      clusters: [...g.clusters].sort(),
      impact: impactOf(plan, g.clusters, g.path),
    }));
  return {
    layerChanges,
    added: [...afterById.keys()].filter(k => !beforeById.has(k)).sort(),
    removed: [...beforeById.keys()].filter(k => !afterById.has(k)).sort(),
    moves: moves.sort((x, y) => cmp(`${x.namespace}/${x.cluster}`, `${y.namespace}/${y.cluster}`)),
  };
}

function add(groups: Map<string, { origin: ValueOrigin; path: string; before?: unknown; after?: unknown; clusters: string[] }>, origin: ValueOrigin, path: string, before: unknown, after: unknown, cluster: string): void {
  const key = canonicalJson([origin.layer, origin.entry, origin.wave ?? '', path, before ?? null, after ?? null]);
  const group = groups.get(key);
  if (group) group.clusters.push(cluster);
  else groups.set(key, { origin, path, before, after, clusters: [cluster] });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * What the plan replaces for these clusters because of the change at `path`: the rollouts whose
 * reason names the changed field (its last name, e.g. `instanceType` or `version`), the control
 * plane first and the pools after it. When no rollout names it (a field whose name the rendered
 * object spells otherwise), every rollout of the clusters counts: never fewer than happen.
 */
function impactOf(plan: Plan, clusters: readonly string[], path: string): string {
  const names = new Set(clusters);
  const all = plan.clusters.filter(c => names.has(c.cluster)).flatMap(c => c.rollouts);
  const field = path.replace(/\[[^\]]*\]/g, '').split('.').pop() ?? path;
  const named = all.filter(r => r.reason.includes(field) || r.fieldChanges.some(f => f.path.split('.').includes(field)));
  const rollouts = named.length > 0 ? named : all;
  const controlPlane = rollouts.some(r => r.target === CONTROL_PLANE_TARGET);
  const pools = rollouts.some(r => r.target !== CONTROL_PLANE_TARGET);
  return controlPlane && pools ? 'control plane then pools' : controlPlane ? 'control plane' : pools ? 'pools' : 'no machines replaced';
}

/** A value as one short word of a plan line. */
function show(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = typeof value === 'string' ? value : canonicalJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The fleet section of a text plan: one line per layer change, then the moves (dangers). */
export function formatFleetPlan(fleet: FleetPlan): string {
  const lines: string[] = [];
  if (fleet.layerChanges.length > 0 || fleet.added.length > 0 || fleet.removed.length > 0) {
    lines.push('Fleet changes (by layer):');
    for (const c of fleet.layerChanges) {
      const n = c.clusters.length;
      const who = n <= 3 ? `${n} cluster${n === 1 ? '' : 's'} (${c.clusters.join(', ')})` : `${n} clusters`;
      lines.push(`  ${c.layer} ${c.entry}${c.wave ? ` (wave ${c.wave})` : ''}: ${c.path} ${show(c.before)} → ${show(c.after)}: ${who}, ${c.impact}`);
    }
    if (fleet.added.length > 0) lines.push(`  added: ${fleet.added.join(', ')}`);
    if (fleet.removed.length > 0) lines.push(`  removed: ${fleet.removed.join(', ')}`);
  }
  if (fleet.moves.length > 0) {
    lines.push('Fleet dangers:');
    for (const m of fleet.moves) {
      lines.push(`  [${CLUSTER_MOVED_DANGER}] ${m.namespace}/${m.cluster}: management cluster ${m.from ?? '(none)'} → ${m.to ?? '(none)'}: applying creates it again on ${m.to ?? 'the default'} while ${m.from ?? 'the old one'} still runs it; move it with clusterctl move (pause, move, then switch the inventory)`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n\n` : '';
}
