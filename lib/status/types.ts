import type { SupportedVersionWindow } from '../core/versions';
import type { PlanChange, PlanManifest } from '../plan/types';
/**
 * Types of the live status of a fleet. Names carry a `Status` prefix (or `Fleet` for the whole)
 * so that they never collide with the core's and the plan's exports at the package root.
 */

/** The objects read from one management cluster (Secrets as metadata only). */
export interface StatusInput {
  /** Name of the management cluster, e.g. the kubeconfig context. @default 'management' */
  readonly context?: string;
  /**
   * Every object read: Clusters, control planes, MachineDeployments, MachinePools, Machines,
   * HelmReleaseProxies, Secret metadata, cluster-api-operator providers, the CAPI controller
   * Deployment. Objects of other kinds are ignored.
   */
  readonly objects: readonly PlanManifest[];
  /** What the reader could not read (e.g. not allowed to list the operator's providers). @default [] */
  readonly notes?: readonly string[];
}

/**
 * What one cluster is doing, worst first when a cluster is in several: `deleting`
 * (deletionTimestamp set), `paused` (spec.paused or the `Paused` condition), `provisioning`
 * (phase Pending/Provisioning, or the control plane not initialized), `unavailable` (the
 * `Available` condition is not True), `upgrading` (rolling out, or a control plane not yet at its
 * version), `available`.
 */
export type StatusClusterState = 'deleting' | 'paused' | 'provisioning' | 'unavailable' | 'upgrading' | 'available';

/** Every state, in the order the summary lists them. */
export const STATUS_CLUSTER_STATES: readonly StatusClusterState[] = ['available', 'upgrading', 'provisioning', 'unavailable', 'paused', 'deleting'];

/** One v1beta2 condition (metav1.Condition) as read, with whether it is in its good state. */
export interface StatusCondition {
  readonly type: string;
  /** `True`, `False` or `Unknown`; `Missing` when the object does not report it. */
  readonly status: 'True' | 'False' | 'Unknown' | 'Missing';
  readonly reason?: string;
  /** The condition's message on one line (CAPI writes multi-line bullet lists). */
  readonly message?: string;
  /** True when the condition is in the state a healthy, settled cluster has. */
  readonly good: boolean;
}

/** Replica counts; `undefined` where the object does not report the number. */
export interface StatusReplicas {
  /** spec.replicas (the wanted count). */
  readonly desired?: number;
  /** status.replicas (machines that exist). */
  readonly current?: number;
  readonly ready?: number;
  readonly available?: number;
  readonly upToDate?: number;
}

export interface StatusControlPlane {
  /** Kind of the control plane, e.g. `KubeadmControlPlane`; absent when the Cluster has no controlPlaneRef. */
  readonly kind?: string;
  readonly name?: string;
  /** The version the control plane runs (status.version: the oldest of its machines). */
  readonly version?: string;
  /** The version it is asked to run (spec.version, or spec.topology.version for a topology cluster). */
  readonly desiredVersion?: string;
  readonly replicas: StatusReplicas;
}

export interface StatusPool {
  readonly kind: 'MachineDeployment' | 'MachinePool';
  readonly name: string;
  /** spec.template.spec.version. */
  readonly version?: string;
  readonly replicas: StatusReplicas;
  /** cluster-autoscaler bounds from the node-group min/max size annotations. */
  readonly autoscaler?: { readonly min: string; readonly max: string };
  /** The pool's conditions that are not in their good state. */
  readonly conditions: StatusCondition[];
}

/** A Machine that is not healthy. */
export interface StatusMachine {
  readonly name: string;
  /** `control-plane`, or the MachineDeployment / MachinePool it belongs to. */
  readonly owner?: string;
  readonly phase?: string;
  /** Why: the v1beta1 failure reason and message, else the first failing health condition. */
  readonly reason: string;
  readonly message?: string;
}

/** One CAAPH HelmReleaseProxy: an add-on installed into the cluster. */
export interface StatusAddon {
  /** The HelmChartProxy it comes from (label), else the proxy's own name. */
  readonly name: string;
  readonly chart?: string;
  readonly version?: string;
  /** The Helm release status (`deployed`, `failed`, `pending-install`, ...). */
  readonly release?: string;
  /** True when the `Ready` condition is True. */
  readonly ready: boolean;
  readonly reason?: string;
  readonly message?: string;
}

/** The live specs of a cluster against `--desired` manifests (the plan's comparison, desired paths only). */
export interface StatusDrift {
  /** False when the desired manifests have no such cluster. */
  readonly inDesired: boolean;
  /** What applying the desired manifests would change (empty when in sync). */
  readonly changes: PlanChange[];
}

export interface StatusCluster {
  /** The management cluster it was read from. */
  readonly context: string;
  readonly namespace: string;
  readonly name: string;
  readonly state: StatusClusterState;
  /** status.phase as CAPI reports it. */
  readonly phase?: string;
  /** The infrastructure kind (spec.infrastructureRef.kind), e.g. `AWSCluster`. */
  readonly infrastructure?: string;
  /** The ClusterClass of a topology cluster. */
  readonly clusterClass?: string;
  /** The conditions that matter, in a fixed order; only those the Cluster reports (TopologyReconciled only for topology clusters). */
  readonly conditions: StatusCondition[];
  readonly controlPlane: StatusControlPlane;
  readonly pools: StatusPool[];
  readonly unhealthyMachines: StatusMachine[];
  readonly addons: StatusAddon[];
  /** Whether the `<cluster>-kubeconfig` Secret exists (read as metadata only). */
  readonly kubeconfigSecret: boolean;
  /** Earliest status.certificatesExpiryDate of the control-plane Machines (RFC 3339), and the Machine. */
  readonly certificatesExpiry?: { readonly date: string; readonly machine: string };
  /** Present only when desired manifests were given. */
  readonly drift?: StatusDrift;
}

/** A cluster-api-operator provider (CoreProvider, InfrastructureProvider, ...) of a management cluster. */
export interface StatusProvider {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** spec.version. */
  readonly version?: string;
  /** status.installedVersion. */
  readonly installedVersion?: string;
  /** True when every condition it reports is True. */
  readonly healthy: boolean;
  /** The conditions that are not True. */
  readonly conditions: StatusCondition[];
}

/** Where the management cluster's Cluster API version came from. */
export interface StatusCapiVersion {
  readonly version: string;
  /** E.g. `CoreProvider capi-system/cluster-api`, `image of Deployment capi-system/capi-controller-manager`, `--capi-version`. */
  readonly source: string;
}

export interface StatusManagement {
  readonly context: string;
  /** Absent when none of the sources says. */
  readonly capiVersion?: StatusCapiVersion;
  /** The workload cluster versions this Cluster API version supports; absent when not known. */
  readonly supportedVersions?: SupportedVersionWindow;
  readonly providers: StatusProvider[];
  /** Why something could not be said (unknown CAPI version, no operator). */
  readonly notes: string[];
}

export interface StatusVersionCount {
  /** A minor, `v1.34`. */
  readonly version: string;
  readonly count: number;
}

export interface StatusSummary {
  readonly clusters: number;
  /** Every state with its count, zeros included, in STATUS_CLUSTER_STATES order. */
  readonly states: ReadonlyArray<{ readonly state: StatusClusterState; readonly count: number }>;
  /** Control planes by running minor, most clusters first. */
  readonly controlPlaneVersions: StatusVersionCount[];
  /** Pools whose version is older than their control plane's. */
  readonly lagging: ReadonlyArray<{ readonly cluster: string; readonly pool: string; readonly version: string; readonly controlPlane: string }>;
  /** Clusters whose control plane is outside their management cluster's supported window. */
  readonly outsideWindow: ReadonlyArray<{ readonly cluster: string; readonly version: string; readonly window: string }>;
  /** Clusters whose Available condition is not True. */
  readonly unavailable: string[];
  /** With desired manifests: clusters that differ, and desired clusters no management cluster has. */
  readonly drift?: { readonly drifted: string[]; readonly missing: string[]; readonly notDesired: string[] };
}

export interface FleetStatus {
  readonly summary: StatusSummary;
  readonly management: StatusManagement[];
  readonly clusters: StatusCluster[];
}
