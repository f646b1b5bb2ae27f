import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../capi';
import {
  CLUSTER_CLASS_ROLES, ClusterClassReference, ClusterClassSpec, clusterClassReference, renderClusterClass, RenderedClusterClass, TopologyClusterSpec,
  renderTopologyCluster, RenderedTopologyCluster,
} from '../core';
import '../providers';
import { ManagementClusterSpec, validateTopologyClusterForManagement } from '../management';
import { CapiValidationError, ValidationIssue } from '../support/issues';
import { cdk8sYamlIssues } from './_yaml-safety';
import { RenderedApiObject } from './_rendered-object';
import { ManagementCluster } from './management-cluster';

/** Props of a ClusterClass: the core's class spec, with the name defaulting to the construct id. */
export interface ClusterClassProps extends Omit<ClusterClassSpec, 'name'> {
  /**
   * Name of the ClusterClass object and prefix of its templates' names.
   * @default - the construct id
   */
  readonly name?: string;
}

/**
 * A Cluster API ClusterClass and its templates (the provider's cluster template, a
 * KubeadmControlPlaneTemplate, machine templates and KubeadmConfigTemplates), as cdk8s
 * ApiObjects, from the same control plane, infrastructure and worker pool specs as a
 * {@link ManagedCluster}. Templates are named after the hash of their spec and carry the Flux and
 * Argo CD prune-protection annotations: a change makes a new template the class points at, and
 * the old one stays while clusters roll away from it. Props are validated when the construct is
 * created; every problem is reported at once, with this construct's path.
 */
export class ClusterClass extends Construct {
  /** Name of the ClusterClass object. */
  public readonly className: string;
  /** Namespace of the class and its templates. */
  public readonly namespace: string;
  /** The `ClusterClass` object (also `node.defaultChild`). */
  public readonly clusterClassObject: ApiObject;
  /**
   * What a {@link TopologyCluster} needs to check its variables, worker classes and version
   * against this class: pass it as `topology.class`.
   */
  public readonly reference: ClusterClassReference;
  private readonly spec: ClusterClassSpec;
  private readonly rendered: RenderedClusterClass;

  constructor(scope: Construct, id: string, props: ClusterClassProps) {
    super(scope, id);
    this.spec = { ...(props ?? ({} as ClusterClassProps)), name: props?.name ?? id };
    this.rendered = this.guard(() => {
      const rendered = renderClusterClass(this.spec);
      const unwritable = cdk8sYamlIssues(rendered.manifests);
      if (unwritable.length > 0) throw new CapiValidationError(unwritable);
      return rendered;
    });
    this.className = this.rendered.name;
    this.namespace = this.rendered.namespace;
    this.reference = clusterClassReference(this.spec);
    let classObject: ApiObject | undefined;
    this.rendered.manifests.forEach((m, i) => {
      const role = this.rendered.roles[i];
      const object = new RenderedApiObject(this, role === CLUSTER_CLASS_ROLES.clusterClass ? 'Resource' : idOf(role), { apiVersion: m.apiVersion, kind: m.kind }, () => m);
      if (role === CLUSTER_CLASS_ROLES.clusterClass) classObject = object;
    });
    this.clusterClassObject = classObject!;
  }

  /** The plain-data spec this construct renders. */
  public toSpec(): ClusterClassSpec {
    return this.spec;
  }

  /** The rendered manifests, templates first: exactly what synth writes (before JSON patches). */
  public get manifests(): readonly Manifest[] {
    return this.rendered.manifests;
  }

  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw CapiValidationError.isCapiValidationError(e) ? new CapiValidationError(e.issues, `ClusterClass [${this.node.path}] (class ${JSON.stringify(this.spec.name)})`) : e;
    }
  }
}

/** A construct id from a role: `pool/general/machine-template` → `pool-general-machine-template`. */
function idOf(role: string): string {
  return role.replace(/\//g, '-');
}

/** Props of a TopologyCluster: the core's topology cluster spec, with the name defaulting to the construct id. */
export interface TopologyClusterProps extends Omit<TopologyClusterSpec, 'name'> {
  /** Name of the Cluster object. @default - the construct id */
  readonly name?: string;
  /**
   * The management cluster that runs this cluster (the construct, or its spec). When given, the
   * cluster is checked against it: the `ClusterTopology` feature gate must be on, the kubeadm
   * control plane provider installed, and the version supported by its Cluster API version.
   * @default - not checked against a management cluster
   */
  readonly managementCluster?: ManagementCluster | ManagementClusterSpec;
}

/**
 * A cluster in topology mode: only the `Cluster` with `spec.topology` is emitted; CAPI's
 * topology controller (feature gate `ClusterTopology` on the management cluster) creates its
 * control plane, infrastructure cluster and MachineDeployments from the class. Pass a
 * {@link ClusterClass}'s `reference` (or a reference read with `readClusterClassReference`) as
 * `topology.class` and its variables, worker classes and versions are checked at synth time; a
 * bare class name checks none of them.
 */
export class TopologyCluster extends Construct {
  /** Name of the Cluster object. */
  public readonly clusterName: string;
  /** Namespace of the Cluster. */
  public readonly namespace: string;
  /** The `Cluster` object (also `node.defaultChild`). */
  public readonly clusterObject: ApiObject;
  private readonly spec: TopologyClusterSpec;
  private readonly rendered: RenderedTopologyCluster;

  constructor(scope: Construct, id: string, props: TopologyClusterProps) {
    super(scope, id);
    const { managementCluster, ...spec } = props ?? ({} as TopologyClusterProps);
    this.spec = { ...spec, name: props?.name ?? id };
    try {
      const management = ManagementCluster.isManagementCluster(managementCluster) ? managementCluster.toSpec() : managementCluster;
      const mismatches = management ? validateTopologyClusterForManagement(this.spec, management) : [];
      this.rendered = renderCollecting(this.spec, mismatches);
      const unwritable = cdk8sYamlIssues(this.rendered.manifests);
      if (unwritable.length > 0) throw new CapiValidationError(unwritable);
    } catch (e) {
      throw CapiValidationError.isCapiValidationError(e) ? new CapiValidationError(e.issues, `TopologyCluster [${this.node.path}] (cluster ${JSON.stringify(this.spec.name)})`) : e;
    }
    this.clusterName = this.rendered.name;
    this.namespace = this.rendered.namespace;
    const m = this.rendered.manifests[0];
    this.clusterObject = new RenderedApiObject(this, 'Resource', { apiVersion: m.apiVersion, kind: m.kind }, () => m);
  }

  /** The plain-data spec this construct renders. */
  public toSpec(): TopologyClusterSpec {
    return this.spec;
  }

  /** The rendered manifests (the Cluster alone). */
  public get manifests(): readonly Manifest[] {
    return this.rendered.manifests;
  }
}

/** Renders a topology cluster; its mismatches with the management cluster join the cluster's own problems in one error. */
function renderCollecting(spec: TopologyClusterSpec, mismatches: ValidationIssue[]): RenderedTopologyCluster {
  let rendered: RenderedTopologyCluster;
  try {
    rendered = renderTopologyCluster(spec);
  } catch (e) {
    if (!CapiValidationError.isCapiValidationError(e) || mismatches.length === 0) throw e;
    const reported = new Set(e.issues.map(i => i.path));
    throw new CapiValidationError([...e.issues, ...mismatches.filter(i => !reported.has(i.path))]);
  }
  if (mismatches.length > 0) throw new CapiValidationError(mismatches);
  return rendered;
}

/** Props of a ClusterClassChart: chart props plus the class's props. */
export interface ClusterClassChartProps extends ClusterClassProps {
  /** Props of the chart itself. @default - none */
  readonly chart?: ChartProps;
}

/** A chart holding exactly one ClusterClass, named after it (one output folder per class with FOLDER_PER_CHART_FILE_PER_RESOURCE). */
export class ClusterClassChart extends Chart {
  /** The class this chart holds. */
  public readonly clusterClass: ClusterClass;

  constructor(scope: Construct, id: string, props: ClusterClassChartProps) {
    super(scope, id, props.chart);
    const { chart: _chart, ...classProps } = props;
    this.clusterClass = new ClusterClass(this, 'ClusterClass', { ...classProps, name: props.name ?? id });
  }
}

/** Props of a TopologyClusterChart: chart props plus the cluster's props. */
export interface TopologyClusterChartProps extends TopologyClusterProps {
  /** Props of the chart itself. @default - none */
  readonly chart?: ChartProps;
}

/** A chart holding exactly one TopologyCluster, named after it. */
export class TopologyClusterChart extends Chart {
  /** The cluster this chart holds. */
  public readonly cluster: TopologyCluster;

  constructor(scope: Construct, id: string, props: TopologyClusterChartProps) {
    super(scope, id, props.chart);
    const { chart: _chart, ...clusterProps } = props;
    this.cluster = new TopologyCluster(this, 'Cluster', { ...clusterProps, name: props.name ?? id });
  }
}
