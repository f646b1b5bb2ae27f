/**
 * What add-on changes do in the workload clusters. A CAAPH HelmChartProxy installs its chart on
 * every Cluster of its namespace its selector matches, and uninstalls the release from a Cluster
 * that stops matching (cluster-api-addon-provider-helm v0.6.4
 * controllers/helmchartproxy/helmchartproxy_controller.go reconcileNormal() deletes the
 * HelmReleaseProxies of Clusters no longer selected, and
 * controllers/helmreleaseproxy/helmreleaseproxy_controller.go reconcileDelete() uninstalls the
 * release): a deselection is a danger. A ClusterResourceSet never removes what it applied, and
 * its strategy is immutable (cluster-api v1.14.0 docs/book/src/tasks/cluster-resource-set.md):
 * its removal is said, not feared. A changed proxy that still selects the cluster upgrades the
 * release in place.
 */
import { KINDS } from '../capi';
import { changedPaths } from './diff';
import { PlanContext } from './entry';
import { ClusterId, PlanSide } from './objects';
import { PlanDanger, PlanInPlaceChange, PlanManifest } from './types';

interface Selector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: ReadonlyArray<{ key: string; operator: string; values?: string[] }>;
}

/** Whether a label selector matches `labels`; `emptyMatchesAll`: CAAPH's empty selector selects every Cluster, a ClusterResourceSet's none. */
function matches(selector: Selector | undefined, labels: Record<string, string>, emptyMatchesAll: boolean): boolean {
  const ml = Object.entries(selector?.matchLabels ?? {});
  const me = selector?.matchExpressions ?? [];
  if (ml.length === 0 && me.length === 0) return emptyMatchesAll;
  return ml.every(([k, v]) => labels[k] === v) && me.every(e => {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: return false;
    }
  });
}

const DELIVERING_KINDS: readonly string[] = [KINDS.helmChartProxy, KINDS.clusterResourceSet];

/** Per side, computed once: its Clusters by id, and the add-on objects of each namespace. */
interface SideIndex {
  readonly clusters: Map<ClusterId, PlanManifest>;
  readonly delivering: Map<string, Array<[string, PlanManifest]>>;
}
const indexes = new WeakMap<PlanSide, SideIndex>();

function indexOf(side: PlanSide): SideIndex {
  let index = indexes.get(side);
  if (!index) {
    index = { clusters: new Map(), delivering: new Map() };
    for (const [key, m] of side.objects) {
      const namespace = m.metadata.namespace ?? 'default';
      if (m.kind === KINDS.cluster) index.clusters.set(`${namespace}/${m.metadata.name}`, m);
      else if (DELIVERING_KINDS.includes(m.kind)) {
        const list = index.delivering.get(namespace) ?? [];
        list.push([key, m]);
        index.delivering.set(namespace, list);
      }
    }
    indexes.set(side, index);
  }
  return index;
}

/** The add-on objects of a side that select the Cluster `id` (namespace/name), by object key; undefined when the side has no such Cluster. */
function selecting(side: PlanSide, id: ClusterId): Map<string, PlanManifest> | undefined {
  const index = indexOf(side);
  const cluster = index.clusters.get(id);
  if (!cluster) return undefined;
  const labels = cluster.metadata.labels ?? {};
  const out = new Map<string, PlanManifest>();
  for (const [key, m] of index.delivering.get(id.slice(0, id.indexOf('/'))) ?? []) {
    const spec = (m as { spec?: { clusterSelector?: Selector } }).spec;
    if (matches(spec?.clusterSelector, labels, m.kind === KINDS.helmChartProxy)) out.set(key, m);
  }
  return out;
}

function spec(m: PlanManifest): Record<string, unknown> {
  return ((m as { spec?: Record<string, unknown> }).spec ?? {}) as Record<string, unknown>;
}

/** `cni (chart tigera-operator, release cni)`: what a proxy installs. */
function describeProxy(m: PlanManifest): string {
  const s = spec(m);
  return `${m.metadata.labels?.['capi-constructs.io/addon'] ?? m.metadata.name} (chart ${s.chartName}${s.releaseName ? `, release ${s.releaseName}` : ''})`;
}

/** Same chart and release name: the release another proxy would install again. */
function sameRelease(a: PlanManifest, b: PlanManifest): boolean {
  const sa = spec(a);
  const sb = spec(b);
  return sa.chartName === sb.chartName && sa.releaseName === sb.releaseName && sa.namespace === sb.namespace;
}

/** The add-on dangers of cluster `id`: releases CAAPH would uninstall from it. */
export function addonDangers(id: ClusterId, context: PlanContext): PlanDanger[] {
  const before = selecting(context.before, id);
  const after = selecting(context.after, id);
  // A deleted cluster loses everything with it: that danger is the cluster's.
  if (!before || !after) return [];
  const clusterName = id.slice(id.indexOf('/') + 1);
  const dangers: PlanDanger[] = [];
  for (const [key, m] of after) {
    const old = before.get(key);
    if (m.kind === KINDS.clusterResourceSet && old && spec(old).strategy !== spec(m).strategy) {
      dangers.push({ code: 'immutable-field-changed', object: `${m.kind}/${m.metadata.name}`, message: `the ClusterResourceSet strategy is immutable (${spec(old).strategy} to ${spec(m).strategy}): CAPI's webhook refuses the change; delete the ClusterResourceSet and create it again (what it applied stays in cluster ${clusterName})` });
    }
  }
  for (const [key, m] of before) {
    if (m.kind !== KINDS.helmChartProxy || after.has(key)) continue;
    const gone = !context.after.objects.has(key);
    const again = [...after.values()].find(n => n.kind === KINDS.helmChartProxy && sameRelease(m, n));
    dangers.push({
      code: 'addon-uninstalled',
      object: `${m.kind}/${m.metadata.name}`,
      message: `uninstalls ${describeProxy(m)} from cluster ${clusterName}: ${gone ? 'the HelmChartProxy is removed' : 'the HelmChartProxy no longer selects the Cluster (its labels or the selector changed)'}, and CAAPH deletes the release`
        + (again ? `; HelmChartProxy ${again.metadata.name} installs it again, so the workload cluster runs without it in between` : ''),
    });
  }
  return dangers;
}

/** Add-on changes applied to cluster `id` without replacing machines, with what each one does. */
export function addonInPlace(id: ClusterId, context: PlanContext): PlanInPlaceChange[] {
  const before = selecting(context.before, id) ?? new Map<string, PlanManifest>();
  const after = selecting(context.after, id);
  const out: PlanInPlaceChange[] = [];
  if (!after) return out;
  for (const [key, m] of after) {
    const old = before.get(key);
    if (m.kind === KINDS.helmChartProxy && old) {
      const paths = changedPaths(old, m).filter(p => p.startsWith('spec.'));
      if (paths.length === 0) continue;
      const from = spec(old).version;
      const to = spec(m).version;
      const what = from !== to ? `CAAPH upgrades the release from chart ${from} to ${to}` : 'CAAPH upgrades the release with the new values';
      out.push({ target: `add-on ${describeProxy(m)}: ${what}`, kind: m.kind, name: m.metadata.name, paths });
    }
  }
  for (const [key, m] of before) {
    if (m.kind !== KINDS.clusterResourceSet || after.has(key)) continue;
    out.push({ target: `add-on ${m.metadata.name}: the ClusterResourceSet no longer applies to the cluster; what it applied stays in the workload cluster (CAPI never removes it)`, kind: m.kind, name: m.metadata.name, paths: [] });
  }
  return out;
}
