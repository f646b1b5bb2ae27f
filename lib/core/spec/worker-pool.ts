import { KubernetesVersion } from '../versions';
import { MachineSpec } from './provider-sections';
import { HealthCheckSpec, KubeadmCommonSpec, MachineDeletionTimeouts, MachineNamingSpec, PinnedTemplateName, Taint } from './kubeadm';

export interface WorkerPoolSpec extends KubeadmCommonSpec {
  /**
   * Pool name; the MachineDeployment is named `<cluster>-<pool>` (`<cluster>-<pool>-<domain>`
   * per domain with `failureDomains`).
   */
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
  readonly autoscaling?: WorkerAutoscalingSpec;
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
  /**
   * Failure domain (AWS: availability zone) for every machine of the pool. Not combined with
   * `failureDomains`.
   * @default - none
   */
  readonly failureDomain?: string;
  /**
   * Spread the pool over these failure domains (AWS: availability zones): one MachineDeployment
   * per domain, named `<cluster>-<pool>-<domain>` (a domain that is not lowercase letters,
   * digits and '-' is named by a stable 8-character hash instead), so adding a domain adds one
   * MachineDeployment and leaves the others as they are. `replicas` and `autoscaling` min/max
   * are totals, split evenly in list order: the first `total % domains` domains get one more.
   * Every domain needs room for a machine, so `autoscaling.max` must be at least the number of
   * domains. The machine template, KubeadmConfigTemplate and health check are shared by all
   * domains. Not combined with `failureDomain`.
   * @default - one MachineDeployment, no spreading
   */
  readonly failureDomains?: readonly string[];
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

/** Bounds for cluster-autoscaler, and what it needs to know to scale the pool up from zero. */
export interface WorkerAutoscalingSpec {
  /** Fewest machines (the total over all `failureDomains` when spread). */
  readonly min: number;
  /** Most machines (the total over all `failureDomains` when spread). */
  readonly max: number;
  /**
   * The capacity of one machine, for cluster-autoscaler to simulate a node of a pool that has
   * scaled to zero (rendered as `capacity.cluster-autoscaler.kubernetes.io/*` annotations on
   * the MachineDeployments). CAPA (AWS) and CAPD (Dev) report CPU and memory in the machine
   * template's `status.capacity` themselves; give it for GPUs, ephemeral disk, max pods, or a
   * provider that reports nothing. The annotations win over what the provider reports.
   * @default - none: the provider's report only
   */
  readonly capacity?: MachineCapacity;
}

/** The capacity of one machine as cluster-autoscaler reads it (values are Kubernetes quantities). */
export interface MachineCapacity {
  /** CPUs, a quantity, e.g. `'4'` or `'3500m'`. @default - as the provider reports */
  readonly cpu?: string;
  /** Memory, a quantity, e.g. `'16Gi'`. @default - as the provider reports */
  readonly memory?: string;
  /** GPUs per machine. @default - none */
  readonly gpuCount?: number;
  /** GPU resource name, e.g. `'nvidia.com/gpu'`. @default - none (the autoscaler's default) */
  readonly gpuType?: string;
  /** Ephemeral storage, a quantity, e.g. `'100Gi'`. @default - none */
  readonly ephemeralDisk?: string;
  /** Pods per node. @default - none (the autoscaler assumes 110) */
  readonly maxPods?: number;
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
  /** Name of the one MachineDeployment of a pool without `failureDomains`. @default '<cluster>-<pool>' */
  readonly machineDeployment?: string;
  /**
   * Names of the MachineDeployments of a spread pool, by failure domain (adoption); domains
   * left out keep their derived name.
   * @default '<cluster>-<pool>-<domain>' for each domain
   */
  readonly machineDeployments?: Readonly<Record<string, string>>;
  /** @default '<cluster>-<pool>-<hash>' */
  readonly machineTemplate?: PinnedTemplateName;
  /** @default '<cluster>-<pool>-<hash>' */
  readonly bootstrapTemplate?: PinnedTemplateName;
  /** @default '<cluster>-<pool>' */
  readonly healthCheck?: string;
}
