/**
 * The public types of a fleet inventory: layers of defaults (environment > customer > site >
 * provider > cluster by default), the clusters that name the entries they belong to, and what
 * `resolveFleet` makes of them (merged specs, the provenance of every value, fleet issues).
 */
import { ManagedClusterSpec } from '../core/spec';
import { ValidationIssue } from '../support/issues';

/** The layers of an inventory when it names none, broadest first; the cluster's own layer always comes last. */
export const DEFAULT_LAYERS: readonly string[] = ['environment', 'customer', 'site', 'provider'];

/** Name of the last, most specific layer: the cluster entry itself. */
export const CLUSTER_LAYER = 'cluster';

/**
 * An item of a keyed list (`workerPools`, `addons`, `files`, `taints`) in a layer: `$remove: true`
 * removes the inherited item with the same key instead of merging into it.
 */
export interface RemovableEntry {
  /** Remove the inherited entry of the same key. @default false */
  readonly $remove?: boolean;
  /**
   * Merge into the inherited entry of the same key only; add nothing when no broader layer has
   * one (defaults for the pools other layers define). @default false
   */
  readonly $ifInherited?: boolean;
}

/**
 * What a layer contributes to a cluster spec: any part of a ManagedClusterSpec. Objects merge
 * deeply, lists replace, keyed lists merge by key, and `null` removes an inherited value.
 */
export type ClusterLayerSpec = LayerValue<ManagedClusterSpec>;

/** A part of a spec as a layer writes it (see ClusterLayerSpec). */
export type LayerValue<T> = T extends readonly (infer I)[]
  ? ReadonlyArray<LayerValue<I> & RemovableEntry>
  : T extends string | number | boolean ? T
    : T extends object ? { readonly [K in keyof T]?: LayerValue<T[K]> | null }
      : T;

/** A management cluster the inventory's clusters may be managed by (`managementCluster: NAME`). */
export interface ManagementClusterEntry {
  /** Name of the management cluster; layers and clusters refer to it by this name. */
  readonly name: string;
  /** Free text for people reading the inventory. @default - none */
  readonly description?: string;
  /** File the entry was read from (set by the inventory reader). @default - not from a file */
  readonly source?: string;
}

/**
 * A layer change rolled out in waves: it applies only to the clusters whose `wave` is listed,
 * right after the spec of the same entry (so more specific layers still win). Promote it by
 * listing more waves, and finish by moving it into the entry's `spec`.
 */
export interface LayerRollout {
  /** The waves that get the change (declared in the inventory's `waves`). */
  readonly waves: readonly string[];
  /** The change, like a layer's spec. */
  readonly spec: ClusterLayerSpec;
  /** Free text: what is rolled out and why. @default - none */
  readonly description?: string;
}

/** One entry of a layer: e.g. the environment `prod`, the site `fra1`, the provider `aws`. */
export interface LayerEntry {
  /** The layer this entry belongs to (one of the inventory's `layers`). */
  readonly layer: string;
  /** The entry's name; clusters name it (`layers: { site: fra1 }`). */
  readonly name: string;
  /**
   * The management cluster of every cluster in this entry (one of the inventory's
   * `managementClusters`); a more specific layer may set another.
   * @default - inherited from broader layers; none at all means unmanaged by the inventory
   */
  readonly managementCluster?: string;
  /**
   * Name of a network that the clusters of this entry share (routed pod, service and node
   * networks): clusters that share one must not have overlapping pod, service or VPC CIDRs.
   * @default - inherited from broader layers; none means the cluster's networks are its own
   */
  readonly sharedNetwork?: string;
  /** Defaults for the clusters of this entry. @default - none */
  readonly spec?: ClusterLayerSpec;
  /** Changes rolled out in waves, applied in order after `spec`. @default - none */
  readonly rollouts?: readonly LayerRollout[];
  /** Free text for people reading the inventory. @default - none */
  readonly description?: string;
  /** File the entry was read from (set by the inventory reader). @default - not from a file */
  readonly source?: string;
}

/** One cluster of the fleet: the entries it belongs to and the little it sets itself. */
export interface ClusterEntry {
  /** The cluster's name (the spec's `name`). */
  readonly name: string;
  /**
   * The entry of each layer the cluster belongs to, by layer name, e.g.
   * `{ environment: 'prod', customer: 'acme', site: 'fra1', provider: 'aws' }`.
   * @default - no layer entries: only the cluster's own spec
   */
  readonly layers?: Readonly<Record<string, string>>;
  /** The rollout wave of the cluster (one of the inventory's `waves`). @default - no wave: rollouts do not apply */
  readonly wave?: string;
  /** The cluster's management cluster, over the layers'. @default - inherited from its layers */
  readonly managementCluster?: string;
  /** The network the cluster shares, over the layers'. @default - inherited from its layers */
  readonly sharedNetwork?: string;
  /** The cluster's own values, the most specific layer. @default - none */
  readonly spec?: ClusterLayerSpec;
  /** Free text for people reading the inventory. @default - none */
  readonly description?: string;
  /** File the entry was read from (set by the inventory reader). @default - not from a file */
  readonly source?: string;
}

/** A whole fleet: layers, their entries, management clusters, waves and clusters. */
export interface Inventory {
  /**
   * Layer names, broadest first; the cluster's own layer always comes after them.
   * @default DEFAULT_LAYERS (environment, customer, site, provider)
   */
  readonly layers?: readonly string[];
  /** Management clusters that entries and clusters may name. @default - none */
  readonly managementClusters?: readonly ManagementClusterEntry[];
  /** Rollout waves, in the order they are meant to be promoted (e.g. canary, early). @default - none */
  readonly waves?: readonly string[];
  /** The entries of every layer. @default - none */
  readonly entries?: readonly LayerEntry[];
  /** The clusters. */
  readonly clusters: readonly ClusterEntry[];
  /** File the fleet settings were read from (set by the inventory reader). @default - not from a file */
  readonly source?: string;
}

/** Who set a value: a layer entry (or the cluster itself), its file, and the wave when it came from a rollout. */
export interface ValueOrigin {
  /** The layer's name (`environment`, `site`, ..., or `cluster`). */
  readonly layer: string;
  /** The entry's name (for the cluster layer: the cluster's name). */
  readonly entry: string;
  /** The file it was read from. @default - not from a file */
  readonly source?: string;
  /** The wave, when the value comes from a rollout of the entry. @default - not from a rollout */
  readonly wave?: string;
}

/** Where one effective value of a cluster came from. */
export interface ProvenanceEntry {
  /**
   * The value's path with keyed list items named by their key, as people read it:
   * `workerPools[general].machine.aws.instanceType`, `controlPlane.taints[dedicated:NoSchedule].value`.
   * Fleet attributes are `managementCluster` and `sharedNetwork`.
   */
  readonly path: string;
  /** The same path with list indexes, as validation issues write it: `workerPools[0].machine.aws.instanceType`. */
  readonly specPath: string;
  /** `spec` for a value of the merged spec, `attribute` for the cluster's fleet attributes. */
  readonly kind: 'spec' | 'attribute';
  /** The effective value (a whole list for lists that replace, `{}` for an empty object). */
  readonly value: unknown;
  /** The layer entry that set it last (and so won). */
  readonly origin: ValueOrigin;
  /** Earlier layers that set it too and were overridden, broadest first. */
  readonly overridden: readonly ValueOrigin[];
}

/** What fleet validation checks; stable, for tests and tools. */
export type FleetIssueRule =
  /** The inventory itself: unknown keys, wrong types, bad removal markers, unknown layers. */
  | 'inventory'
  /** A secret value where the inventory takes references only. */
  | 'secret'
  /** A layer entry, management cluster or wave that a cluster or entry names does not exist. */
  | 'unknown-reference'
  /** validateClusterSpec on the merged spec. */
  | 'cluster-spec'
  /** Two clusters of one name in one namespace of one management cluster. */
  | 'duplicate-cluster'
  /** Overlapping pod, service or VPC CIDRs of clusters that share a network. */
  | 'cidr-overlap';

/** One problem of a fleet: the issue, the cluster it belongs to, and who set the bad value. */
export interface FleetIssue extends ValidationIssue {
  /** What kind of check found it. */
  readonly rule: FleetIssueRule;
  /** The cluster, for problems of one cluster. @default - a problem of the inventory */
  readonly cluster?: string;
  /** The layer entries (and files) that set the bad value, most specific first. @default - none known */
  readonly origins?: readonly ValueOrigin[];
  /** The file the problem is in, for problems of the inventory itself. @default - origins say it, or none */
  readonly source?: string;
}

/** One cluster of a resolved fleet. */
export interface ResolvedCluster {
  readonly name: string;
  /** The spec's namespace, `default` when it sets none. */
  readonly namespace: string;
  /** The management cluster that manages it. @default - none set by the inventory */
  readonly managementCluster?: string;
  /** The network it shares with other clusters. @default - none */
  readonly sharedNetwork?: string;
  /** Its rollout wave. @default - none */
  readonly wave?: string;
  /** The layer entries it belongs to, broadest first (the cluster itself last). */
  readonly layers: readonly ValueOrigin[];
  /** The merged spec, ready for renderManagedCluster when `valid`. */
  readonly spec: ManagedClusterSpec;
  /** Where every effective value came from, in spec order. */
  readonly provenance: readonly ProvenanceEntry[];
  /** True when no fleet issue concerns this cluster. */
  readonly valid: boolean;
}

/** What resolveFleet makes of an inventory. */
export interface ResolvedFleet {
  /** The layer names in effect, broadest first, `cluster` last. */
  readonly layers: readonly string[];
  /** Every cluster, in inventory order, valid or not. */
  readonly clusters: readonly ResolvedCluster[];
  /** The management clusters the inventory declares. */
  readonly managementClusters: readonly ManagementClusterEntry[];
  /** Every problem of the fleet, all at once; empty when the fleet is valid. */
  readonly issues: readonly FleetIssue[];
}
