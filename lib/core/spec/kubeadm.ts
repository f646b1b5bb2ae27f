/** Settings shared by the control plane and the worker pools: kubeadm files, users, taints, health checks. */

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
  /**
   * Machine conditions that mark a machine unhealthy after `timeoutSeconds`, e.g. a condition a
   * provider or your own controller sets on the Machine (MachineHealthCheck
   * `spec.checks.unhealthyMachineConditions`). CAPI's own conditions (`Ready`, `Available`,
   * `HealthCheckSucceeded`, `OwnerRemediated`, `ExternallyRemediated`) are refused.
   * @default - none (only node conditions are checked)
   */
  readonly unhealthyMachineConditions?: readonly UnhealthyMachineCondition[];
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

/** A Machine condition that marks the machine unhealthy when it has `status` for `timeoutSeconds`. */
export interface UnhealthyMachineCondition {
  /** Condition type, e.g. `example.com/DiskPressure` (not one of CAPI's own conditions). */
  readonly type: string;
  /** The status that counts as unhealthy. */
  readonly status: 'True' | 'False' | 'Unknown';
  /** How long the condition must hold, in seconds; 0 marks the machine unhealthy at once. */
  readonly timeoutSeconds: number;
}

/**
 * A host path mounted into a control-plane static pod (kubeadm `extraVolumes`), e.g. an audit
 * policy or an encryption config written with `files`.
 */
export interface HostPathMount {
  /** Volume name in the static pod: a DNS-1123 label, unique per component. */
  readonly name: string;
  /** Absolute path on the machine. */
  readonly hostPath: string;
  /** Absolute path in the container. */
  readonly mountPath: string;
  /** Mount read-only. @default false (kubeadm's default) */
  readonly readOnly?: boolean;
  /**
   * What must exist at `hostPath` before the pod starts. `File` for a file written with `files`.
   * @default - no check (Kubernetes' default)
   */
  readonly pathType?: HostPathType;
}

/** Kubernetes `HostPathType` values (the empty string, "no check", is written by leaving the field out). */
export type HostPathType = 'DirectoryOrCreate' | 'Directory' | 'FileOrCreate' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice';

/** How CAPI names the machines it creates (`spec.machineNaming`). */
export interface MachineNamingSpec {
  /**
   * A Go template for machine names. It must contain `{{ .random }}`; the other variables are
   * `{{ .cluster.name }}` and, on the control plane, `{{ .kubeadmControlPlane.name }}`, on a
   * pool `{{ .machineSet.name }}`. Names longer than 63 characters are cut to 58 and given a
   * random suffix by CAPI. Changing it names only machines created afterwards.
   */
  readonly template: string;
}
