import { AwsClusterSpec, AwsMachineSpec } from './providers/aws';
import { DevClusterSpec, DevMachineSpec } from './providers/dev';
import { SupportedVersionWindow, KubernetesVersion } from './versions';

/**
 * Everything that describes one workload cluster. Plain data (no classes required), so it can
 * come from code, from a fleet inventory or from Pulumi stack config.
 */
export interface ManagedClusterSpec {
  /**
   * Name of the Cluster object; also the prefix of every other object's name. CAPI copies it
   * into label values, so it must be a DNS-1123 label of at most 63 characters.
   */
  readonly name: string;
  /**
   * Namespace of every namespaced object of this cluster in the management cluster.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * Extra labels for every emitted object.
   * @default - only `cluster.x-k8s.io/cluster-name` and `app.kubernetes.io/managed-by`
   */
  readonly labels?: Record<string, string>;
  /**
   * Extra annotations for the Cluster object.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /** Kubernetes version of the control plane, a full `vX.Y.Z` (e.g. `v1.34.2`). */
  readonly version: KubernetesVersion | string;
  /**
   * The Kubernetes minors this cluster may run. Override it when a newer CAPI patch release
   * supports more minors than the release this library was built against.
   * @default CAPI_V1_14_SUPPORTED_VERSIONS (v1.31 to v1.36)
   */
  readonly supportedVersions?: SupportedVersionWindow;
  /** Pod and service networks. @default - see ClusterNetworkSpec */
  readonly network?: ClusterNetworkSpec;
  /**
   * Pause reconciliation of this cluster by every CAPI controller.
   * @default false
   */
  readonly paused?: boolean;
  /** The infrastructure provider and its cluster-level settings: exactly one of `aws` or `dev`. */
  readonly infrastructure: InfrastructureSpec;
  /** The control plane (KubeadmControlPlane). @default - see ControlPlaneSpec */
  readonly controlPlane?: ControlPlaneSpec;
  /** Worker pools, one MachineDeployment each. @default - no workers */
  readonly workerPools?: readonly WorkerPoolSpec[];
  /**
   * Pin object names, e.g. to adopt a cluster created by clusterctl without rolling a machine.
   * @default - names derived from the cluster name
   */
  readonly names?: ClusterNamePins;
  /**
   * Changes to any field of any emitted object, applied before validation and template
   * hashing (an override of a template changes its name like any other change).
   * @default - none
   */
  readonly overrides?: readonly ObjectOverride[];
}

/** Exactly one provider section is set. */
export interface InfrastructureSpec {
  /** Cluster API Provider AWS (CAPA v2.11). */
  readonly aws?: AwsClusterSpec;
  /** CAPD's development provider with the docker backend (`DevCluster`): local clusters, no cloud account. */
  readonly dev?: DevClusterSpec;
}

/** Machine settings for the cluster's provider: set the section matching `infrastructure`. */
export interface MachineSpec {
  /** AWS machine settings (AWSMachineTemplate). @default - t3.large, CAPA's default image lookup */
  readonly aws?: AwsMachineSpec;
  /** Dev machine settings (DevMachineTemplate, docker backend). @default - kindest/node image for the version */
  readonly dev?: DevMachineSpec;
}

export interface ClusterNetworkSpec {
  /** @default ['192.168.0.0/16'] */
  readonly podCidrs?: readonly string[];
  /** @default ['10.128.0.0/12'] */
  readonly serviceCidrs?: readonly string[];
  /** @default 'cluster.local' */
  readonly serviceDomain?: string;
  /** Port the API server listens on. @default - the provider's default (6443) */
  readonly apiServerPort?: number;
}

/** A kubeadm file written on the machine before kubeadm runs. */
export interface KubeadmFile {
  /** Absolute path on the machine. */
  readonly path: string;
  /** Inline content (at most 10240 characters). Never put secrets here: use `contentFromSecret`. */
  readonly content?: string;
  /** Read the content from a Secret in the cluster's namespace, so it never lands in Git. */
  readonly contentFromSecret?: { readonly name: string; readonly key: string };
  /** Octal permissions as a string, e.g. `'0644'`. @default - cloud-init's default (0644) */
  readonly permissions?: string;
  /** Owner as `user:group`. @default - root:root */
  readonly owner?: string;
  /** Content encoding. @default - plain text */
  readonly encoding?: 'base64' | 'gzip' | 'gzip+base64';
  /** Append instead of overwrite. @default false */
  readonly append?: boolean;
}

/** A user created on the machine by cloud-init. */
export interface KubeadmUser {
  readonly name: string;
  /** @default - none */
  readonly sshAuthorizedKeys?: readonly string[];
  /** @default - none (e.g. 'ALL=(ALL) NOPASSWD:ALL') */
  readonly sudo?: string;
  /** @default - distribution default */
  readonly shell?: string;
  /** @default - none */
  readonly groups?: string;
  /** Hashed password read from a Secret (plain passwords are refused: they would land in Git). @default - no password */
  readonly passwordFromSecret?: { readonly name: string; readonly key: string };
  /** @default - cloud-init default */
  readonly lockPassword?: boolean;
}

/** Settings shared by the control plane and worker machines' kubeadm configuration. */
export interface KubeadmCommonSpec {
  /** Files to write before kubeadm runs. @default - none */
  readonly files?: readonly KubeadmFile[];
  /** Commands run before kubeadm. @default - none */
  readonly preKubeadmCommands?: readonly string[];
  /** Commands run after kubeadm. @default - none */
  readonly postKubeadmCommands?: readonly string[];
  /** Users to create. @default - none */
  readonly users?: readonly KubeadmUser[];
  /** NTP servers. @default - distribution default */
  readonly ntpServers?: readonly string[];
  /** Extra kubelet flags (`--name=value` without the dashes). @default - none */
  readonly kubeletExtraArgs?: Record<string, string>;
}

export interface ControlPlaneSpec extends KubeadmCommonSpec {
  /**
   * Number of control-plane machines. Must be odd: etcd needs a majority (quorum) of members,
   * so 4 machines tolerate no more failures than 3, and 2 fewer than 1.
   * @default 3
   */
  readonly replicas?: number;
  /** Machine settings. @default - provider defaults */
  readonly machine?: MachineSpec;
  /** Extra API server flags. @default - none */
  readonly apiServerExtraArgs?: Record<string, string>;
  /** Extra controller-manager flags. @default - none */
  readonly controllerManagerExtraArgs?: Record<string, string>;
  /** Extra scheduler flags. @default - none */
  readonly schedulerExtraArgs?: Record<string, string>;
  /** Extra Subject Alternative Names for the API server certificate. @default - none */
  readonly certSans?: readonly string[];
  /**
   * Taints on control-plane nodes. An empty list removes kubeadm's default
   * `node-role.kubernetes.io/control-plane:NoSchedule` taint (workloads may run there).
   * @default - kubeadm's default control-plane taint
   */
  readonly taints?: readonly Taint[];
  /** Rollout settings. @default - RollingUpdate with maxSurge 1 */
  readonly rollout?: ControlPlaneRolloutSpec;
  /** Remediation of unhealthy control-plane machines. @default - CAPI defaults */
  readonly remediation?: ControlPlaneRemediationSpec;
  /** Opt-in MachineHealthCheck for control-plane machines. @default - none */
  readonly healthCheck?: HealthCheckSpec;
  /** Node drain / volume detach / deletion timeouts. @default - CAPI defaults */
  readonly deletion?: MachineDeletionTimeouts;
  /** Pin names (adoption). @default - derived names */
  readonly names?: ControlPlaneNamePins;
}

export interface ControlPlaneRolloutSpec {
  /**
   * Roll every control-plane machine created before this RFC 3339 time, e.g.
   * `2026-11-21T00:00:00Z`. @default - none
   */
  readonly after?: string;
  /**
   * Roll machines whose certificates expire within this many days (at least 7).
   * @default - CAPI's default (no proactive rollout)
   */
  readonly certificatesExpiryDays?: number;
  /**
   * Extra machine created during a rollout: 1 (scale up first, the default) or 0 (scale down
   * first; for clusters without spare capacity). Only 0 and 1 are allowed.
   * @default 1
   */
  readonly maxSurge?: number;
}

export interface ControlPlaneRemediationSpec {
  /** Retries before remediation gives up. @default - unlimited */
  readonly maxRetry?: number;
  /** Wait between retries, in seconds. @default - CAPI default */
  readonly retryPeriodSeconds?: number;
  /** A machine healthy this long resets the retry count, in seconds. @default - CAPI default (1h) */
  readonly minHealthyPeriodSeconds?: number;
}

export interface MachineDeletionTimeouts {
  /** Time to drain a node before deleting it; 0 waits forever. @default - CAPI default (wait forever) */
  readonly nodeDrainTimeoutSeconds?: number;
  /** Time to wait for volumes to detach; 0 waits forever. @default - CAPI default */
  readonly nodeVolumeDetachTimeoutSeconds?: number;
  /** Time to wait for the Node to be deleted. @default - CAPI default (10s) */
  readonly nodeDeletionTimeoutSeconds?: number;
}

/** Taint effects Kubernetes accepts. */
export enum TaintEffect {
  NO_SCHEDULE = 'NoSchedule',
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  NO_EXECUTE = 'NoExecute',
}

export interface Taint {
  readonly key: string;
  /** @default - no value */
  readonly value?: string;
  readonly effect: TaintEffect | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface WorkerPoolSpec extends KubeadmCommonSpec {
  /** Pool name; the MachineDeployment is named `<cluster>-<pool>`. */
  readonly name: string;
  /**
   * Fixed number of machines. Not combined with `autoscaling`.
   * @default 1 when `autoscaling` is not set
   */
  readonly replicas?: number;
  /**
   * Let cluster-autoscaler size the pool between min and max. `spec.replicas` is then left
   * unset, so neither Git nor Pulumi resets the autoscaler's choice.
   * @default - fixed size
   */
  readonly autoscaling?: { readonly min: number; readonly max: number };
  /** Machine settings. @default - provider defaults */
  readonly machine?: MachineSpec;
  /** Kubernetes version of the pool's kubelets. @default - the cluster's version */
  readonly version?: KubernetesVersion | string;
  /**
   * Node labels. Labels in CAPI-synced domains (`node-role.kubernetes.io/*`,
   * `node-restriction.kubernetes.io/*`, `node.cluster.x-k8s.io/*`) go on the Machine and CAPI
   * syncs them to the Node in place; all others are passed to the kubelet with
   * `--node-labels` and apply to new machines only (changing them rolls the pool).
   * @default - none
   */
  readonly nodeLabels?: Record<string, string>;
  /** Taints, set through kubeadm `nodeRegistration.taints`. @default - none */
  readonly taints?: readonly Taint[];
  /**
   * Put `taints` on the MachineDeployment (`spec.template.spec.taints`) instead, which CAPI
   * keeps in sync. Needs CAPI's experimental MachineTaintPropagation feature gate.
   * @default false
   */
  readonly taintsViaMachineTaintPropagation?: boolean;
  /** Failure domain (AWS: availability zone) for every machine of the pool. @default - none */
  readonly failureDomain?: string;
  /** Rollout strategy. @default - RollingUpdate, maxSurge 1, maxUnavailable 0 */
  readonly rollout?: WorkerRolloutSpec;
  /** Which machines go first when scaling down. @default - CAPI default (Random) */
  readonly deletionOrder?: 'Random' | 'Newest' | 'Oldest';
  /** Node drain / volume detach / deletion timeouts. @default - CAPI defaults */
  readonly deletion?: MachineDeletionTimeouts;
  /** Seconds a new node must be Ready before it counts as available. @default - 0 */
  readonly minReadySeconds?: number;
  /** Opt-in MachineHealthCheck for the pool. @default - none */
  readonly healthCheck?: HealthCheckSpec;
  /** Extra labels on the pool's objects. @default - none */
  readonly labels?: Record<string, string>;
  /** Pin names (adoption). @default - derived names */
  readonly names?: WorkerPoolNamePins;
}

export interface WorkerRolloutSpec {
  /** @default 'RollingUpdate' */
  readonly type?: 'RollingUpdate' | 'OnDelete';
  /** Machines created above the desired count during a rollout: a number or a percentage. @default 1 */
  readonly maxSurge?: number | string;
  /** Machines that may be unavailable during a rollout: a number or a percentage. @default 0 */
  readonly maxUnavailable?: number | string;
  /** Roll every machine created before this RFC 3339 time. @default - none */
  readonly after?: string;
}

/**
 * An opt-in MachineHealthCheck. Off by default: without a CNI a new cluster's nodes stay
 * NotReady, and a health check on `Ready` would replace machines in a loop.
 */
export interface HealthCheckSpec {
  /**
   * Node conditions that mark a machine unhealthy after `timeoutSeconds`.
   * @default - Ready=False and Ready=Unknown for 300 seconds
   */
  readonly unhealthyNodeConditions?: readonly { readonly type: string; readonly status: string; readonly timeoutSeconds: number }[];
  /** A machine whose node has not joined after this long is unhealthy. @default - CAPI default (600s) */
  readonly nodeStartupTimeoutSeconds?: number;
  /**
   * Only remediate while at most this many (or this percentage of) machines are unhealthy.
   * @default - always remediate
   */
  readonly maxUnhealthy?: number | string;
  /** Only remediate while the number of unhealthy machines is in this range, e.g. `[1-3]`. @default - none */
  readonly unhealthyRange?: string;
}

/** A pinned immutable template name, valid while the template's spec hash is `specHash`. */
export interface PinnedTemplateName {
  /** The existing template's name. */
  readonly name: string;
  /**
   * The hash the spec renders to now (the first synth with a pin tells you its value). When
   * the spec changes, the hash no longer matches and synth fails, asking you to drop the pin,
   * instead of silently changing an immutable template under its old name.
   */
  readonly specHash: string;
}

export interface ClusterNamePins {
  /** @default - the cluster name */
  readonly infrastructureCluster?: string;
}

export interface ControlPlaneNamePins {
  /** @default '<cluster>-control-plane' */
  readonly controlPlane?: string;
  /** @default '<cluster>-control-plane-<hash>' */
  readonly machineTemplate?: PinnedTemplateName;
  /** @default '<cluster>-control-plane' */
  readonly healthCheck?: string;
}

export interface WorkerPoolNamePins {
  /** @default '<cluster>-<pool>' */
  readonly machineDeployment?: string;
  /** @default '<cluster>-<pool>-<hash>' */
  readonly machineTemplate?: PinnedTemplateName;
  /** @default '<cluster>-<pool>-<hash>' */
  readonly bootstrapTemplate?: PinnedTemplateName;
  /** @default '<cluster>-<pool>' */
  readonly healthCheck?: string;
}

/**
 * A change to one field of one emitted object. `target` names the object by its role:
 * `cluster`, `infrastructure-cluster`, `control-plane`, `control-plane/machine-template`,
 * `control-plane/health-check`, `pool/<name>/machine-deployment`,
 * `pool/<name>/machine-template`, `pool/<name>/bootstrap-template`, `pool/<name>/health-check`.
 */
export interface ObjectOverride {
  readonly target: string;
  /**
   * Path of the field: dotted (`spec.template.spec.rootVolume.size`, `[0]` for list items) or
   * a list of segments when a key holds dots (`['metadata', 'annotations', 'example.com/x']`).
   */
  readonly path: string | readonly (string | number)[];
  /** The new value. Ignored when `remove` is true. */
  readonly value?: unknown;
  /** Delete the field instead of setting it. @default false */
  readonly remove?: boolean;
}
