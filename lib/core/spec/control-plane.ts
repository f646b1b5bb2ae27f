import { MachineSpec } from './provider-sections';
import { HealthCheckSpec, KubeadmCommonSpec, MachineDeletionTimeouts, PinnedTemplateName, Taint } from './kubeadm';

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

export interface ControlPlaneNamePins {
  /** @default '<cluster>-control-plane' */
  readonly controlPlane?: string;
  /** @default '<cluster>-control-plane-<hash>' */
  readonly machineTemplate?: PinnedTemplateName;
  /** @default '<cluster>-control-plane' */
  readonly healthCheck?: string;
}
