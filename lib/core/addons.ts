/**
 * Which add-ons a cluster has (its provider's defaults, then its own list, merged by name) and
 * the Cluster labels that make the shared HelmChartProxies and ClusterResourceSets select it.
 * The labels depend on the cluster alone, so the core renders them with the Cluster; the shared
 * objects are rendered from a set of clusters by `lib/addons`.
 */
import { LABELS } from '../capi';
import { providerOf } from './provider';
import { AddonSpec, ManagedClusterSpec } from './spec';

/** The channel of an add-on without one: also the Cluster label's value. */
export const DEFAULT_ADDON_CHANNEL = 'default';

/** An add-on of a cluster after merging, with the path it is reported at. */
export interface ClusterAddon {
  readonly addon: AddonSpec;
  /** `addons[2]`, or `(provider default <name>)` for a default the cluster does not list. */
  readonly path: string;
  /** True when the add-on comes from the provider's defaults (merged or not). */
  readonly providerDefault: boolean;
}

/**
 * Every add-on of the cluster, enabled or not: the provider's defaults first (each replaced field
 * by field by a cluster entry of the same name), then the cluster's other entries in order.
 */
export function clusterAddons(spec: ManagedClusterSpec): ClusterAddon[] {
  const own = spec.addons ?? [];
  const defaults = providerOf(spec.infrastructure)?.addons?.defaults ?? [];
  const out: ClusterAddon[] = [];
  const merged = new Set<number>();
  for (const d of defaults) {
    const i = own.findIndex(a => a?.name === d.name);
    if (i < 0) {
      out.push({ addon: d, path: `(provider default ${d.name})`, providerDefault: true });
    } else {
      merged.add(i);
      out.push({ addon: { ...d, ...own[i] } as AddonSpec, path: `addons[${i}]`, providerDefault: true });
    }
  }
  own.forEach((a, i) => {
    if (!merged.has(i)) out.push({ addon: a, path: `addons[${i}]`, providerDefault: false });
  });
  return out;
}

/** The add-ons that are installed (`enabled` is not false). */
export function enabledAddons(spec: ManagedClusterSpec): ClusterAddon[] {
  return clusterAddons(spec).filter(a => a.addon?.enabled !== false);
}

/** The channel of an add-on. */
export function addonChannel(addon: AddonSpec): string {
  return addon.channel ?? DEFAULT_ADDON_CHANNEL;
}

/** `addons.capi-constructs.io/<name>`: the Cluster label an add-on's delivering object selects by. */
export function addonLabelKey(name: string): string {
  return `${LABELS.addonPrefix}${name}`;
}

/** The Cluster labels of the cluster's enabled add-ons. */
export function addonClusterLabels(spec: ManagedClusterSpec): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const { addon } of enabledAddons(spec)) labels[addonLabelKey(addon.name)] = addonChannel(addon);
  return labels;
}
