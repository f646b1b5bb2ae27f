import { KubernetesVersion } from '../versions';
import { MachineSpec } from './provider-sections';
import { HealthCheckSpec, KubeadmCommonSpec, MachineDeletionTimeouts, MachineNamingSpec, PinnedTemplateName, Taint } from './kubeadm';

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
  /** How the pool's machines are named. @default - CAPI's default (`<machine set name>-<random>`) */
  readonly machineNaming?: MachineNamingSpec;
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
