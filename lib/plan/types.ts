import type { SupportedVersionWindow } from '../core/versions';
/**
 * Types of the rollout-impact plan. Names carry a `Plan` prefix so that they never collide with
 * the core's exports (`Manifest`, `ValidationIssue`, `KubernetesVersion`) at the package root.
 */

/** A Kubernetes object as read from a manifest file, a git revision or the management cluster. */
export interface PlanManifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** What happens to one object. */
export type PlanAction = 'created' | 'updated' | 'deleted';

/** One object that changes, with the changed paths (dot paths, `[i]` for list items), sorted. */
export interface PlanChange {
  readonly kind: string;
  readonly name: string;
  readonly action: PlanAction;
  /** Changed paths for `updated`; empty for `created` and `deleted`. */
  readonly paths: string[];
}

/**
 * One field that changed, as a reviewer sees it: in a rotated machine or bootstrap template (old
 * and new template compared), or in the KubeadmControlPlane / MachineDeployment itself.
 */
export interface PlanFieldChange {
  /**
   * Dot path inside the template's `spec.template.spec` (or the object's own path), list items
   * that have a key shown by it: `instanceType`, `files[/etc/app.conf].content`.
   */
  readonly path: string;
  /**
   * Kind of the object the path is in: the rotated template's kind (`AWSMachineTemplate`,
   * `KubeadmConfigTemplate`), or the KubeadmControlPlane / MachineDeployment's own.
   */
  readonly kind?: string;
  /** The value before, shown; absent when the field is new. Sensitive values (file contents, Secret data) are a short hash, e.g. `sha256:1a2b3c4d`. */
  readonly from?: string;
  /** The value after, shown; absent when the field was removed. */
  readonly to?: string;
}

/** Machines that CAPI replaces because of the change. */
export interface PlanRollout {
  /** `control-plane` or the worker pool's name. */
  readonly target: string;
  readonly kind: string;
  readonly name: string;
  /** How many existing machines are replaced; `null` when the pool is autoscaled (unknown). */
  readonly machines: number | null;
  /** KCP: 0 or 1; MD: a count or a percentage (CAPI default 1); `null` with OnDelete. */
  readonly maxSurge: number | string | null;
  /** KCP: 1 when maxSurge is 0 (an old machine goes first), else 0; MD default 0; `null` with OnDelete. */
  readonly maxUnavailable: number | string | null;
  /** Why the machines roll, in one sentence (causes joined with `; `). */
  readonly reason: string;
  /** `RollingUpdate`, or `OnDelete` (machines are replaced only when someone deletes them). */
  readonly strategy: 'RollingUpdate' | 'OnDelete';
  /** Each cause on its own, in a stable order. */
  readonly causes: string[];
  /**
   * The field changes behind the causes, sorted by kind, then path: what changed in the rotated templates
   * (when both the old and the new template are available) and in the object itself. Empty when
   * not known (e.g. the old template is on neither side).
   */
  readonly fieldChanges: PlanFieldChange[];
  /** When `rollout.after` is in the future: the time (RFC 3339) at which CAPI starts replacing machines. */
  readonly startsAt?: string;
  /** Autoscaler bounds of an autoscaled pool (then `machines` is null). */
  readonly autoscaling?: { readonly min: string; readonly max: string };
  /**
   * True when the machines roll only if a ClusterClass patch changes a template (a Go template,
   * `enabledIf` or an external patch, which the plan does not evaluate): they may roll.
   */
  readonly possible?: boolean;
}

/** A replica change of the control plane or a worker pool: machines added or removed, none replaced. */
export interface PlanScaling {
  /** `control-plane` or the worker pool's name. */
  readonly target: string;
  readonly kind: string;
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** What it means, e.g. for etcd quorum when the control plane passes an even count; absent when nothing needs saying. */
  readonly note?: string;
}

/** A change that CAPI applies without replacing machines. */
export interface PlanInPlaceChange {
  readonly target: string;
  readonly kind: string;
  readonly name: string;
  readonly paths: string[];
}

/** A Kubernetes version step of the control plane or of a worker pool. */
export interface PlanVersionStep {
  readonly target: string;
  readonly kind: string;
  readonly name: string;
  /** `null` when the object is new. */
  readonly from: string | null;
  /** `null` when the object is deleted. */
  readonly to: string | null;
}

/** Stable danger codes: CI gates and tools may match on them. */
export const PLAN_DANGER_CODES = [
  'cluster-deleted',
  'namespace-deleted',
  'control-plane-deleted',
  'pool-deleted',
  'immutable-field-changed',
  'template-mutated-in-place',
  'control-plane-even',
  'control-plane-below-quorum',
  'version-skip',
  'version-downgrade',
  'workers-ahead-of-control-plane',
  'workers-too-far-behind',
  'version-unsupported',
  'template-missing',
  'reference-missing',
  'object-moved',
  'addon-uninstalled',
  'provider-removed',
  'provider-downgrade',
  'provider-version-skip',
  'provider-contract-changed',
  'provider-contract-unsupported',
  'class-deleted-in-use',
  'class-incompatible',
  'worker-class-missing',
  'variable-undefined',
  'class-version-missing',
] as const;

export type PlanDangerCode = (typeof PLAN_DANGER_CODES)[number];

export interface PlanDanger {
  readonly code: PlanDangerCode;
  readonly message: string;
  /** `Kind/name` of the object the danger is about. */
  readonly object: string;
}

/** A template that nothing references any more: delete it once the rollout has finished. */
export interface PlanCleanupCandidate {
  readonly kind: string;
  readonly name: string;
  readonly reason: string;
}

/**
 * A reference to an object managed outside the compared manifests (e.g. a CAPA identity), not
 * checked when comparing two manifest sets; `plan --live` checks it against the management cluster.
 */
export interface PlanExternalReference {
  /** `Kind/name` of the referring object. */
  readonly object: string;
  readonly path: string;
  readonly kind: string;
  readonly name: string;
}

export interface PlanCluster {
  readonly cluster: string;
  readonly namespace: string;
  readonly changes: PlanChange[];
  readonly rollouts: PlanRollout[];
  /** Replica changes (scale-ups and scale-downs); never in `inPlace`. */
  readonly scaling: PlanScaling[];
  readonly dangers: PlanDanger[];
  readonly versions: PlanVersionStep[];
  readonly inPlace: PlanInPlaceChange[];
  readonly cleanup: PlanCleanupCandidate[];
  /** References of changed objects to objects managed outside the manifests: information, not dangers. */
  readonly externalReferences: PlanExternalReference[];
}

/** Objects that no cluster owns or uses (for example an unused identity or namespace). */
export interface PlanUnassigned {
  readonly changes: Array<PlanChange & { readonly namespace?: string }>;
  readonly dangers: PlanDanger[];
}

/** What happens to one cluster-api-operator provider of the management cluster. */
export type PlanProviderAction = 'install' | 'upgrade' | 'downgrade' | 'reconfigure' | 'remove';

/** One provider object (CoreProvider, BootstrapProvider, ...) that changes. */
export interface PlanProviderChange {
  /** `install` (a new object), `upgrade` or `downgrade` (`spec.version` changes), `reconfigure` (other fields only), `remove`. */
  readonly action: PlanProviderAction;
  /** `core`, `bootstrap`, `controlPlane`, `infrastructure` or `addon`. */
  readonly type: string;
  /** `CoreProvider`, `InfrastructureProvider`, ... */
  readonly kind: string;
  /** The provider's name, which is the object's name: `aws`, `kubeadm`. */
  readonly name: string;
  /** The object's namespace, where the operator installs the provider's components. */
  readonly namespace: string;
  /** The name people use: `CAPA`, or `metal3 infrastructure provider` for one the version table does not know. */
  readonly provider: string;
  /** `spec.version` before; `null` when installed now or unset (the operator's default). */
  readonly from: string | null;
  /** `spec.version` after; `null` when removed or unset. */
  readonly to: string | null;
  /** The contract of `from`, when the version table knows it. */
  readonly contractFrom?: string;
  /** The contract of `to`, when the version table knows it. */
  readonly contractTo?: string;
  /** Changed paths (for `upgrade`, `downgrade` and `reconfigure`). */
  readonly paths: string[];
  /**
   * The step of clusterctl's order it belongs to: 1 core, 2 bootstrap, 3 control plane,
   * 4 infrastructure, 5 add-on. The operator reconciles each object on its own; only new providers
   * wait for a Ready core, so the steps are the order to apply them in one at a time.
   */
  readonly step: number;
  /** What the operator does, in one sentence. */
  readonly effect: string;
}

/** The management cluster's part of a plan: its cluster-api-operator providers. */
export interface PlanProviders {
  /** Provider changes, in clusterctl's order (core, bootstrap, control plane, infrastructure, add-on), then by name. */
  readonly changes: PlanProviderChange[];
  /** Other changed objects in the providers' namespaces (the Namespaces, configuration Secrets, ExternalSecrets). */
  readonly objects: Array<PlanChange & { readonly namespace?: string }>;
  /** Dangers of the provider changes and of those objects, ordered by code as in `PLAN_DANGER_CODES`. */
  readonly dangers: PlanDanger[];
  /** Providers whose contract could not be checked (not in the version table), each with why. */
  readonly unchecked: string[];
}

/** What a change of a ClusterClass does to the clusters that use it. */
export interface PlanClassImpact {
  /** `control-plane`, `infrastructure` (the clusters' infrastructure cluster objects), or a worker class. */
  readonly target: string;
  /** What changed, in a few words: `machine template changed`, `patch worker-instance-type changed`. */
  readonly what: string;
  /**
   * `rollout`: the topology controller rotates the clusters' templates and CAPI replaces the
   * machines; `possible-rollout`: it depends on how patches evaluate; `in-place`: objects are
   * patched without replacing machines.
   */
  readonly effect: 'rollout' | 'possible-rollout' | 'in-place';
  /** The clusters affected (`namespace/name`), in the plan's order. */
  readonly clusters: string[];
  /** The field changes (template `spec.template.spec` paths, or the class's own), secrets hashed. */
  readonly fieldChanges: PlanFieldChange[];
}

/** A ClusterClass that changes, with its templates and what the change does to its clusters. */
export interface PlanClass {
  /** The ClusterClass's name. */
  readonly name: string;
  /** The ClusterClass's namespace (topology Clusters reference it there, or in their own namespace). */
  readonly namespace: string;
  /** The class and its templates that change. */
  readonly changes: PlanChange[];
  /** What the change does to the clusters that use the class, per target. */
  readonly impacts: PlanClassImpact[];
  /** Every cluster that uses the class (`namespace/name`), after the change (before it when deleted). */
  readonly clusters: string[];
  /** What the ClusterClass webhook would reject, or what breaks the clusters that use the class. */
  readonly dangers: PlanDanger[];
  /** Class templates that no class references any more. */
  readonly cleanup: PlanCleanupCandidate[];
}

export interface Plan {
  /** Clusters with at least one change or danger (or, live, a cleanup candidate), sorted by namespace then name. */
  readonly clusters: PlanCluster[];
  /** ClusterClasses that change (or whose templates do), sorted by namespace then name; absent when none. */
  readonly classes?: PlanClass[];
  /** Present only when some changed object belongs to no cluster (the providers' objects aside). */
  readonly unassigned?: PlanUnassigned;
  /** Present only when a cluster-api-operator provider object or an object of its namespace changes. */
  readonly providers?: PlanProviders;
}

export type PlanFormat = 'text' | 'markdown' | 'json';

export interface PlanOptions {
  /**
   * Kubernetes minors that the CAPI version supports for workload clusters, inclusive.
   * @default - the window of the Cluster API version the desired CoreProvider pins (see
   * workloadKubernetesWindow), else CAPI_V1_14_SUPPORTED_VERSIONS (v1.31 to v1.36)
   */
  readonly supportedVersions?: SupportedVersionWindow;
  /**
   * The before side was read from the management cluster: compare only the paths present in the
   * desired (after) manifests, ignore server-added metadata and status, and report live templates
   * that no desired object references as cleanup candidates instead of deletions.
   * @default false
   */
  readonly beforeIsLive?: boolean;
  /**
   * "Now", for `rollout.after`: a time in the past starts the rollout now, one in the future at
   * that time. Injectable for tests.
   * @default new Date()
   */
  readonly now?: Date;
}

/** Thrown when input cannot be read or parsed (the CLI exits 2). */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInputError';
  }
}
