/**
 * The one interface an infrastructure provider implements, and the registry that holds them.
 * The core never imports a provider: it asks the registry. Built-in providers register
 * themselves in `providers/index.ts` (the only list of providers); a third party registers its
 * own with `registerProvider` and adds its spec sections to `InfrastructureSpec` and
 * `MachineSpec` by declaration merging.
 */
import { KUBEADM_TEMPLATE_KINDS, Manifest } from '../capi';
import type { AddonSpec, AddonValues } from './spec/addons';
import type { KubeadmFile } from './spec/kubeadm';
import { IssueSink, ValidationIssue } from '../support/issues';
import { ShapeFields } from '../support/shape';

/** Which machines a template is for. */
export type MachineRole = 'control-plane' | 'worker';

/** kubeadm settings a provider needs on every machine; user settings win on conflict, except `required` flags. */
export interface ProviderKubeadmDefaults {
  readonly kubeletExtraArgs?: Record<string, string>;
  readonly controllerManagerExtraArgs?: Record<string, string>;
  readonly certSans?: readonly string[];
  /** kubeadm `nodeRegistration.name` (e.g. the EC2 private DNS name). */
  readonly nodeName?: string;
  /**
   * Flags of `kubeletExtraArgs` and `controllerManagerExtraArgs` above that the provider cannot
   * work without: a user value that differs is an error giving `why`. @default - none
   */
  readonly required?: { readonly flags: readonly string[]; readonly why: string };
}

/** Where the provider's machine files and commands go: which machines, of which cluster, from which template. */
export interface MachineBootstrapContext {
  readonly role: MachineRole;
  readonly clusterName: string;
  /** The control plane's Kubernetes version, `vX.Y.Z`. */
  readonly version: string;
  /**
   * Name of the machine template the machines are created from (hash included): some providers
   * create per-template Secrets the machines read, e.g. CAPZ's `<template>-azure-json`.
   */
  readonly machineTemplateName: string;
}

/**
 * Files and commands a provider puts on machines, from its cluster section (e.g. CAPV's kube-vip
 * static pod on control-plane machines). They come before the user's; a user file with the same
 * path is an error.
 */
export interface ProviderMachineBootstrap {
  readonly files?: readonly KubeadmFile[];
  readonly preKubeadmCommands?: readonly string[];
  readonly postKubeadmCommands?: readonly string[];
}

/** One side of a change to an immutable field, as an `ImmutableField.when` rule sees it. */
export interface ImmutableFieldChange {
  /** The value before, the server default when the old object does not set it. */
  readonly before: unknown;
  /** The value after, the server default when the new object does not set it. */
  readonly after: unknown;
  /** The old object sets the field itself (not a default). */
  readonly setBefore: boolean;
  /** The new object sets the field itself (not a default). */
  readonly setAfter: boolean;
  /** Another field of the old object (dot path), server default applied: for rules that depend on it. */
  valueBefore(path: string): unknown;
}

/**
 * A field whose change a webhook refuses, or that a running cluster cannot follow. The plan reports
 * a change to it (values compared with server defaults applied) as `immutable-field-changed`.
 */
export interface ImmutableField {
  /** Dot path, e.g. `spec.region`. */
  readonly path: string;
  /**
   * Which changes count (e.g. only once set, only a removal, only to or from one value).
   * @default - every change
   */
  readonly when?: (change: ImmutableFieldChange) => boolean;
  /** What the rule says, as in `spec.region cannot change on an existing AWSCluster`. @default 'cannot change' */
  readonly rule?: string;
  /**
   * Set when the API server accepts the change but the running cluster cannot follow it: what
   * happens then, read after "the API server accepts it, but". @default - the API server rejects it
   */
  readonly accepted?: string;
  /** What to do instead. @default 'create a new cluster instead' */
  readonly fix?: string;
}

/** What the rollout-impact plan needs to know about a provider's kinds. */
export interface ProviderPlanFacts {
  /**
   * Fields of the provider's kinds that its webhooks reject changing, or that a running cluster
   * cannot change, by kind: a dot path (every change is rejected) or an `ImmutableField` (a rule
   * with a condition, or a change the API server accepts but the cluster cannot follow). A change
   * to one is the `immutable-field-changed` danger. Cite the webhook in a comment.
   */
  readonly immutableFields?: Readonly<Record<string, ReadonlyArray<string | ImmutableField>>>;
  /**
   * Values the provider's webhooks or CRDs give unset fields, by kind, then by dot path (e.g.
   * `spec.controlPlaneLoadBalancer.loadBalancerType: 'classic'`): the plan reads an unset
   * immutable field as its default, so writing the default out is no change.
   */
  readonly serverDefaults?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One row of an add-on version table: the chart version for one Kubernetes minor, and where it comes from. */
export interface AddonVersionRow {
  /** The Kubernetes minor, `v1.34`. */
  readonly kubernetes: string;
  /** Exact chart version. */
  readonly version: string;
  /** The version of what the chart installs for this minor, when it differs per minor (e.g. the CCM image `v1.34.3`). @default - the chart's own */
  readonly appVersion?: string;
  /** The upstream source of the row: repository, tag and file, or the page that states the compatibility. */
  readonly source: string;
}

/**
 * A Helm chart the library installs for an add-on kind (a provider's cloud controller manager or
 * CSI driver, a CNI plugin): where it is, the values every cluster gets, and its version table.
 */
export interface AddonChart {
  /** `https://...` or `oci://...`. */
  readonly repository: string;
  readonly chart: string;
  /** Namespace of the release in the workload cluster. */
  readonly namespace: string;
  /** Values every cluster gets; strings may be Go templates over the Cluster (CAAPH's `valuesTemplate`). */
  readonly values: AddonValues;
  /**
   * Dot path of the value that takes the row's `appVersion`, chosen per cluster by a Go template
   * over its control plane's version, so clusters on different minors share one HelmChartProxy;
   * a list when the chart installs several images of one version (Azure's cloud controller
   * manager and cloud node manager).
   * @default - the rows have no appVersion
   */
  readonly appVersionValue?: string | readonly string[];
  /** Chart versions per Kubernetes minor, oldest first. */
  readonly versions: readonly AddonVersionRow[];
}

/** The add-ons a provider brings: what every cluster gets unless it opts out, and its charts. */
export interface ProviderAddons {
  /**
   * On for every cluster of the provider unless the cluster lists the same name with
   * `enabled: false` (e.g. the cloud controller manager, without which nodes stay uninitialized).
   */
  readonly defaults: readonly AddonSpec[];
  /** The chart of the `cloud-controller-manager` kind. @default - the provider has none */
  readonly cloudControllerManager?: AddonChart;
  /** The chart of the `csi` kind. @default - the provider has none */
  readonly csi?: AddonChart;
}

/** A pod or service CIDR block of the cluster spec, as a provider's `validateClusterNetwork` sees it. */
export interface ClusterNetworkBlock {
  /** Path in the cluster spec, e.g. `network.podCidrs[0]`. */
  readonly path: string;
  /** The block, e.g. `192.168.0.0/16`. */
  readonly cidr: string;
  readonly family: 'ipv4' | 'ipv6';
}

/**
 * A leaf of the provider's cluster section that may be a late-bound value (a Pulumi Output),
 * because it only lands in the infrastructure cluster object, never in a template.
 */
export interface ProviderInputLeaf {
  /** Path inside the provider's section, e.g. `network.existing.vpcId`. */
  readonly path: string;
  /** A plain value the core validates and renders in place of the late-bound one; `n` makes it unique. */
  placeholder(n: number): string;
  /** The leaf is a list whose items are each replaced (the list itself may be late-bound too). */
  readonly listItems?: boolean;
}

/**
 * A Cluster API infrastructure provider: its spec sections, how to check them, and how to
 * render its infrastructure cluster and machine templates. Methods get the provider's own
 * sections (`infrastructure.<id>`, `machine.<id>`); paths they report are relative to them.
 */
export interface InfrastructureProvider<ClusterSpec = unknown, MachineSpec = unknown> {
  /** Key of the provider's section in `infrastructure` and in `machine` props, e.g. `aws`. */
  readonly id: string;
  /** Name of the provider in the cluster-api-operator's `InfrastructureProvider` (and clusterctl), e.g. `aws`, `docker`. */
  readonly operatorName: string;
  /** API version the provider serves its kinds at (CAPZ's are still `v1beta1`). */
  readonly apiVersion: string;
  /** Kind of the infrastructure cluster object, e.g. `AWSCluster`. */
  readonly clusterKind: string;
  /** Kind of the machine template, e.g. `AWSMachineTemplate`. Immutable: named after a hash of its spec. */
  readonly machineTemplateKind: string;
  /**
   * Kind of the provider's cluster template (e.g. `AWSClusterTemplate`), which a ClusterClass
   * references for the infrastructure cluster. Set it only when the cluster section renders
   * the same for every cluster (nothing derived from the cluster's name): a class template is
   * shared by every cluster of the class. Immutable like machine templates.
   * @default - the provider cannot back a ClusterClass
   */
  readonly clusterTemplateKind?: string;
  /** JSON shape of the cluster section, checked before any rule runs. */
  readonly clusterShape: ShapeFields;
  /** JSON shape of the machine section. */
  readonly machineShape: ShapeFields;
  /** kubeadm settings this provider needs on every machine. */
  readonly kubeadmDefaults: ProviderKubeadmDefaults;
  /** Facts for the rollout-impact plan. @default - none */
  readonly plan?: ProviderPlanFacts;
  /**
   * The provider's machine template reports the CPU and memory of its machines in
   * `status.capacity`, which cluster-autoscaler reads to scale a pool up from zero. When false,
   * an autoscaled pool that may reach zero must give `autoscaling.capacity.cpu` and `memory`.
   * @default false
   */
  readonly reportsMachineCapacity?: boolean;
  /** Default add-ons and the charts of the provider's add-on kinds. @default - none */
  readonly addons?: ProviderAddons;
  /** Leaves of the cluster section that may be late-bound (Pulumi Inputs). @default - none */
  readonly inputLeaves?: readonly ProviderInputLeaf[];
  /** Checks the cluster-level settings. */
  validateCluster(spec: ClusterSpec, report: IssueSink): void;
  /** Checks one machine section (undefined when the user gave none). */
  validateMachine(spec: MachineSpec | undefined, role: MachineRole, report: IssueSink): void;
  /**
   * The networks the machines live in (e.g. the VPC), which the pod and service networks must
   * not overlap; `description` names it in messages (e.g. `the VPC`). @default - none known
   */
  nodeNetworks?(spec: ClusterSpec): ReadonlyArray<{ readonly cidr: string; readonly description: string }>;
  /**
   * Why `name` is not a failure domain of this cluster (a pool's `failureDomain`), or undefined
   * when it is or the provider cannot tell. @default - every name accepted
   */
  failureDomainProblem?(spec: ClusterSpec, name: string): Omit<ValidationIssue, 'path' | 'value'> | undefined;
  /**
   * Checks the cluster's pod and service networks against the provider's settings (e.g. IPv6
   * blocks need an IPv6 VPC). `blocks` are the valid blocks the spec sets, each with its path in
   * the cluster spec (`network.podCidrs[0]`); report problems at those paths. @default - no check
   */
  validateClusterNetwork?(spec: ClusterSpec, blocks: readonly ClusterNetworkBlock[], report: IssueSink): void;
  /**
   * Files and commands the provider writes on the machines of `context.role`, before the user's.
   * @default - none
   */
  machineBootstrap?(spec: ClusterSpec, context: MachineBootstrapContext): ProviderMachineBootstrap;
  /** The infrastructure cluster's `spec`. */
  renderClusterSpec(spec: ClusterSpec, clusterName: string): Record<string, unknown>;
  /** The machine template's `spec.template.spec`. */
  renderMachineSpec(spec: MachineSpec | undefined, role: MachineRole, clusterSpec: ClusterSpec): Record<string, unknown>;
}

const registry = new Map<string, InfrastructureProvider>();
let version = 0;

/**
 * Registers a provider under its `id`. Registering the same object again is a no-op; another
 * provider with a taken id is an error.
 */
export function registerProvider<C, M>(provider: InfrastructureProvider<C, M>): void {
  const known = registry.get(provider.id);
  if (known === (provider as InfrastructureProvider)) return;
  if (known) throw new Error(`a provider with id "${provider.id}" is already registered`);
  if (!/^[a-z][a-zA-Z0-9]*$/.test(provider.id)) throw new Error(`provider id "${provider.id}" must be a lower camel case word (it is a spec key)`);
  registry.set(provider.id, provider as InfrastructureProvider);
  version++;
}

/** The provider registered under `id`, or undefined. */
export function findProvider(id: string): InfrastructureProvider | undefined {
  return registry.get(id);
}

/** Every registered provider, in registration order. */
export function registeredProviders(): readonly InfrastructureProvider[] {
  return [...registry.values()];
}

/** Changes whenever a provider is registered, so derived data (shapes) can be cached. @internal */
export function registryVersion(): number {
  return version;
}

/** The one provider section set in `infrastructure`, or undefined when there is not exactly one known. */
export function providerOf(infrastructure: object | undefined): InfrastructureProvider | undefined {
  const ids = Object.keys(infrastructure ?? {}).filter(k => (infrastructure as Record<string, unknown>)[k] !== undefined);
  return ids.length === 1 ? registry.get(ids[0]) : undefined;
}

/** Kinds whose spec CAPI or the provider treats as immutable: renamed on change, never deleted by the engines. */
export function isImmutableTemplateKind(kind: string): boolean {
  return KUBEADM_TEMPLATE_KINDS.includes(kind) || registeredProviders().some(p => p.machineTemplateKind === kind || p.clusterTemplateKind === kind);
}

export function isImmutableTemplate(m: Manifest): boolean {
  return isImmutableTemplateKind(m.kind);
}
