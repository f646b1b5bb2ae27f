import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DEFAULT_MANAGEMENT_CLUSTER, FleetClusterInput, fleetLayout, FleetLayoutOptions, FleetManagementClusterInput, renderFleet } from '../fleet';
import { ClusterChart } from './managed-cluster';

/** Props of a Fleet. */
export interface FleetProps {
  /** The resolved clusters (what `resolveFleet` gives, or fully written specs). */
  readonly clusters: readonly FleetClusterInput[];
  /**
   * The management clusters' own objects (providers) and the objects their clusters share
   * (identities): one chart per management cluster, `<management>` below the Fleet.
   * @default - none
   */
  readonly managementClusters?: readonly FleetManagementClusterInput[];
}

/**
 * A fleet in cdk8s: one ClusterChart per cluster (below `<management>/<namespace>/` in the
 * construct tree, so the same cluster name may occur in two namespaces or under two management
 * clusters), a chart per management cluster with its own and shared objects, and the add-on
 * charts every ManagedCluster creates. With `YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE`
 * `cdk8s synth` writes one folder per chart into dist/, and its cost grows linearly with the
 * number of clusters.
 *
 * `cdk8s synth` cannot write nested folders or files named `kustomization.yaml`, so the GitOps
 * layout (one folder per management cluster and per cluster below it) comes from
 * {@link Fleet.layout}, written by `writeLayout` after `app.synth()`; it holds the same objects as
 * dist/ (JSON patches and metadata added to ApiObjects by hand aside: the layout is rendered
 * from the clusters' specs).
 */
export class Fleet extends Construct {
  /** The chart of every cluster, in the order of `props.clusters`. */
  public readonly clusterCharts: readonly ClusterChart[];
  private readonly managementClusters: readonly FleetManagementClusterInput[];
  private readonly managementOf = new Map<ClusterChart, string>();

  constructor(scope: Construct, id: string, props: FleetProps) {
    super(scope, id);
    this.managementClusters = [...(props.managementClusters ?? [])];
    // Validates every cluster at once (one error for the whole fleet) before any chart exists.
    renderFleet(props.clusters, { managementClusters: this.managementClusters });
    const folders = new Map<string, Construct>();
    // One construct per management cluster and per namespace below it: construct ids and chart folder names stay unique.
    const folder = (...ids: string[]): Construct => ids.reduce<Construct>((parent, id, i) => {
      const key = ids.slice(0, i + 1).join('/');
      let next = folders.get(key);
      if (!next) folders.set(key, (next = new Construct(parent, id)));
      return next;
    }, this);
    for (const mc of this.managementClusters) {
      const objects = [...(mc.objects ?? []), ...(mc.shared ?? [])];
      if (objects.length === 0) continue;
      const chart = new Chart(folder(mc.name), 'management');
      for (const m of objects) new ApiObject(chart, `${m.kind}-${m.metadata.namespace ?? ''}-${m.metadata.name}`, m);
    }
    this.clusterCharts = props.clusters.map(c => {
      const mc = c.managementCluster ?? DEFAULT_MANAGEMENT_CLUSTER;
      const namespace = c.namespace ?? c.spec.namespace ?? 'default';
      const chart = new ClusterChart(folder(mc, namespace), c.name, c.spec);
      this.managementOf.set(chart, mc);
      return chart;
    });
  }

  /**
   * The GitOps layout of the fleet (path → content, see `fleetLayout`), from the clusters' specs
   * as they are now (pools and overrides added after construction included). Write it with
   * `writeLayout(dir, fleet.layout())` after `app.synth()`.
   */
  public layout(options: FleetLayoutOptions = {}): Map<string, string> {
    const clusters = this.clusterCharts.map(chart => ({ name: chart.cluster.clusterName, managementCluster: this.managementOf.get(chart), spec: chart.cluster.toSpec() }));
    return fleetLayout(renderFleet(clusters, { managementClusters: this.managementClusters }), options);
  }
}
