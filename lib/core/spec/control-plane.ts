import { MachineSpec } from './provider-sections';
import { HealthCheckSpec, HostPathMount, KubeadmCommonSpec, MachineDeletionTimeouts, MachineNamingSpec, PinnedTemplateName, Taint } from './kubeadm';

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
  /**
   * Host paths mounted into the API server pod, e.g. an audit policy or encryption config
   * written with `files` (kubeadm `apiServer.extraVolumes`). @default - none
   */
  readonly apiServerExtraVolumes?: readonly HostPathMount[];
  /** Host paths mounted into the controller-manager pod. @default - none */
  readonly controllerManagerExtraVolumes?: readonly HostPathMount[];
  /** Host paths mounted into the scheduler pod. @default - none */
  readonly schedulerExtraVolumes?: readonly HostPathMount[];
  /** Settings of the local (stacked) etcd kubeadm runs on each control-plane machine. @default - kubeadm defaults */
  readonly etcd?: LocalEtcdSpec;
  /**
   * kubeadm feature gates (ClusterConfiguration `featureGates`), e.g.
   * `{ ControlPlaneKubeletLocalMode: true }`. Names are not checked against your kubeadm
   * version: kubeadm refuses an unknown gate when the first machine boots.
   * @default - kubeadm defaults
   */
  readonly featureGates?: Record<string, boolean>;
  /**
   * Node labels, with the same rules as a pool's `nodeLabels`: labels in CAPI-synced domains
   * (`node-role.kubernetes.io/*`, `node-restriction.kubernetes.io/*`, `node.cluster.x-k8s.io/*`)
   * go on the Machines (`spec.machineTemplate.metadata.labels`) and CAPI syncs them in place;
   * all others are passed to the kubelet with `--node-labels` and roll the control plane.
   * @default - none
   */
  readonly nodeLabels?: Record<string, string>;
  /** How control-plane machines are named. @default - CAPI's default (`<kcp name>-<random>`) */
  readonly machineNaming?: MachineNamingSpec;
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

/** Local etcd settings (kubeadm ClusterConfiguration `etcd.local`). */
export interface LocalEtcdSpec {
  /** Absolute path of etcd's data directory on the machine. @default '/var/lib/etcd' (kubeadm) */
  readonly dataDir?: string;
  /** Extra etcd flags (`name: value` without the dashes). @default - none */
  readonly extraArgs?: Record<string, string>;
  /** Registry and repository of the etcd image. @default - the cluster's image repository (kubeadm) */
  readonly imageRepository?: string;
  /** Tag of the etcd image. @default - the tag kubeadm pins for the Kubernetes version */
  readonly imageTag?: string;
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

export interface ControlPlaneNamePins {
  /** @default '<cluster>-control-plane' */
  readonly controlPlane?: string;
  /** @default '<cluster>-control-plane-<hash>' */
  readonly machineTemplate?: PinnedTemplateName;
  /** @default '<cluster>-control-plane' */
  readonly healthCheck?: string;
}
