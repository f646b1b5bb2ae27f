import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { ANNOTATIONS, Manifest, manifestKey, referencedObjects } from '../capi';
import {
  CLUSTER_ROLES, ClusterReference, CONTROL_PLANE_ROLES, InfrastructureSpec, isImmutableTemplate, KubernetesVersion, ManagedClusterSpec, poolRole,
  renderManagedCluster,
} from '../core';
// Registers the built-in providers with the core's registry (the types below are only types).
import '../providers';
import { clusterAddonObjects } from '../addons';
import { AwsClusterSpec, AwsIdentityRef, AwsNetworkSpec, VSphereClusterSpec, VSphereControlPlaneEndpoint, VSphereIdentityRef } from '../providers';
import { ManagementClusterSpec, validateClusterForManagement } from '../management';
import { ValidationIssue } from '../support/issues';
import { throwIfIssues } from './aws/_issues';
import { ClusterAddons } from './cluster-addons';
import { ManagementCluster } from './management-cluster';
import { InputSlot, inputLeavesOf, takeInputs } from './_inputs';
import { claimLegacyAliases } from './_legacy-aliases';
import { containsString, PlannedResource, registerPlanned, renderCollectingIssues, resourceArgs, toPropertyIssue } from './_resources';

export { resourceArgs, substitutePlaceholders } from './_resources';
export type { PlannedResource } from './_resources';

/** Pulumi type token of {@link ManagedCluster}. */
export const MANAGED_CLUSTER_TYPE = 'capi-constructs:index:ManagedCluster';

/** The annotation pulumi-kubernetes reads to wait for a custom condition after create and update. */
export const PULUMI_WAIT_FOR_ANNOTATION = 'pulumi.com/waitFor';

/** v1beta2 `Cluster` condition that is True once the control plane and workers are available. */
export const CLUSTER_READY_CONDITION = 'condition=Available';

/** Default time `waitForReady` waits for the Cluster to become Available. */
export const DEFAULT_READY_TIMEOUT_SECONDS = 1800;

/** An existing VPC whose ids may be Pulumi Inputs, e.g. the outputs of `CapaNetwork`. */
export interface ManagedClusterExistingNetworkArgs {
  /** `vpc-...`; a plain string or an Output such as `network.vpcId`. */
  readonly vpcId: pulumi.Input<string>;
  /** Every subnet CAPA may use (`subnet-...`): a list, a list of Inputs, or an Output of a list. */
  readonly subnetIds: pulumi.Input<readonly pulumi.Input<string>[]>;
}

/** `AwsNetworkSpec` where the existing network's ids may be Pulumi Inputs. */
export interface ManagedClusterAwsNetworkArgs extends Omit<AwsNetworkSpec, 'existing'> {
  /**
   * Use an existing VPC. Its ids only go into the AWSCluster, which is not a template, so they
   * may be Outputs.
   * @default - no existing network (see `managed`)
   */
  readonly existing?: ManagedClusterExistingNetworkArgs;
}

/** `AwsIdentityRef` whose name may be a Pulumi Input, e.g. an identity component's output. */
export interface ManagedClusterAwsIdentityArgs extends Omit<AwsIdentityRef, 'name'> {
  readonly name: pulumi.Input<string>;
}

/** `AwsClusterSpec` with the network ids and the identity name as Pulumi Inputs. */
export interface ManagedClusterAwsArgs extends Omit<AwsClusterSpec, 'network' | 'identity'> {
  /** @default - managed VPC 10.0.0.0/16 over 3 AZs */
  readonly network?: ManagedClusterAwsNetworkArgs;
  /** @default - CAPA's controller identity (`AWSClusterControllerIdentity` named `default`) */
  readonly identity?: ManagedClusterAwsIdentityArgs;
}

/**
 * Provider sections whose Pulumi args differ from their core spec because some leaves may be
 * Inputs (see each provider's `inputLeaves`). A provider, built in or a third party's, adds its
 * section here by declaration merging; the section then replaces the core one in
 * {@link ManagedClusterInfrastructureArgs}. The types only help users: which leaves may hold
 * Inputs is decided by the provider registry at run time.
 */
/** `infrastructure.vsphere` with Inputs where they only reach the VSphereCluster: the external endpoint's host and the identity name. */
export interface ManagedClusterVSphereArgs extends Omit<VSphereClusterSpec, 'controlPlaneEndpoint' | 'identity'> {
  readonly controlPlaneEndpoint: Omit<VSphereControlPlaneEndpoint, 'external'> & {
    /** @default - none (see `kubeVip`) */
    readonly external?: { readonly host: pulumi.Input<string>; readonly port?: number };
  };
  /** @default - the CAPV controller's own credentials */
  readonly identity?: Omit<VSphereIdentityRef, 'name'> & { readonly name: pulumi.Input<string> };
}

export interface InfrastructureInputArgs {
  readonly aws?: ManagedClusterAwsArgs;
  readonly vsphere?: ManagedClusterVSphereArgs;
}

/** `InfrastructureSpec` with Pulumi Inputs allowed at the providers' input leaves (e.g. the AWS cluster's network and identity). */
export interface ManagedClusterInfrastructureArgs extends Omit<InfrastructureSpec, keyof InfrastructureInputArgs>, InfrastructureInputArgs {}

/** Pulumi-only options of {@link ManagedCluster}; they never change a template. */
export interface ManagedClusterOptions {
  /**
   * Protect the `Cluster` object against deletion (Pulumi `protect`). Deleting a Cluster makes
   * CAPI delete every machine and every cloud resource of the cluster, so a `pulumi destroy`
   * or a removed component must not do it by accident. To delete a cluster on purpose, set it
   * to `false`, run `pulumi up`, then remove the cluster.
   * @default true
   */
  readonly protectCluster?: boolean;
  /**
   * Wait on create and update until the Cluster's v1beta2 `Available` condition is True
   * (annotation `pulumi.com/waitFor: condition=Available` on the Cluster object only, never
   * on a template), then read the kubeconfig Secret CAPI writes into the `kubeconfig` output.
   * Off by default: a new cluster takes many minutes to become available, and reading the
   * Secret before CAPI has written it would fail the `up`.
   * @default false
   */
  readonly waitForReady?: boolean;
  /**
   * How long `waitForReady` waits for the Cluster to become Available, in seconds.
   * @default 1800
   */
  readonly readyTimeoutSeconds?: number;
  /**
   * Give each object its name of capi-constructs 0.1 (`<cluster>/<Kind>/<name>`, without the
   * namespace) as a Pulumi alias, so a stack created with 0.1 replaces nothing. A stack that never
   * ran 0.1 can set `false`: aliases cost about a quarter of the registration time (see the
   * README's Performance section).
   * @default true
   */
  readonly legacyNameAliases?: boolean;
  /**
   * The management cluster that runs this cluster (the component, or its spec). When given, the
   * cluster is checked against it: its providers must be installed, the feature gates its
   * features need on, and its Kubernetes version supported by the management cluster's Cluster
   * API version.
   * @default - not checked against a management cluster
   */
  readonly managementCluster?: ManagementCluster | ManagementClusterSpec;
}

/**
 * Arguments of {@link ManagedCluster}: the core `ManagedClusterSpec` (see its fields) plus
 * {@link ManagedClusterOptions}. Only the leaves each provider declares in its `inputLeaves`
 * may be Pulumi Inputs, because they land in the infrastructure cluster object and never in a
 * template; for AWS: `infrastructure.aws.network.existing.vpcId`,
 * `infrastructure.aws.network.existing.subnetIds` and `infrastructure.aws.identity.name`.
 * Anything else must be a plain value: an Output inside template content would leave the
 * template's hash (and so its name) unknown until apply and unstable across previews.
 */
export interface ManagedClusterArgs extends Omit<ManagedClusterSpec, 'name' | 'infrastructure'>, ManagedClusterOptions {
  /**
   * Name of the Cluster object and prefix of every other object's name.
   * @default - the Pulumi resource name
   */
  readonly name?: string;
  /** The infrastructure provider: exactly one of `aws` or `dev`. */
  readonly infrastructure: ManagedClusterInfrastructureArgs;
}

export type { InputSlot } from './_inputs';

/**
 * A {@link ClusterReference} whose provider section may hold Inputs at the provider's input
 * leaves, as in {@link ManagedClusterArgs} (e.g. `ManagedCluster.toClusterReference()` of a
 * cluster in an existing VPC given as Outputs).
 */
export interface ClusterReferenceArgs extends Omit<ClusterReference, 'infrastructure'> {
  readonly infrastructure: ManagedClusterInfrastructureArgs;
}

/** The control plane's objects. */
export interface ControlPlaneResources {
  readonly kubeadmControlPlane: k8s.apiextensions.CustomResource;
  /** The control plane machines' template (e.g. an AWSMachineTemplate). */
  readonly machineTemplate: k8s.apiextensions.CustomResource;
  /** The MachineHealthCheck, when `controlPlane.healthCheck` is set. */
  readonly healthCheck?: k8s.apiextensions.CustomResource;
}

/** One worker pool's objects. */
export interface WorkerPoolResources {
  /**
   * The MachineDeployment of a pool without `failureDomains`. Reading it on a spread pool throws:
   * use `machineDeployments`.
   */
  readonly machineDeployment: k8s.apiextensions.CustomResource;
  /**
   * The MachineDeployments of a pool spread over `failureDomains`, by domain (e.g.
   * `machineDeployments['eu-west-1a']`); empty for a pool without `failureDomains`.
   */
  readonly machineDeployments: Readonly<Record<string, k8s.apiextensions.CustomResource>>;
  /** The machines' template (e.g. an AWSMachineTemplate). */
  readonly machineTemplate: k8s.apiextensions.CustomResource;
  /** The KubeadmConfigTemplate. */
  readonly bootstrapTemplate: k8s.apiextensions.CustomResource;
  /** The MachineHealthCheck, when the pool's `healthCheck` is set. */
  readonly healthCheck?: k8s.apiextensions.CustomResource;
}

/** Everything {@link ManagedCluster} creates, computed without Pulumi resources. */
export interface ClusterResourcePlan {
  readonly clusterName: string;
  readonly namespace: string;
  /** The control plane's Kubernetes version, `vX.Y.Z`. */
  readonly version: string;
  /** Names of the worker pools, in spec order. */
  readonly poolNames: readonly string[];
  /** `<cluster>-kubeconfig`, written by CAPI into the cluster's namespace. */
  readonly kubeconfigSecretName: string;
  /** Whether the kubeconfig is read (tied to `waitForReady`). */
  readonly readKubeconfig: boolean;
  /** In dependency order (the core's order). */
  readonly resources: readonly PlannedResource[];
  /** The shared add-on objects the cluster needs, registered once per namespace by {@link ClusterAddons}. */
  readonly addons: readonly Manifest[];
}

const OPTION_KEYS: ReadonlyArray<keyof ManagedClusterOptions> = ['protectCluster', 'waitForReady', 'readyTimeoutSeconds', 'legacyNameAliases', 'managementCluster'];

export { isUnresolvedInput } from './_inputs';

/**
 * Splits the args into a plain core spec and the Inputs taken out of it. Inputs at the allowed
 * leaves become placeholders that pass the core's validation; Inputs anywhere else are
 * reported (and replaced by `undefined` so the core can still report every other problem).
 */
export function extractInputs(args: ManagedClusterArgs, defaultName: string): { spec: ManagedClusterSpec; slots: InputSlot[]; issues: ValidationIssue[] } {
  const plain: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (!(OPTION_KEYS as readonly string[]).includes(k)) plain[k] = v;
  }
  const { value, slots, issues } = takeInputs(plain, inputLeavesOf(args.infrastructure));
  const spec = value as Record<string, unknown>;
  if (spec.name === undefined) spec.name = defaultName;
  return { spec: spec as unknown as ManagedClusterSpec, slots, issues };
}

/** Problems with the Pulumi-only options. */
function optionIssues(args: ManagedClusterOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of ['protectCluster', 'waitForReady', 'legacyNameAliases'] as const) {
    if (args[key] !== undefined && typeof args[key] !== 'boolean') {
      issues.push({ path: key, message: 'must be a boolean', value: args[key], allowed: 'true, false', fix: `set ${key} to true or false, or leave it out` });
    }
  }
  const t = args.readyTimeoutSeconds;
  if (t !== undefined && (typeof t !== 'number' || !Number.isInteger(t) || t < 1)) {
    issues.push({ path: 'readyTimeoutSeconds', message: 'must be a positive integer', value: t, allowed: 'an integer >= 1', fix: 'give the number of seconds to wait, e.g. 1800' });
  }
  if (t !== undefined && !args.waitForReady) {
    issues.push({ path: 'readyTimeoutSeconds', message: 'has no effect without waitForReady', value: t, fix: 'set waitForReady: true or remove readyTimeoutSeconds' });
  }
  return issues;
}

/**
 * Validates the args and computes every object with its resource options. Pure: no Pulumi
 * resource is created, so it is testable without mocks. Throws one `pulumi.InputPropertiesError`
 * listing every problem (one property path each).
 */
export function planClusterResources(name: string, input: ManagedClusterArgs): ClusterResourcePlan {
  const args: ManagedClusterArgs = input ?? ({} as ManagedClusterArgs);
  const { spec, slots, issues } = extractInputs(args, name);
  issues.push(...optionIssues(args));
  const rendered = renderCollectingIssues(() => renderManagedCluster(spec), issues);
  const manifests = rendered?.manifests ?? [];
  const roles = rendered?.roles ?? [];
  const clusterName = rendered?.name ?? spec.name;
  const namespace = rendered?.namespace ?? '';
  const addons = rendered ? renderCollectingIssues(() => clusterAddonObjects(spec), issues) ?? [] : [];
  const management = ManagementCluster.isManagementCluster(args.managementCluster) ? args.managementCluster.toSpec() : args.managementCluster;
  // Against the management cluster once the cluster itself rendered: its paths are the cluster's.
  if (rendered && management) issues.push(...validateClusterForManagement(spec, management));
  throwIfIssues(MANAGED_CLUSTER_TYPE, name, issues.map(i => toPropertyIssue(i, slots)));

  const waitForReady = args.waitForReady === true;
  const resourceName = (m: Manifest) => `${namespace}/${clusterName}/${m.kind}/${m.metadata.name}`;
  const byRef = new Map(manifests.map(m => [`${m.kind}/${m.metadata.name}`, m]));
  const cluster = manifests[roles.indexOf(CLUSTER_ROLES.cluster)];
  const resources = manifests.map((m, i): PlannedResource => {
    const deps = referencedObjects(m).map(r => byRef.get(`${r.kind}/${r.name}`)).filter((d): d is Manifest => d !== undefined);
    if ((m.kind === 'MachineDeployment' || m.kind === 'MachineHealthCheck') && cluster) deps.push(cluster);
    const used = slots.filter(s => containsString(m, s.placeholder));
    if (used.length > 0 && isImmutableTemplate(m)) {
      // Defensive: the core must never copy an Input leaf into a template.
      throw new Error(`internal error: a Pulumi Input (${used.map(s => s.path).join(', ')}) reached the template ${manifestKey(m)}`);
    }
    const isCluster = m === cluster;
    const autoscaled = m.kind === 'MachineDeployment' && m.metadata.annotations?.[ANNOTATIONS.autoscalerMin] !== undefined;
    return {
      resourceName: resourceName(m),
      legacyResourceName: `${clusterName}/${m.kind}/${m.metadata.name}`,
      role: roles[i],
      manifest: isCluster && waitForReady ? withAnnotation(m, PULUMI_WAIT_FOR_ANNOTATION, CLUSTER_READY_CONDITION) : m,
      inputs: used,
      dependsOn: [...new Set(deps.map(resourceName))],
      protect: isCluster && args.protectCluster !== false ? true : undefined,
      retainOnDelete: isImmutableTemplate(m) ? true : undefined,
      ignoreChanges: autoscaled ? ['spec.replicas'] : undefined,
      customTimeouts: isCluster && waitForReady ? readyTimeouts(args.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS) : undefined,
    };
  });
  return {
    clusterName,
    namespace,
    version: KubernetesVersion.from(spec.version).version,
    poolNames: (spec.workerPools ?? []).map(p => p.name),
    kubeconfigSecretName: `${clusterName}-kubeconfig`,
    readKubeconfig: waitForReady,
    resources,
    addons,
  };
}

function readyTimeouts(seconds: number): pulumi.CustomTimeouts {
  return { create: `${seconds}s`, update: `${seconds}s` };
}

function withAnnotation(m: Manifest, key: string, value: string): Manifest {
  const annotations = { ...(m.metadata.annotations ?? {}), [key]: value };
  const sorted = Object.fromEntries(Object.keys(annotations).sort().map(k => [k, annotations[k]]));
  return { ...m, metadata: { ...m.metadata, annotations: sorted } };
}

/**
 * A Cluster API workload cluster applied to the management cluster: one
 * `kubernetes:<group>/<version>:<Kind>` CustomResource per object the core renders, named
 * `<namespace>/<cluster>/<Kind>/<name>`, with `dependsOn` so referenced objects exist first. Pass the
 * management cluster's Kubernetes provider in `opts.provider` (or `opts.providers`); the
 * component's `opts.dependsOn` also applies to every object.
 *
 * - The Cluster is protected (`protectCluster`).
 * - Immutable machine templates are `retainOnDelete`: a superseded template (new hash name)
 *   stays in the management cluster while its MachineSets drain; remove unreferenced ones
 *   later (`npx capi-constructs plan` lists them, or `kubectl delete`).
 * - Autoscaled MachineDeployments ignore changes to `spec.replicas`.
 *
 * Resource names and aliases: URNs are public API, as a changed one makes Pulumi replace the
 * object. Earlier versions named the objects `<cluster>/<Kind>/<name>`, without the
 * namespace, so two clusters of the same name in two namespaces collided. Each object
 * now carries its old name as alias (`aliases: [{ name: <cluster>/<Kind>/<name> }]`, same
 * parent and type), so a state written before keeps every object. The engine refuses two
 * resources claiming the same alias in one deployment, and same-named clusters share their
 * old names: only the first ManagedCluster of a given cluster name in the program gets the
 * aliases. A later one of that name (in another namespace) cannot have existed under the old
 * naming, so it is new and needs none. Declare an existing cluster before a new one of the
 * same name. The kubeconfig Secret read (`waitForReady`) is named
 * `<namespace>/<cluster>/Secret/<cluster>-kubeconfig`; a read has no state, so it needs no alias.
 */
export class ManagedCluster extends pulumi.ComponentResource {
  /** Name of the Cluster object. */
  public readonly clusterName: pulumi.Output<string>;
  /** Namespace of the cluster's objects in the management cluster. */
  public readonly namespace: pulumi.Output<string>;
  /** Name of the Secret (key `value`) in which CAPI writes the admin kubeconfig: `<cluster>-kubeconfig`. */
  public readonly kubeconfigSecretName: pulumi.Output<string>;
  /** The manifests as registered (Inputs resolved), in dependency order. */
  public readonly manifests: pulumi.Output<Manifest[]>;
  /**
   * The workload cluster's admin kubeconfig (a secret), read from `kubeconfigSecretName` once
   * the Cluster is Available. Only with `waitForReady: true`; undefined otherwise.
   */
  public readonly kubeconfig: pulumi.Output<string | undefined>;
  /** Escape hatch: the CustomResource of every object, keyed `Kind/namespace/name`. */
  public readonly resources: ReadonlyMap<string, k8s.apiextensions.CustomResource>;
  /** The `Cluster` object. */
  public readonly clusterResource: k8s.apiextensions.CustomResource;
  /** The component holding the add-on objects this cluster shares with the other clusters of its namespace; undefined without add-ons. */
  public readonly addons?: ClusterAddons;
  /** The provider's infrastructure cluster object (e.g. the AWSCluster). */
  public readonly infrastructureCluster: k8s.apiextensions.CustomResource;
  /** The control plane's objects. */
  public readonly controlPlane: ControlPlaneResources;
  /** The objects of each worker pool of the args, by pool name (a separate `WorkerPool` component has its own). */
  public readonly workerPools: ReadonlyMap<string, WorkerPoolResources>;

  private readonly reference: ClusterReferenceArgs;

  constructor(name: string, args: ManagedClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MANAGED_CLUSTER_TYPE, name, {}, opts);
    const plan = planClusterResources(name, args);
    // First: a conflict with another cluster's shared objects fails before anything is registered.
    if (plan.addons.length > 0) {
      this.addons = ClusterAddons._forNamespace(plan.namespace, opts);
      this.addons._add(name, plan.clusterName, plan.addons, opts?.dependsOn);
    }

    const legacyAliases = args?.legacyNameAliases !== false && claimLegacyAliases(plan.clusterName);
    const byName = registerPlanned(plan.resources, {
      parent: this,
      outerDependsOn: opts?.dependsOn,
      aliases: p => (legacyAliases && p.legacyResourceName ? [{ name: p.legacyResourceName }] : undefined),
    });
    this.resources = new Map(plan.resources.map(p => [manifestKey(p.manifest), byName.get(p.resourceName)!]));
    const byRole = new Map(plan.resources.map(p => [p.role, byName.get(p.resourceName)!]));
    this.clusterResource = byRole.get(CLUSTER_ROLES.cluster)!;
    this.infrastructureCluster = byRole.get(CLUSTER_ROLES.infrastructureCluster)!;
    this.controlPlane = {
      kubeadmControlPlane: byRole.get(CONTROL_PLANE_ROLES.kubeadmControlPlane)!,
      machineTemplate: byRole.get(CONTROL_PLANE_ROLES.machineTemplate)!,
      healthCheck: byRole.get(CONTROL_PLANE_ROLES.healthCheck),
    };
    this.workerPools = new Map(plan.poolNames.map(pool => [pool, poolResources(`ManagedCluster ${name}: pool ${pool}`, pool, byRole)]));
    this.reference = withoutUndefined({
      name: plan.clusterName,
      namespace: plan.namespace,
      version: plan.version,
      infrastructure: args.infrastructure,
      labels: args.labels,
      supportedVersions: args.supportedVersions,
    });

    this.clusterName = pulumi.output(plan.clusterName);
    this.namespace = pulumi.output(plan.namespace);
    this.kubeconfigSecretName = pulumi.output(plan.kubeconfigSecretName);
    this.manifests = pulumi.output(plan.resources.map(p => resourceArgs(p))) as pulumi.Output<unknown> as pulumi.Output<Manifest[]>;

    if (plan.readKubeconfig) {
      const cluster = this.clusterResource;
      // The id waits for the Cluster's: unknown while a new Cluster is only previewed, so
      // `pulumi preview` does not try to read a Secret that CAPI has not written yet.
      const id = cluster.id.apply(() => `${plan.namespace}/${plan.kubeconfigSecretName}`);
      const secret = k8s.core.v1.Secret.get(`${plan.namespace}/${plan.clusterName}/Secret/${plan.kubeconfigSecretName}`, id, { parent: this, dependsOn: [cluster] });
      this.kubeconfig = pulumi.secret(secret.data.apply(data => decodeKubeconfig(data, plan.kubeconfigSecretName)));
    } else {
      this.kubeconfig = pulumi.output<string | undefined>(undefined);
    }

    this.registerOutputs({
      clusterName: this.clusterName,
      namespace: this.namespace,
      kubeconfigSecretName: this.kubeconfigSecretName,
      // `manifests` stays a property but is not registered: every manifest is already in the
      // state of its CustomResource, and a second copy cost 15-20% in the fleet benchmark.
      kubeconfig: this.kubeconfig,
    });
  }

  /**
   * What a worker pool needs of this cluster, as plain data: pass it to a `WorkerPool` in
   * another stack (export it, read it there with `StackReference.getOutputDetails` or stack
   * config). Inputs of the args (e.g. network ids) stay as given, so an exported reference
   * resolves them. In this program, pass the ManagedCluster itself instead: the pool's objects
   * then wait for the Cluster object.
   */
  public toClusterReference(): ClusterReferenceArgs {
    return this.reference;
  }
}

/**
 * The handles of one pool's objects, from its resources by role. A spread pool's
 * MachineDeployments have roles `pool/<pool>/machine-deployment/<domain>`. @internal
 */
export function poolResources(owner: string, pool: string, byRole: ReadonlyMap<string, k8s.apiextensions.CustomResource>): WorkerPoolResources {
  const spreadPrefix = `${poolRole(pool, 'machine-deployment')}/`;
  const machineDeployments = Object.fromEntries([...byRole].filter(([role]) => role.startsWith(spreadPrefix)).map(([role, r]) => [role.slice(spreadPrefix.length), r]));
  const single = byRole.get(poolRole(pool, 'machine-deployment'));
  return {
    get machineDeployment(): k8s.apiextensions.CustomResource {
      if (!single) throw new Error(`${owner} is spread over failureDomains (${Object.keys(machineDeployments).join(', ')}): use machineDeployments['<domain>']`);
      return single;
    },
    machineDeployments,
    machineTemplate: byRole.get(poolRole(pool, 'machine-template'))!,
    bootstrapTemplate: byRole.get(poolRole(pool, 'bootstrap-template'))!,
    healthCheck: byRole.get(poolRole(pool, 'health-check')),
  };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The kubeconfig in CAPI's Secret (`data.value`, base64). */
export function decodeKubeconfig(data: Record<string, string> | undefined, secretName: string): string {
  const value = data?.value;
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`Secret ${secretName} has no "value" key: it is not (yet) a CAPI kubeconfig Secret`);
  }
  return Buffer.from(value, 'base64').toString('utf8');
}
