import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Manifest, manifestKey, referencedObjects } from '../capi';
import {
  CLUSTER_CLASS_ROLES, ClusterClassReference, ClusterClassSpec, clusterClassReference, isImmutableTemplate, renderClusterClass, renderTopologyCluster,
  TopologyClusterSpec,
} from '../core';
import '../providers';
import { ManagementClusterSpec, validateTopologyClusterForManagement } from '../management';
import { ValidationIssue } from '../support/issues';
import { throwIfIssues } from './aws/_issues';
import { ManagementCluster } from './management-cluster';
import { PlannedResource, registerPlanned, renderCollectingIssues, resourceArgs, toPropertyIssue } from './_resources';

/** Pulumi type token of {@link ClusterClass}. */
export const CLUSTER_CLASS_TYPE = 'capi-constructs:index:ClusterClass';
/** Pulumi type token of {@link TopologyCluster}. */
export const TOPOLOGY_CLUSTER_TYPE = 'capi-constructs:index:TopologyCluster';

/** Arguments of {@link ClusterClass}: the core `ClusterClassSpec`, the name defaulting to the resource name. Plain values only (templates are hashed). */
export interface ClusterClassArgs extends Omit<ClusterClassSpec, 'name'> {
  /** Name of the ClusterClass. @default - the Pulumi resource name */
  readonly name?: string;
}

/** What {@link ClusterClass} registers, computed without Pulumi resources. */
export interface ClusterClassResourcePlan {
  readonly className: string;
  readonly namespace: string;
  readonly reference: ClusterClassReference;
  /** Templates first, the ClusterClass last. */
  readonly resources: readonly PlannedResource[];
}

/**
 * Validates the args and computes every object of the class with its resource options
 * (templates `retainOnDelete`, so a superseded one survives while clusters roll away from it).
 * Throws one `pulumi.InputPropertiesError` listing every problem.
 */
export function planClusterClassResources(name: string, args: ClusterClassArgs): ClusterClassResourcePlan {
  const spec: ClusterClassSpec = { ...(args ?? ({} as ClusterClassArgs)), name: args?.name ?? name };
  const issues: ValidationIssue[] = [];
  const rendered = renderCollectingIssues(() => renderClusterClass(spec), issues);
  throwIfIssues(CLUSTER_CLASS_TYPE, name, issues.map(i => toPropertyIssue(i, [])));
  const { manifests, roles, namespace, name: className } = rendered!;
  return { className, namespace, reference: clusterClassReference(spec), resources: planned(namespace, className, manifests, roles, () => false) };
}

/** Planned resources named `<namespace>/<owner>/<Kind>/<name>`, each depending on what it references. */
function planned(namespace: string, owner: string, manifests: readonly Manifest[], roles: readonly string[], protect: (m: Manifest) => boolean): PlannedResource[] {
  const resourceName = (m: Manifest) => `${namespace}/${owner}/${m.kind}/${m.metadata.name}`;
  const byRef = new Map(manifests.map(m => [`${m.kind}/${m.metadata.name}`, m]));
  return manifests.map((m, i) => ({
    resourceName: resourceName(m),
    role: roles[i],
    manifest: m,
    inputs: [],
    // A ClusterClass's `templateRef`s are refs too: the templates exist before the class.
    dependsOn: [...new Set(referencedObjects(m).map(r => byRef.get(`${r.kind}/${r.name}`)).filter((d): d is Manifest => d !== undefined).map(resourceName))],
    protect: protect(m) ? true : undefined,
    retainOnDelete: isImmutableTemplate(m) ? true : undefined,
  }));
}

/**
 * A ClusterClass and its templates applied to the management cluster: one CustomResource per
 * object, named `<namespace>/<class>/<Kind>/<name>`, the templates `retainOnDelete` and created
 * before the class. Pass `reference` to a {@link TopologyCluster}.
 */
export class ClusterClass extends pulumi.ComponentResource {
  /** Name of the ClusterClass. */
  public readonly className: pulumi.Output<string>;
  /** Namespace of the class and its templates. */
  public readonly namespace: pulumi.Output<string>;
  /** What a TopologyCluster needs to check itself against this class (plain data). */
  public readonly reference: ClusterClassReference;
  /** The `ClusterClass` object. */
  public readonly clusterClassResource: k8s.apiextensions.CustomResource;
  /** Escape hatch: the CustomResource of every object, keyed `Kind/namespace/name`. */
  public readonly resources: ReadonlyMap<string, k8s.apiextensions.CustomResource>;
  /** The manifests as registered, templates first. */
  public readonly manifests: pulumi.Output<Manifest[]>;

  constructor(name: string, args: ClusterClassArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CLUSTER_CLASS_TYPE, name, {}, opts);
    const plan = planClusterClassResources(name, args);
    const byName = registerPlanned(plan.resources, { parent: this, outerDependsOn: opts?.dependsOn });
    this.resources = new Map(plan.resources.map(p => [manifestKey(p.manifest), byName.get(p.resourceName)!]));
    this.clusterClassResource = byName.get(plan.resources.find(p => p.role === CLUSTER_CLASS_ROLES.clusterClass)!.resourceName)!;
    this.reference = plan.reference;
    this.className = pulumi.output(plan.className);
    this.namespace = pulumi.output(plan.namespace);
    this.manifests = pulumi.output(plan.resources.map(p => resourceArgs(p))) as pulumi.Output<unknown> as pulumi.Output<Manifest[]>;
    this.registerOutputs({ className: this.className, namespace: this.namespace });
  }
}

/** Arguments of {@link TopologyCluster}: the core `TopologyClusterSpec` plus Pulumi options. */
export interface TopologyClusterArgs extends Omit<TopologyClusterSpec, 'name'> {
  /** Name of the Cluster. @default - the Pulumi resource name */
  readonly name?: string;
  /**
   * Protect the `Cluster` against deletion (Pulumi `protect`): deleting it deletes every machine
   * and cloud resource of the cluster. As ManagedCluster's `protectCluster`.
   * @default true
   */
  readonly protectCluster?: boolean;
  /**
   * The management cluster that runs this cluster (the component, or its spec). When given, the
   * cluster is checked against it: the `ClusterTopology` feature gate must be on, the kubeadm
   * control plane provider installed, and the version supported by its Cluster API version.
   * @default - not checked against a management cluster
   */
  readonly managementCluster?: ManagementCluster | ManagementClusterSpec;
}

/**
 * A cluster in topology mode applied to the management cluster: the `Cluster` alone (named
 * `<namespace>/<cluster>/Cluster/<cluster>`, protected by default), created after its class when
 * `topology.class` is a {@link ClusterClass}'s reference and the class is in `opts.dependsOn`.
 * The management cluster needs CAPI's `ClusterTopology` feature gate.
 */
export class TopologyCluster extends pulumi.ComponentResource {
  /** Name of the Cluster. */
  public readonly clusterName: pulumi.Output<string>;
  /** Namespace of the Cluster. */
  public readonly namespace: pulumi.Output<string>;
  /** `<cluster>-kubeconfig`, written by CAPI into the cluster's namespace. */
  public readonly kubeconfigSecretName: pulumi.Output<string>;
  /** The `Cluster` object. */
  public readonly clusterResource: k8s.apiextensions.CustomResource;
  /** The manifests as registered (the Cluster alone). */
  public readonly manifests: pulumi.Output<Manifest[]>;

  constructor(name: string, args: TopologyClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TOPOLOGY_CLUSTER_TYPE, name, {}, opts);
    const { protectCluster, managementCluster, ...rest } = args ?? ({} as TopologyClusterArgs);
    const spec: TopologyClusterSpec = { ...rest, name: args?.name ?? name };
    const issues: ValidationIssue[] = [];
    if (protectCluster !== undefined && typeof protectCluster !== 'boolean') {
      issues.push({ path: 'protectCluster', message: 'must be a boolean', value: protectCluster, allowed: 'true, false' });
    }
    const rendered = renderCollectingIssues(() => renderTopologyCluster(spec), issues);
    const management = ManagementCluster.isManagementCluster(managementCluster) ? managementCluster.toSpec() : managementCluster;
    if (management) {
      const reported = new Set(issues.map(i => i.path));
      issues.push(...validateTopologyClusterForManagement(spec, management).filter(i => !reported.has(i.path)));
    }
    throwIfIssues(TOPOLOGY_CLUSTER_TYPE, name, issues.map(i => toPropertyIssue(i, [])));
    const plan = planned(rendered!.namespace, rendered!.name, rendered!.manifests, rendered!.roles, () => protectCluster !== false);
    const byName = registerPlanned(plan, { parent: this, outerDependsOn: opts?.dependsOn });
    this.clusterResource = byName.get(plan[0].resourceName)!;
    this.clusterName = pulumi.output(rendered!.name);
    this.namespace = pulumi.output(rendered!.namespace);
    this.kubeconfigSecretName = pulumi.output(`${rendered!.name}-kubeconfig`);
    this.manifests = pulumi.output(plan.map(p => resourceArgs(p))) as pulumi.Output<unknown> as pulumi.Output<Manifest[]>;
    this.registerOutputs({ clusterName: this.clusterName, namespace: this.namespace, kubeconfigSecretName: this.kubeconfigSecretName });
  }
}
