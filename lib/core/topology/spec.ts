/**
 * Plain-data specs of a ClusterClass and of a cluster in topology mode. The class is built from
 * the same control plane, infrastructure and worker pool specs as a fully rendered cluster; what
 * only a cluster decides (replicas, failure domains, the version) moves to the topology.
 */
import { ControlPlaneSpec } from '../spec/control-plane';
import { ClusterNetworkSpec, ObjectOverride } from '../spec/cluster';
import { InfrastructureSpec } from '../spec/provider-sections';
import { WorkerPoolSpec } from '../spec/worker-pool';
import { KubernetesVersion, SupportedVersionWindow } from '../versions';
import { VariableSchema } from './schema';

/** One variable of a class: clusters set it in `topology.variables`, patches read it. */
export interface ClusterClassVariable {
  /** Name, e.g. `region`. Not `builtin`, no `.` (CAPI v1.14.0 clusterclass_variable_validation.go). */
  readonly name: string;
  /**
   * Every cluster must set it. A required variable with a `default` in its schema is filled in by
   * the webhook, so clusters may leave it out.
   * @default false
   */
  readonly required?: boolean;
  /** The OpenAPI v3 schema of its value (see {@link VariableSchema} for the supported subset). */
  readonly schema: VariableSchema;
}

/**
 * Which template of the class a patch changes:
 * `infrastructure-cluster` (the provider's cluster template), `control-plane` (the
 * KubeadmControlPlaneTemplate), `control-plane/machine-template`, `workers/machine-template`
 * and `workers/bootstrap-template` (of the worker classes in `workerClasses`).
 */
export type ClusterClassPatchTarget =
  | 'infrastructure-cluster' | 'control-plane' | 'control-plane/machine-template' | 'workers/machine-template' | 'workers/bootstrap-template';

/** Where a JSON patch takes its value from: a variable (or a field of one) or a Go template over the variables. */
export interface ClusterClassPatchValueFrom {
  /** A variable or builtin variable, optionally a field of it: `region`, `config.size`, `builtin.cluster.name`. @default - see template */
  readonly variable?: string;
  /** A Go template over the variables, e.g. `{{ .builtin.cluster.name }}-data`. @default - see variable */
  readonly template?: string;
}

/** One RFC 6902 operation on the target template. */
export interface ClusterClassJsonPatch {
  readonly op: 'add' | 'replace' | 'remove';
  /** JSON pointer into the template object, starting with `/spec` (e.g. `/spec/template/spec/instanceType`). */
  readonly path: string;
  /** A literal value (exclusive with `valueFrom`). @default - see valueFrom */
  readonly value?: unknown;
  /** The value from a variable or template (exclusive with `value`). @default - see value */
  readonly valueFrom?: ClusterClassPatchValueFrom;
}

/** A set of JSON patches on one kind of template. */
export interface ClusterClassPatchDefinition {
  readonly target: ClusterClassPatchTarget;
  /**
   * For `workers/...` targets: the worker classes whose templates are patched; `*` wildcards at
   * the start or end as upstream (`gpu-*`).
   * @default ['*'] (every worker class)
   */
  readonly workerClasses?: readonly string[];
  readonly jsonPatches: readonly ClusterClassJsonPatch[];
}

/** A named inline patch of the class. */
export interface ClusterClassPatch {
  readonly name: string;
  /** @default - none */
  readonly description?: string;
  /** A Go template that renders to `true` when the patch applies, e.g. `{{ .spot }}`. @default - always */
  readonly enabledIf?: string;
  readonly definitions: readonly ClusterClassPatchDefinition[];
}

/**
 * A worker class: the same fields as a worker pool, minus what each cluster chooses
 * (`replicas`, `autoscaling`, `failureDomain(s)`, `version`, name pins), which the topology sets
 * per MachineDeployment. `name` is the class name topology workers refer to.
 */
export type WorkerClassSpec = Omit<WorkerPoolSpec, 'replicas' | 'autoscaling' | 'failureDomain' | 'failureDomains' | 'version' | 'names'>;

/** The control plane of a class: as a cluster's, minus what each cluster chooses (`replicas`, name pins). */
export type ClusterClassControlPlaneSpec = Omit<ControlPlaneSpec, 'replicas' | 'names'>;

/**
 * A ClusterClass: the shape of many clusters, defined once. It renders the ClusterClass and its
 * templates (the provider's cluster template, a KubeadmControlPlaneTemplate, machine templates
 * and KubeadmConfigTemplates), each named after the hash of its spec and kept when superseded.
 */
export interface ClusterClassSpec {
  /** Name of the ClusterClass (a DNS-1123 label; its templates are named `<name>-...-<hash>`). */
  readonly name: string;
  /** Namespace of the class and its templates. @default 'default' */
  readonly namespace?: string;
  /** Extra labels of every object of the class. @default - none */
  readonly labels?: Record<string, string>;
  /** The provider and its cluster-level settings, shared by every cluster of the class. */
  readonly infrastructure: InfrastructureSpec;
  /** The control plane. @default - see ControlPlaneSpec */
  readonly controlPlane?: ClusterClassControlPlaneSpec;
  /** Worker classes (MachineDeployment classes). @default - none */
  readonly workerClasses?: readonly WorkerClassSpec[];
  /** Variables clusters set. @default - none */
  readonly variables?: readonly ClusterClassVariable[];
  /** Patches that set template fields from variables. @default - none */
  readonly patches?: readonly ClusterClassPatch[];
  /**
   * The versions clusters of the class may run, ascending, each minor at most one above the
   * previous (CAPI v1.14's chained upgrades go through them). @default - any version in `supportedVersions`
   */
  readonly kubernetesVersions?: readonly string[];
  /** The Kubernetes minors clusters may run. @default CAPI_V1_14_SUPPORTED_VERSIONS */
  readonly supportedVersions?: SupportedVersionWindow;
  /**
   * Changes to fields of the class's templates, by the same roles as a cluster's
   * (`infrastructure-cluster`, `control-plane`, `control-plane/machine-template`,
   * `pool/<worker class>/machine-template`, `pool/<worker class>/bootstrap-template`), applied
   * before hashing. @default - none
   */
  readonly overrides?: readonly ObjectOverride[];
}

/**
 * What a topology cluster needs to know about its class to be checked at synth time. A class of
 * this app gives it (`clusterClassReference(spec)`); a class defined elsewhere can be described
 * by hand or read from its YAML (`readClusterClassReference`).
 */
export interface ClusterClassReference {
  readonly name: string;
  /** @default - the cluster's namespace */
  readonly namespace?: string;
  /** The class's variables. @default - unknown: variable values are not checked */
  readonly variables?: readonly ClusterClassVariable[];
  /** Names of its worker classes. @default - unknown: worker classes are not checked */
  readonly workerClasses?: readonly string[];
  /** Its `kubernetesVersions`. @default - any version */
  readonly kubernetesVersions?: readonly string[];
}

/** One MachineDeployment of a topology. */
export interface TopologyWorkerSpec {
  /** The worker class. */
  readonly class: string;
  /** Name of the MachineDeployment topology (unique in the cluster, a DNS-1123 label). */
  readonly name: string;
  /** Machines; exclusive with `autoscaling`. @default 1 */
  readonly replicas?: number;
  /**
   * Let cluster-autoscaler size it between min and max: the MachineDeployment gets the
   * autoscaler annotations and no replicas (CAPI's webhook refuses both).
   * @default - fixed `replicas`
   */
  readonly autoscaling?: { readonly min: number; readonly max: number };
  /** @default - CAPI spreads nothing; the provider's default */
  readonly failureDomain?: string;
  /** Values that replace the cluster's for this MachineDeployment only. @default - none */
  readonly variables?: Readonly<Record<string, unknown>>;
}

/** The `spec.topology` of a cluster. */
export interface ClusterTopologySpec {
  /** The class: its name, or a reference that lets variables and worker classes be checked. */
  readonly class: string | ClusterClassReference;
  /** Namespace of the class. @default - the reference's namespace, else the cluster's */
  readonly classNamespace?: string;
  /** Kubernetes version of the cluster, a full `vX.Y.Z`. */
  readonly version: KubernetesVersion | string;
  /** @default - the class's default (the control plane provider's: 1 for KubeadmControlPlane) */
  readonly controlPlane?: { readonly replicas?: number };
  /** @default - no workers */
  readonly workers?: readonly TopologyWorkerSpec[];
  /** Variable values, by name. @default - none (defaults of the class apply) */
  readonly variables?: Readonly<Record<string, unknown>>;
}

/**
 * A cluster in topology mode: only the Cluster object is emitted; the topology controller
 * creates the control plane, infrastructure cluster and MachineDeployments from the class.
 */
export interface TopologyClusterSpec {
  /** Name of the Cluster (a DNS-1123 label). */
  readonly name: string;
  /** @default 'default' */
  readonly namespace?: string;
  /** Extra labels of the Cluster. @default - none */
  readonly labels?: Record<string, string>;
  /** @default - none */
  readonly annotations?: Record<string, string>;
  /** Pod and service networks. @default - see ClusterNetworkSpec */
  readonly network?: ClusterNetworkSpec;
  /** @default false */
  readonly paused?: boolean;
  /** @default CAPI_V1_14_SUPPORTED_VERSIONS */
  readonly supportedVersions?: SupportedVersionWindow;
  readonly topology: ClusterTopologySpec;
  /**
   * Changes to the Cluster object. In topology mode the Cluster is the only object emitted, so
   * `cluster` is the only target; a class's templates change through its variables and
   * patches, or through the class's own overrides. @default - none
   */
  readonly overrides?: readonly ObjectOverride[];
}
