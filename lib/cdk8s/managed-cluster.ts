import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../capi';
import { ManagedClusterSpec, ObjectOverride, RenderedCluster, renderValidatedCluster, validateClusterSpec, WorkerPoolSpec } from '../core';
import '../providers';
import { CapiValidationError } from '../support/issues';

/** Props of a ManagedCluster: the core's cluster spec, with the name defaulting to the construct id. */
export interface ManagedClusterProps extends Omit<ManagedClusterSpec, 'name'> {
  /**
   * Name of the Cluster object.
   * @default - the construct id
   */
  readonly name?: string;
}

/** Options for `ManagedCluster.addWorkerPool`: a worker pool spec without its name. */
export interface WorkerPoolOptions extends Omit<WorkerPoolSpec, 'name'> {}

/**
 * A Cluster API workload cluster: Cluster, infrastructure cluster, KubeadmControlPlane and
 * per worker pool a MachineDeployment with its templates, as cdk8s ApiObjects.
 *
 * The manifests come from the framework-neutral core, so the Pulumi engine emits the same
 * bytes. Props are validated when the construct is created and again when pools or
 * overrides are added; every problem is reported at once in a CapiValidationError whose
 * message names this construct's path.
 */
export class ManagedCluster extends Construct {
  /** Name of the Cluster object. */
  public readonly clusterName: string;
  /** Namespace of the cluster's objects. */
  public readonly namespace: string;

  private readonly baseSpec: ManagedClusterSpec;
  private readonly pools: WorkerPoolSpec[];
  private readonly overrides: ObjectOverride[];
  private rendered?: RenderedCluster;
  private materialized = false;

  constructor(scope: Construct, id: string, props: ManagedClusterProps) {
    super(scope, id);
    this.baseSpec = { ...props, name: props.name ?? id };
    this.clusterName = this.baseSpec.name;
    this.namespace = props.namespace ?? 'default';
    this.pools = [...(props.workerPools ?? [])];
    this.overrides = [...(props.overrides ?? [])];
    this.check();
    // The ApiObjects are created just before synthesis (cdk8s validates every construct
    // before it serializes any), so pools and overrides added after construction are included.
    this.node.addValidation({ validate: () => { this.materialize(); return []; } });
  }

  /** Adds a worker pool (a MachineDeployment with its templates). */
  public addWorkerPool(name: string, options: WorkerPoolOptions = {}): this {
    this.pools.push({ ...options, name });
    this.changed();
    return this;
  }

  /**
   * Overrides one field of one emitted object, e.g.
   * `addOverride('pool/gpu/machine-template', 'spec.template.spec.rootVolume.size', 200)`.
   * Applied by the core before validation and template hashing: overriding a template gives
   * it a new name, and its machines roll, like any other change.
   */
  public addOverride(target: string, path: string | readonly (string | number)[], value: unknown): this {
    this.overrides.push({ target, path, value });
    this.changed();
    return this;
  }

  /** Removes one field of one emitted object (see addOverride). */
  public removeField(target: string, path: string | readonly (string | number)[]): this {
    this.overrides.push({ target, path, remove: true });
    this.changed();
    return this;
  }

  /** The complete spec this construct renders (props plus added pools and overrides). */
  public get spec(): ManagedClusterSpec {
    return { ...this.baseSpec, workerPools: [...this.pools], overrides: [...this.overrides] };
  }

  /** The rendered manifests, dependencies first: exactly what synth writes. */
  public get manifests(): readonly Manifest[] {
    return this.render().manifests;
  }

  /**
   * The ApiObject of one object role (`cluster`, `control-plane`, `pool/<name>/machine-deployment`, ...),
   * for cdk8s-level escape hatches such as `addDependency`. Prefer `addOverride` for content:
   * JSON patches on the ApiObject bypass template hashing.
   */
  public apiObject(role: string): ApiObject {
    this.materialize();
    const child = this.node.tryFindChild(roleId(role));
    if (!(child instanceof ApiObject)) {
      throw new Error(`ManagedCluster ${this.node.path} has no object with role "${role}"; roles: ${this.render().roles.join(', ')}`);
    }
    return child;
  }

  private check(): void {
    const issues = validateClusterSpec(this.spec);
    if (issues.length > 0) throw this.error(new CapiValidationError(issues));
  }

  private changed(): void {
    this.rendered = undefined;
    this.materialized = false;
    this.check();
  }

  private render(): RenderedCluster {
    if (!this.rendered) {
      try {
        // check() validated exactly this spec when it was last changed.
        this.rendered = renderValidatedCluster(this.spec);
      } catch (e) {
        throw CapiValidationError.isCapiValidationError(e) ? this.error(e) : e;
      }
    }
    return this.rendered;
  }

  /** Creates one ApiObject per manifest; re-creates them when the spec changed since the last time. */
  private materialize(): void {
    if (this.materialized && this.rendered) return;
    const rendered = this.render();
    for (const child of [...this.node.children]) {
      if (child instanceof ApiObject) this.node.tryRemoveChild(child.node.id);
    }
    rendered.manifests.forEach((manifest, i) => new ApiObject(this, roleId(rendered.roles[i]), manifest as any));
    this.materialized = true;
  }

  private error(e: CapiValidationError): CapiValidationError {
    return new CapiValidationError(e.issues, `ManagedCluster [${this.node.path}] (cluster ${JSON.stringify(this.clusterName)})`);
  }
}

function roleId(role: string): string {
  return role.replace(/\//g, '.');
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
