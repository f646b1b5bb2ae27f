import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { DEFAULT_MANAGEMENT_CLUSTER, FleetClusterInput, FleetManagementClusterInput, renderFleet } from '../fleet';
import { CapiValidationError } from '../support/issues';
import { ManagedCluster, ManagedClusterOptions } from './managed-cluster';

/** Pulumi type token of {@link Fleet}. */
export const FLEET_TYPE = 'capi-constructs:index:Fleet';

/** A management cluster of the fleet in Pulumi: the Kubernetes provider its objects go to, and its own objects. */
export interface FleetManagementClusterArgs extends FleetManagementClusterInput {
  /**
   * The Kubernetes provider of the management cluster.
   * @default - the Fleet's own `provider` option (the ambient kubeconfig without one)
   */
  readonly provider?: k8s.Provider;
}

/** Args of a {@link Fleet}. */
export interface FleetArgs {
  /** The resolved clusters (what `resolveFleet` gives, or fully written specs). */
  readonly clusters: readonly FleetClusterInput[];
  /**
   * The management clusters: their Kubernetes providers, own objects (providers) and shared
   * objects (identities).
   * @default - none: every cluster goes to the Fleet's own provider
   */
  readonly managementClusters?: readonly FleetManagementClusterArgs[];
  /**
   * Register only the clusters (and objects) of these management clusters: how a large fleet is
   * split into stacks, e.g. `[pulumi.getStack()]` with one stack per management cluster. The
   * whole fleet is still validated, so every stack sees the same errors.
   * @default - every management cluster
   */
  readonly only?: readonly string[];
  /**
   * Options of every ManagedCluster (protectCluster, waitForReady, ...).
   * @default - ManagedCluster's defaults
   */
  readonly clusterOptions?: ManagedClusterOptions;
}

/**
 * A fleet in Pulumi: one ManagedCluster per cluster, sent to its management cluster's Kubernetes
 * provider, and each management cluster's own and shared objects; the add-on objects are shared
 * per management cluster and namespace (ClusterAddons). The objects are the ones renderFleet gives
 * and the cdk8s Fleet synthesizes. A stack of hundreds of clusters is bounded by the Pulumi SDK's
 * memory (about 2.8 GB at 1000 clusters), so split the fleet with `only`: one stack per management
 * cluster or environment, each reading the same inventory.
 */
export class Fleet extends pulumi.ComponentResource {
  /** Every registered cluster, by `<management>/<namespace>/<name>`. */
  public readonly clusters: ReadonlyMap<string, ManagedCluster>;

  constructor(name: string, args: FleetArgs, opts?: pulumi.ComponentResourceOptions) {
    super(FLEET_TYPE, name, {}, opts);
    const managementClusters = args.managementClusters ?? [];
    // The whole fleet at once: one error listing every invalid cluster, before anything is registered.
    const rendered = renderFleet(args.clusters, { managementClusters });
    const only = args.only ? new Set(args.only) : undefined;
    const unknown = [...(only ?? [])].filter(mc => !rendered.some(r => r.name === mc));
    if (unknown.length > 0) {
      throw new CapiValidationError([{ path: 'only', message: `no management cluster ${unknown.join(', ')} in the fleet`, value: unknown, allowed: rendered.map(r => r.name).join(', ') }], `Fleet ${name}`);
    }
    const byName = new Map(managementClusters.map(mc => [mc.name, mc]));
    const clusters = new Map<string, ManagedCluster>();
    const taken = new Map<string, string>();
    for (const mc of rendered) {
      if (only && !only.has(mc.name)) continue;
      const input = byName.get(mc.name);
      const provider = input?.provider ?? opts?.provider;
      const childOpts: pulumi.ComponentResourceOptions = { parent: this, ...(provider ? { provider } : {}) };
      for (const m of [...(input?.objects ?? []), ...(input?.shared ?? [])]) {
        const { apiVersion, kind, metadata, ...rest } = m;
        new k8s.apiextensions.CustomResource(`${mc.name}/${kind}/${metadata.namespace ?? ''}/${metadata.name}`, { apiVersion, kind, metadata, ...rest }, childOpts);
      }
      for (const c of args.clusters.filter(c => (c.managementCluster ?? DEFAULT_MANAGEMENT_CLUSTER) === mc.name)) {
        // A ManagedCluster's objects are named `<namespace>/<cluster>/...` (URNs name no parent), so one
        // stack cannot hold the same namespace/name under two management clusters: split the stacks.
        const id = `${c.spec.namespace ?? 'default'}/${c.name}`;
        const other = taken.get(id);
        if (other !== undefined) {
          throw new CapiValidationError([{ path: `clusters (${c.name})`, message: `cluster ${id} is under management clusters ${other} and ${mc.name}; one Pulumi stack cannot register both`, fix: 'register each management cluster in its own stack (only: [...])' }], `Fleet ${name}`);
        }
        taken.set(id, mc.name);
        const { name: clusterName, ...spec } = c.spec;
        clusters.set(`${mc.name}/${id}`, new ManagedCluster(`${mc.name}/${id}`, { ...spec, ...args.clusterOptions, name: clusterName }, childOpts));
      }
    }
    this.clusters = clusters;
    this.registerOutputs({});
  }
}
