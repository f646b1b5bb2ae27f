import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { API, KINDS, Manifest } from '../capi';
import {
  CLUSTER_ROLES, CONTROL_PLANE_ROLES, DEFAULT_NAMESPACE, InfrastructureProvider, providerOf, ManagedClusterSpec, ObjectOverride, RenderedCluster, renderValidatedCluster, validateClusterSpec, WorkerPoolSpec,
} from '../core';
import '../providers';
import { clusterAddonObjects } from '../addons';
import { ManagementClusterSpec, validateClusterForManagement } from '../management';
import { CapiValidationError } from '../support/issues';
import { cdk8sYamlIssues } from './_yaml-safety';
import { RenderedApiObject } from './_rendered-object';
import { ClusterAddons } from './cluster-addons';
import { IManagedCluster, isManagedCluster, markManagedCluster } from './cluster-scope';
import { ManagementCluster } from './management-cluster';
import { ControlPlane } from './control-plane';
import { WorkerPool, WorkerPoolOptions } from './worker-pool';

/** Props of a ManagedCluster: the core's cluster spec, with the name defaulting to the construct id. */
export interface ManagedClusterProps extends Omit<ManagedClusterSpec, 'name'> {
  /**
   * Name of the Cluster object.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * The management cluster that runs this cluster (the construct, or its spec). When given, the
   * cluster is checked against it whenever it is validated: its providers must be installed,
   * the feature gates its features need on, and its Kubernetes version supported by the
   * management cluster's Cluster API version.
   * @default - not checked against a management cluster
   */
  readonly managementCluster?: ManagementCluster | ManagementClusterSpec;
}

/**
 * A Cluster API workload cluster: Cluster, infrastructure cluster, the control plane
 * ({@link ControlPlane}) and its worker pools ({@link WorkerPool}), as cdk8s ApiObjects.
 *
 * The manifests come from the framework-neutral core, so the Pulumi engine emits the same
 * bytes. Props are validated when the construct is created and again when pools or
 * overrides are added; every problem is reported at once in a CapiValidationError whose
 * message names this construct's path. Each object's ApiObject is created once: adding a pool
 * or an override later changes its content (and a template's hashed name) at synth time, so
 * dependencies and JSON patches added to any handle are never lost. Its add-ons' shared objects
 * (HelmChartProxies, ClusterResourceSets) go to the app's `addons-<namespace>` chart
 * ({@link ClusterAddons}), written once for every cluster of the namespace.
 */
export class ManagedCluster extends Construct implements IManagedCluster {
  /** True for a ManagedCluster, also across copies of this package. */
  public static isManagedCluster(x: unknown): x is ManagedCluster {
    return isManagedCluster(x);
  }

  /** Name of the Cluster object. */
  public readonly clusterName: string;
  /** Namespace of the cluster's objects. */
  public readonly namespace: string;
  /** The `Cluster` object (also `node.defaultChild`). */
  public readonly clusterObject: ApiObject;
  /** The provider's infrastructure cluster object, e.g. `AWSCluster` or `DevCluster`. */
  public readonly infrastructureCluster: ApiObject;
  /** The control plane: exactly one per cluster, created by the cluster. */
  public readonly controlPlane: ControlPlane;
  /**
   * The chart holding the add-on objects this cluster shares with the other clusters of its
   * namespace (`addons-<namespace>` at the app's root); undefined when it has no add-on.
   */
  public readonly addons?: ClusterAddons;

  private readonly baseSpec: Omit<ManagedClusterSpec, 'workerPools' | 'overrides'>;
  private readonly pools: WorkerPool[] = [];
  private readonly overrides: ObjectOverride[];
  private readonly objectsByRole = new Map<string, ApiObject>();
  private readonly provider: InfrastructureProvider;
  private readonly management?: ManagementClusterSpec;
  private rendered?: RenderedCluster;
  private initializing = true;

  constructor(scope: Construct, id: string, props: ManagedClusterProps) {
    super(scope, id);
    markManagedCluster(this);
    const { workerPools, overrides, managementCluster, ...rest } = props ?? ({} as ManagedClusterProps);
    this.management = ManagementCluster.isManagementCluster(managementCluster) ? managementCluster.toSpec() : managementCluster;
    this.baseSpec = { ...rest, name: props?.name ?? id };
    this.clusterName = this.baseSpec.name;
    this.namespace = props?.namespace ?? DEFAULT_NAMESPACE;
    this.overrides = [...(overrides ?? [])];
    // Validate the props as given, before any child exists, so one error lists every problem.
    this.check({ ...this.baseSpec, workerPools, overrides });
    this.provider = providerOf(this.baseSpec.infrastructure)!;
    const addonObjects = this.guard(() => clusterAddonObjects({ ...this.baseSpec, workerPools, overrides }));
    if (addonObjects.length > 0) {
      this.addons = ClusterAddons.forNamespace(this, this.namespace);
      this.guard(() => this.addons!._add({ ...this.baseSpec, workerPools, overrides }, addonObjects));
    }
    // Render-time problems (pins, override targets) surface before cdk8s serializes anything.
    this.node.addValidation({ validate: () => { this.render(); return []; } });

    // Children in the core's order (dependencies first), each created once.
    this.infrastructureCluster = this.addObject(this, 'InfrastructureCluster', CLUSTER_ROLES.infrastructureCluster);
    this.controlPlane = new ControlPlane(this, 'ControlPlane');
    this.clusterObject = this.addObject(this, 'Resource', CLUSTER_ROLES.cluster);
    for (const pool of workerPools ?? []) {
      const { name, ...options } = pool;
      new WorkerPool(this, name, options);
    }
    this.initializing = false;
  }

  /** Adds a worker pool (a MachineDeployment with its templates) named `id`, and returns it. */
  public addWorkerPool(id: string, options: WorkerPoolOptions = {}): WorkerPool {
    return new WorkerPool(this, id, options);
  }

  /** The worker pools, in the order they were added. */
  public get workerPools(): readonly WorkerPool[] {
    return [...this.pools];
  }

  /**
   * Overrides one field of one emitted object, e.g.
   * `addOverride('pool/gpu/machine-template', 'spec.template.spec.rootVolume.size', 200)`
   * (or `gpu.addOverride(...)` on the pool). Applied by the core before validation and
   * template hashing: overriding a template gives it a new name, and its machines roll, like
   * any other change.
   */
  public addOverride(target: string, path: string | readonly (string | number)[], value: unknown): this {
    this.changed({ ...this.toSpec(), overrides: [...this.overrides, { target, path, value }] }, () => this.overrides.push({ target, path, value }));
    return this;
  }

  /** Removes one field of one emitted object (see addOverride). */
  public removeField(target: string, path: string | readonly (string | number)[]): this {
    this.changed({ ...this.toSpec(), overrides: [...this.overrides, { target, path, remove: true }] }, () => this.overrides.push({ target, path, remove: true }));
    return this;
  }

  /** The complete plain-data spec this construct renders: props, added pools and overrides. */
  public toSpec(): ManagedClusterSpec {
    return { ...this.baseSpec, workerPools: this.pools.map(p => p.toSpec()), overrides: [...this.overrides] };
  }

  /** The rendered manifests, dependencies first: exactly what synth writes (before JSON patches). */
  public get manifests(): readonly Manifest[] {
    return this.render().manifests;
  }

  /**
   * The ApiObject of one object role (`cluster`, `control-plane`, `pool/<name>/machine-deployment`, ...).
   * Prefer the typed handles (`clusterObject`, `controlPlane.kubeadmControlPlane`,
   * `pool.machineTemplate`, ...) in code; roles suit data. Prefer `addOverride` for content:
   * JSON patches bypass template hashing.
   */
  public apiObject(role: string): ApiObject {
    const object = this.objectsByRole.get(role);
    if (!object) throw new Error(`ManagedCluster ${this.node.path} has no object with role "${role}"; roles: ${this.render().roles.join(', ')}`);
    return object;
  }

  /** Creates the ApiObject of `role` under `scope`, rendered lazily from this cluster. @internal */
  public _addObject(scope: Construct, id: string, role: string): ApiObject {
    return this.addObject(scope, id, role);
  }

  /** apiVersion and kind of the object of `role` (fixed: overrides cannot change them). */
  private typeOf(role: string): { apiVersion: string; kind: string } {
    // `pool/<pool>/<object>[/<domain>]`: the object is the third segment (a domain may hold '/').
    const last = role.startsWith('pool/') ? role.split('/')[2] : role.split('/').pop();
    if (role === CLUSTER_ROLES.cluster) return { apiVersion: API.cluster.version, kind: KINDS.cluster };
    if (role === CLUSTER_ROLES.infrastructureCluster) return { apiVersion: this.provider.apiVersion, kind: this.provider.clusterKind };
    if (role === CONTROL_PLANE_ROLES.kubeadmControlPlane) return { apiVersion: API.controlPlane.version, kind: KINDS.kubeadmControlPlane };
    if (last === 'machine-template') return { apiVersion: this.provider.apiVersion, kind: this.provider.machineTemplateKind };
    if (last === 'bootstrap-template') return { apiVersion: API.bootstrap.version, kind: KINDS.kubeadmConfigTemplate };
    if (last === 'machine-deployment') return { apiVersion: API.cluster.version, kind: KINDS.machineDeployment };
    if (last === 'health-check') return { apiVersion: API.cluster.version, kind: KINDS.machineHealthCheck };
    throw new Error(`unknown object role "${role}"`);
  }

  /** Validates the cluster with one more pool (called by the WorkerPool constructor). @internal */
  public _checkPool(pool: WorkerPoolSpec): void {
    if (!this.initializing) this.check({ ...this.toSpec(), workerPools: [...this.pools.map(p => p.toSpec()), pool] });
  }

  /** Adds a pool that `_checkPool` accepted (pools of the props were validated with them). @internal */
  public _addPool(pool: { toSpec(): WorkerPoolSpec }): void {
    this.pools.push(pool as WorkerPool); // only WorkerPool's constructor calls this
    this.rendered = undefined;
  }

  /** Adds an override aimed at one of this cluster's objects. @internal */
  public _override(override: ObjectOverride): void {
    this.changed({ ...this.toSpec(), overrides: [...this.overrides, override] }, () => this.overrides.push(override));
  }

  private addObject(scope: Construct, id: string, role: string): ApiObject {
    const object = new RenderedApiObject(scope, id, this.typeOf(role), () => this.manifestOf(role));
    this.objectsByRole.set(role, object);
    return object;
  }

  private manifestOf(role: string): Manifest {
    const rendered = this.render();
    const i = rendered.roles.indexOf(role);
    if (i < 0) throw new Error(`ManagedCluster ${this.node.path}: no rendered object has role "${role}"`);
    return rendered.manifests[i];
  }

  /** Applies a change only if the spec it leads to is valid, so a failed add leaves the cluster as it was. */
  private changed(next: ManagedClusterSpec, apply: () => void): void {
    this.check(next);
    apply();
    this.rendered = undefined;
  }

  private check(spec: ManagedClusterSpec): void {
    const issues = [...validateClusterSpec(spec)];
    // Against the management cluster only once the cluster itself is sound: its paths are the cluster's.
    if (issues.length === 0 && this.management) issues.push(...validateClusterForManagement(spec, this.management));
    if (issues.length > 0) throw this.error(new CapiValidationError(issues));
  }

  private render(): RenderedCluster {
    if (!this.rendered) {
      try {
        // check() validated exactly this spec when it was last changed.
        const rendered = renderValidatedCluster(this.toSpec());
        const unwritable = cdk8sYamlIssues(rendered.manifests);
        if (unwritable.length > 0) throw new CapiValidationError(unwritable);
        this.rendered = rendered;
      } catch (e) {
        throw CapiValidationError.isCapiValidationError(e) ? this.error(e) : e;
      }
    }
    return this.rendered;
  }

  /** Runs `f`, giving a validation error this construct's path. */
  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw CapiValidationError.isCapiValidationError(e) ? this.error(e) : e;
    }
  }

  private error(e: CapiValidationError): CapiValidationError {
    return new CapiValidationError(e.issues, `ManagedCluster [${this.node.path}] (cluster ${JSON.stringify(this.clusterName)})`);
  }
}

/** Props of a ClusterChart: chart props plus the cluster's props. */
export interface ClusterChartProps extends ManagedClusterProps {
  /** Props of the chart itself (labels on every object, ...). @default - none */
  readonly chart?: ChartProps;
}

/**
 * A chart holding exactly one ManagedCluster, named after it. With
 * `YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE` each cluster gets its own output folder,
 * and synth cost grows linearly with the number of clusters.
 */
export class ClusterChart extends Chart {
  public readonly cluster: ManagedCluster;

  constructor(scope: Construct, id: string, props: ClusterChartProps) {
    super(scope, id, props.chart);
    const { chart: _chart, ...clusterProps } = props;
    this.cluster = new ManagedCluster(this, 'Cluster', { ...clusterProps, name: props.name ?? id });
  }
}
