import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { ANNOTATIONS, Manifest, manifestKey, referencedObjects } from '../capi';
import { ClusterReference, isImmutableTemplate, ObjectOverride, renderWorkerPoolOf, WorkerPoolSpec } from '../core';
import '../providers';
import { ValidationIssue } from '../support/issues';
import { throwIfIssues } from './aws/_issues';
import { inputLeavesOf, isUnresolvedInput, takeInputs } from './_inputs';
import { containsString, PlannedResource, registerPlanned, renderCollectingIssues, toPropertyIssue } from './_resources';
import { ClusterReferenceArgs, ManagedCluster, poolResources, WorkerPoolResources } from './managed-cluster';

/** Pulumi type token of {@link WorkerPool}. */
export const WORKER_POOL_TYPE = 'capi-constructs:index:WorkerPool';

/**
 * Arguments of {@link WorkerPool}: the core `WorkerPoolSpec` (see its fields; the name is
 * optional here) plus the cluster the pool joins.
 */
export interface WorkerPoolArgs extends Omit<WorkerPoolSpec, 'name'> {
  /**
   * The cluster: a `ManagedCluster` of this program (the pool's objects then wait for its
   * Cluster object, and use its Kubernetes provider unless the pool is given one), or a plain
   * reference to a cluster declared elsewhere, e.g. another stack's
   * `cluster.toClusterReference()`. A reference must be plain data, not an Output: the pool's
   * template names hash the provider settings it holds. Inputs are allowed only at the
   * provider's input leaves, which never reach a pool's objects.
   */
  readonly cluster: ManagedCluster | ClusterReferenceArgs;
  /**
   * Pool name; the MachineDeployment is named `<cluster>-<pool>`.
   * @default - the Pulumi resource name
   */
  readonly name?: string;
  /**
   * Changes to fields of the pool's objects (targets `pool/<name>/machine-deployment` or, spread, `pool/<name>/machine-deployment/<domain>`,
   * `pool/<name>/machine-template`, `pool/<name>/bootstrap-template`, `pool/<name>/health-check`),
   * applied before template hashing, as in a cluster spec.
   * @default - none
   */
  readonly overrides?: readonly ObjectOverride[];
}

/** Everything {@link WorkerPool} creates, computed without Pulumi resources. */
export interface WorkerPoolResourcePlan {
  readonly poolName: string;
  readonly clusterName: string;
  readonly namespace: string;
  /**
   * True when the cluster is a `ManagedCluster` of this program: every object of the pool then
   * also depends on its Cluster object (which is not in this plan).
   */
  readonly dependsOnCluster: boolean;
  /** In dependency order: machine template, KubeadmConfigTemplate, MachineDeployment, health check. */
  readonly resources: readonly PlannedResource[];
}

/** True for a ManagedCluster component, also from another copy of this package. */
function isManagedCluster(value: unknown): value is ManagedCluster {
  return pulumi.Resource.isInstance(value) && typeof (value as Partial<ManagedCluster>).toClusterReference === 'function';
}

/**
 * Validates the args and computes the pool's objects with their resource options. Pure: no
 * Pulumi resource is created, so it is testable without mocks. Throws one
 * `pulumi.InputPropertiesError` listing every problem: the pool's at their own paths
 * (`replicas`, `machine.aws.instanceType`), the reference's under `cluster.`. What is checked
 * against a reference is listed at `validateWorkerPoolOf`: among others the pool's version
 * against the cluster's `version`, the provider's machine rules, and names.
 */
export function planWorkerPoolResources(name: string, input: WorkerPoolArgs): WorkerPoolResourcePlan {
  const args = input ?? ({} as WorkerPoolArgs);
  const { cluster, name: poolName, overrides, ...pool } = args;
  const component = isManagedCluster(cluster) ? cluster : undefined;
  const issues: ValidationIssue[] = [];
  let reference: unknown = component ? component.toClusterReference() : cluster;
  if (isUnresolvedInput(reference)) {
    issues.push({
      path: 'cluster', message: 'must be a ManagedCluster or a plain cluster reference, not an Output: the pool\'s template names hash the provider settings it holds',
      value: '(Pulumi Output)', fix: 'read the reference as plain data, e.g. (await stackRef.getOutputDetails(\'cluster\')).value, or from stack config',
    });
    reference = undefined;
  }
  const root = { ...pool, name: poolName ?? name, cluster: reference, overrides };
  const leaves = inputLeavesOf((reference as ClusterReference | undefined)?.infrastructure, 'cluster.');
  const taken = takeInputs(root, leaves);
  issues.push(...taken.issues);
  const { cluster: plainCluster, overrides: plainOverrides, ...plainPool } = taken.value as Record<string, any>;
  if (component && component.workerPools.has(plainPool.name)) {
    issues.push({ path: 'name', message: `the cluster already has a pool named "${plainPool.name}" in its workerPools`, value: plainPool.name, fix: 'give the pool another name' });
  }

  const rendered = renderCollectingIssues(() => renderWorkerPoolOf(plainCluster, plainPool as WorkerPoolSpec, plainOverrides ?? []), issues);
  const manifests = rendered?.manifests ?? [];
  const roles = rendered?.roles ?? [];
  const clusterName = rendered?.name ?? (typeof plainCluster?.name === 'string' ? plainCluster.name : '');
  const namespace = rendered?.namespace ?? '';
  throwIfIssues(WORKER_POOL_TYPE, name, issues.map(i => toPropertyIssue(i, taken.slots)));

  const resourceName = (m: Manifest) => `${namespace}/${clusterName}/${m.kind}/${m.metadata.name}`;
  const byRef = new Map(manifests.map(m => [`${m.kind}/${m.metadata.name}`, m]));
  const resources = manifests.map((m, i): PlannedResource => {
    const used = taken.slots.filter(s => containsString(m, s.placeholder));
    if (used.length > 0) {
      // Defensive: the core never copies the cluster's Input leaves into a pool's object.
      throw new Error(`internal error: a Pulumi Input (${used.map(s => s.path).join(', ')}) reached ${manifestKey(m)}`);
    }
    const deps = referencedObjects(m).map(r => byRef.get(`${r.kind}/${r.name}`)).filter((d): d is Manifest => d !== undefined);
    const autoscaled = m.kind === 'MachineDeployment' && m.metadata.annotations?.[ANNOTATIONS.autoscalerMin] !== undefined;
    return {
      resourceName: resourceName(m),
      role: roles[i],
      manifest: m,
      inputs: [],
      dependsOn: [...new Set(deps.map(resourceName))],
      retainOnDelete: isImmutableTemplate(m) ? true : undefined,
      ignoreChanges: autoscaled ? ['spec.replicas'] : undefined,
    };
  });
  return { poolName: plainPool.name, clusterName, namespace, dependsOnCluster: component !== undefined, resources };
}

/** Pool names taken per ManagedCluster by WorkerPool components of this program. */
const attachedPools = new WeakMap<ManagedCluster, Set<string>>();

/**
 * A worker pool of a Cluster API cluster as its own component, as pulumi-eks's node groups:
 * `new WorkerPool(name, { cluster, ...poolSpec }, opts)`. It registers the pool's machine
 * template, KubeadmConfigTemplate, MachineDeployment and opt-in MachineHealthCheck as
 * CustomResources named `<namespace>/<cluster>/<Kind>/<name>`, byte for byte what the
 * cluster's own `workerPools` would emit for the same pool.
 *
 * - `cluster` is a `ManagedCluster` of this program (the objects depend on its Cluster object
 *   and use its Kubernetes provider unless `opts` gives one) or a plain reference
 *   (`cluster.toClusterReference()` of another stack: pass the management cluster's provider
 *   in `opts.provider`).
 * - Templates are `retainOnDelete`; an autoscaled MachineDeployment ignores `spec.replicas`.
 * - The objects are new resources (type `capi-constructs:index:WorkerPool$...`): moving a pool
 *   from a cluster's `workerPools` into a WorkerPool replaces its objects unless you add aliases
 *   (e.g. with a transformation).
 */
export class WorkerPool extends pulumi.ComponentResource implements WorkerPoolResources {
  /** Name of the pool. */
  public readonly poolName: pulumi.Output<string>;
  /** Name of the pool's cluster. */
  public readonly clusterName: pulumi.Output<string>;
  /** Namespace of the pool's objects. */
  public readonly namespace: pulumi.Output<string>;
  /** The MachineDeployments of a pool spread over `failureDomains`, by domain; empty otherwise. */
  public readonly machineDeployments: Readonly<Record<string, k8s.apiextensions.CustomResource>>;
  public readonly machineTemplate: k8s.apiextensions.CustomResource;
  public readonly bootstrapTemplate: k8s.apiextensions.CustomResource;
  public readonly healthCheck?: k8s.apiextensions.CustomResource;
  /** Escape hatch: the CustomResource of every object, keyed `Kind/namespace/name`. */
  public readonly resources: ReadonlyMap<string, k8s.apiextensions.CustomResource>;
  private readonly handles: WorkerPoolResources;

  constructor(name: string, args: WorkerPoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super(WORKER_POOL_TYPE, name, {}, opts);
    const plan = planWorkerPoolResources(name, args);
    const cluster = isManagedCluster(args.cluster) ? args.cluster : undefined;
    if (cluster) {
      const taken = attachedPools.get(cluster) ?? new Set<string>();
      if (taken.has(plan.poolName)) {
        throwIfIssues(WORKER_POOL_TYPE, name, [{ propertyPath: 'name', reason: `another WorkerPool of this cluster is named "${plan.poolName}". Fix: give each pool its own name` }]);
      }
      attachedPools.set(cluster, taken.add(plan.poolName));
    }

    // The cluster's Kubernetes provider, unless this component was given one.
    const token = 'kubernetes:apiextensions.k8s.io:CustomResource';
    const provider = this.getProvider(token) ? undefined : cluster?.getProvider(token);
    const byName = registerPlanned(plan.resources, {
      parent: this,
      provider,
      outerDependsOn: opts?.dependsOn,
      extraDependsOn: cluster ? [cluster.clusterResource] : [],
    });
    this.resources = new Map(plan.resources.map(p => [manifestKey(p.manifest), byName.get(p.resourceName)!]));
    const byRole = new Map(plan.resources.map(p => [p.role, byName.get(p.resourceName)!]));
    this.handles = poolResources(`WorkerPool ${name}`, plan.poolName, byRole);
    this.machineDeployments = this.handles.machineDeployments;
    this.machineTemplate = this.handles.machineTemplate;
    this.bootstrapTemplate = this.handles.bootstrapTemplate;
    this.healthCheck = this.handles.healthCheck;

    this.poolName = pulumi.output(plan.poolName);
    this.clusterName = pulumi.output(plan.clusterName);
    this.namespace = pulumi.output(plan.namespace);
    this.registerOutputs({ poolName: this.poolName, clusterName: this.clusterName, namespace: this.namespace });
  }

  /** The MachineDeployment of a pool without `failureDomains` (throws on a spread pool: use `machineDeployments`). */
  public get machineDeployment(): k8s.apiextensions.CustomResource {
    return this.handles.machineDeployment;
  }
}
