/**
 * Renders the clusters of a fleet with the core, grouped by management cluster, as the input of
 * the GitOps layout. The objects are the ones the cdk8s engine emits for the same specs (a
 * ClusterChart per cluster, an `addons-<namespace>` chart per namespace): renderValidatedCluster
 * for each cluster and renderValidatedAddons for the shared add-on objects, which is what
 * ManagedCluster and ClusterAddons call.
 */
import { Manifest } from '../capi';
import { renderValidatedAddons } from '../addons';
import { DEFAULT_NAMESPACE } from '../core/render/context';
import { renderValidatedCluster } from '../core/render/cluster';
import { ManagedClusterSpec } from '../core/spec';
import { validateClusterSpec } from '../core/validate/cluster';
import '../providers';
import { CapiValidationError, ValidationIssue } from '../support/issues';
import { renderManagementCluster } from '../management';
import { LayoutManagementCluster } from './layout';
import { ResolvedFleet } from './types';

/** The folder of clusters that name no management cluster. */
export const DEFAULT_MANAGEMENT_CLUSTER = 'management';

/** One resolved cluster of a fleet: what the inventory's resolution gives for each cluster. */
export interface FleetClusterInput {
  /** Name of the cluster; must equal `spec.name`. */
  readonly name: string;
  /**
   * Namespace of the cluster's objects; must equal `spec.namespace` (or its default).
   * @default - `spec.namespace`, or `default`
   */
  readonly namespace?: string;
  /**
   * The management cluster that manages it (the top folder of the layout).
   * @default 'management'
   */
  readonly managementCluster?: string;
  /** The fully merged cluster spec. */
  readonly spec: ManagedClusterSpec;
}

/**
 * The management clusters of a resolved fleet as render inputs: each one with a spec brings its
 * own objects (Namespaces, ExternalSecrets, the cluster-api-operator providers), so the layout's
 * `providers/` folder holds what that management cluster runs; a named reference brings none.
 */
export function managementClusterInputs(fleet: Pick<ResolvedFleet, 'managementClusters'>): FleetManagementClusterInput[] {
  return fleet.managementClusters.map(mc => (mc.spec ? { name: mc.name, objects: renderManagementCluster({ ...mc.spec, name: mc.name }).manifests } : { name: mc.name }));
}

/** A management cluster's own objects and the shared objects the library does not derive. */
export interface FleetManagementClusterInput {
  /** Name of the management cluster. */
  readonly name: string;
  /**
   * Its own objects: providers (cluster-api-operator), their configuration and credentials.
   * @default - none
   */
  readonly objects?: readonly Manifest[];
  /**
   * Objects its clusters share besides their add-ons: identities (AWSClusterStaticIdentity,
   * VSphereClusterIdentity, AzureClusterIdentity), deployment zones, ...
   * @default - none
   */
  readonly shared?: readonly Manifest[];
}

/** Options of renderFleet. */
export interface RenderFleetOptions {
  /**
   * The management clusters' own and shared objects. A management cluster listed here with no
   * cluster still gets its folder (its providers).
   * @default - none: each management cluster named by a cluster, with its add-ons only
   */
  readonly managementClusters?: readonly FleetManagementClusterInput[];
}

/**
 * Validates every cluster, then renders each cluster's objects and each management cluster's
 * shared add-on objects. Throws one CapiValidationError listing every problem of every cluster,
 * each path starting with the cluster's name.
 */
export function renderFleet(clusters: readonly FleetClusterInput[], options: RenderFleetOptions = {}): LayoutManagementCluster[] {
  const issues: ValidationIssue[] = [];
  const groups = new Map<string, { input?: FleetManagementClusterInput; specs: ManagedClusterSpec[] }>();
  (options.managementClusters ?? []).forEach((mc, i) => {
    if (groups.has(mc.name)) issues.push({ path: `managementClusters[${i}].name`, message: `management cluster ${mc.name} is listed twice`, fix: 'list each once, with all its objects' });
    else groups.set(mc.name, { input: mc, specs: [] });
  });
  clusters.forEach((c, i) => {
    const at = `clusters[${i}] (${c?.name})`;
    const clusterIssues = validateClusterSpec(c.spec);
    issues.push(...clusterIssues.map(issue => ({ ...issue, path: `${at}.spec.${issue.path}` })));
    if (clusterIssues.length > 0) return;
    if (c.name !== c.spec.name) issues.push({ path: `${at}.name`, message: `the cluster is named ${c.name} but its spec ${c.spec.name}`, fix: 'give both the same name' });
    const namespace = c.spec.namespace ?? DEFAULT_NAMESPACE;
    if (c.namespace !== undefined && c.namespace !== namespace) issues.push({ path: `${at}.namespace`, message: `the cluster's namespace is ${c.namespace} but its spec's ${namespace}`, fix: 'give both the same namespace' });
    const mc = c.managementCluster ?? DEFAULT_MANAGEMENT_CLUSTER;
    let group = groups.get(mc);
    if (!group) groups.set(mc, (group = { specs: [] }));
    group.specs.push(c.spec);
  });
  if (issues.length > 0) throw new CapiValidationError(issues, 'fleet');

  const out: LayoutManagementCluster[] = [];
  for (const [name, { input, specs }] of groups) {
    const rendered = specs.map(spec => {
      try {
        return renderValidatedCluster(spec);
      } catch (e) {
        if (!CapiValidationError.isCapiValidationError(e)) throw e;
        issues.push(...e.issues.map(issue => ({ ...issue, path: `${spec.name}: ${issue.path}` })));
        return undefined;
      }
    });
    let addons: readonly Manifest[] = [];
    try {
      addons = renderValidatedAddons(specs).manifests;
    } catch (e) {
      if (!CapiValidationError.isCapiValidationError(e)) throw e;
      issues.push(...e.issues.map(issue => ({ ...issue, path: `management cluster ${name}: ${issue.path}` })));
    }
    out.push({
      name,
      objects: (input?.objects ?? []).map(manifest => ({ manifest })),
      shared: [...(input?.shared ?? []), ...addons].map(manifest => ({ manifest })),
      clusters: rendered.flatMap(r => (r ? [{
        name: r.name,
        namespace: r.namespace,
        objects: r.manifests.map((manifest, i) => ({ manifest, role: r.roles[i] })),
      }] : [])),
    });
  }
  if (issues.length > 0) throw new CapiValidationError(issues, 'fleet');
  return out;
}
