import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { ANNOTATIONS, Manifest, manifestKey, referencedObjects } from '../capi';
import { InfrastructureSpec, isImmutableTemplate, ManagedClusterSpec, renderManagedCluster } from '../core';
// Registers the built-in providers with the core's registry (the types below are only types).
import '../providers';
import { AwsClusterSpec, AwsIdentityRef, AwsNetworkSpec } from '../providers';
import { CapiValidationError, formatIssue, ValidationIssue } from '../support/issues';
import { PropertyIssue, throwIfIssues } from './aws/_issues';
import { InputSlot, inputLeavesOf, takeInputs } from './_inputs';
import { claimLegacyAliases } from './_legacy-aliases';

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
export interface InfrastructureInputArgs {
  readonly aws?: ManagedClusterAwsArgs;
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

/** One CAPI object to register, with the resource options the adapter gives it. */
export interface PlannedResource {
  /**
   * Pulumi resource name, `<namespace>/<cluster>/<Kind>/<metadata.name>`: unique in a program
   * even for clusters of the same name in different namespaces, and a preview reads naturally.
   */
  readonly resourceName: string;
  /**
   * The name before the namespace was part of it, `<cluster>/<Kind>/<metadata.name>`: what a
   * state written by earlier versions holds, and what `ManagedCluster` gives as alias.
   */
  readonly legacyResourceName: string;
  /**
   * The rendered manifest. Where Inputs flow in, it holds placeholders (see `inputs`);
   * {@link resourceArgs} puts the Inputs back.
   */
  readonly manifest: Manifest;
  /** The Inputs whose placeholders occur in this manifest. */
  readonly inputs: readonly InputSlot[];
  /** Resource names of the planned objects this one references (plus the Cluster for workers and health checks). */
  readonly dependsOn: readonly string[];
  /** True for the Cluster unless `protectCluster` is false. */
  readonly protect?: boolean;
  /** True for immutable templates, so a superseded template survives while its MachineSets drain. */
  readonly retainOnDelete?: boolean;
  /** `['spec.replicas']` for autoscaled MachineDeployments: cluster-autoscaler owns the count. */
  readonly ignoreChanges?: readonly string[];
  /** Set on the Cluster when `waitForReady` is on. */
  readonly customTimeouts?: pulumi.CustomTimeouts;
}

/** Everything {@link ManagedCluster} creates, computed without Pulumi resources. */
export interface ClusterResourcePlan {
  readonly clusterName: string;
  readonly namespace: string;
  /** `<cluster>-kubeconfig`, written by CAPI into the cluster's namespace. */
  readonly kubeconfigSecretName: string;
  /** Whether the kubeconfig is read (tied to `waitForReady`). */
  readonly readKubeconfig: boolean;
  /** In dependency order (the core's order). */
  readonly resources: readonly PlannedResource[];
}

const OPTION_KEYS: ReadonlyArray<keyof ManagedClusterOptions> = ['protectCluster', 'waitForReady', 'readyTimeoutSeconds'];

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
  for (const key of ['protectCluster', 'waitForReady'] as const) {
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
  let manifests: readonly Manifest[] = [];
  let clusterName = spec.name;
  let namespace = '';
  try {
    const rendered = renderManagedCluster(spec);
    manifests = rendered.manifests;
    clusterName = rendered.name;
    namespace = rendered.namespace;
  } catch (e) {
    if (!CapiValidationError.isCapiValidationError(e)) throw e;
    // An Output reported by us already explains the problem at that path.
    const reported = issues.map(i => i.path);
    issues.push(...e.issues.filter(i => !reported.some(p => i.path === p || i.path.startsWith(`${p}.`) || i.path.startsWith(`${p}[`))));
  }
  throwIfIssues(MANAGED_CLUSTER_TYPE, name, issues.map(i => toPropertyIssue(i, slots)));

  const waitForReady = args.waitForReady === true;
  const resourceName = (m: Manifest) => `${namespace}/${clusterName}/${m.kind}/${m.metadata.name}`;
  const byRef = new Map(manifests.map(m => [`${m.kind}/${m.metadata.name}`, m]));
  const cluster = manifests.find(m => m.kind === 'Cluster');
  const resources = manifests.map((m): PlannedResource => {
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
      manifest: isCluster && waitForReady ? withAnnotation(m, PULUMI_WAIT_FOR_ANNOTATION, CLUSTER_READY_CONDITION) : m,
      inputs: used,
      dependsOn: [...new Set(deps.map(resourceName))],
      protect: isCluster && args.protectCluster !== false ? true : undefined,
      retainOnDelete: isImmutableTemplate(m) ? true : undefined,
      ignoreChanges: autoscaled ? ['spec.replicas'] : undefined,
      customTimeouts: isCluster && waitForReady ? readyTimeouts(args.readyTimeoutSeconds ?? DEFAULT_READY_TIMEOUT_SECONDS) : undefined,
    };
  });
  return { clusterName, namespace, kubeconfigSecretName: `${clusterName}-kubeconfig`, readKubeconfig: waitForReady, resources };
}

function readyTimeouts(seconds: number): pulumi.CustomTimeouts {
  return { create: `${seconds}s`, update: `${seconds}s` };
}

function withAnnotation(m: Manifest, key: string, value: string): Manifest {
  const annotations = { ...(m.metadata.annotations ?? {}), [key]: value };
  const sorted = Object.fromEntries(Object.keys(annotations).sort().map(k => [k, annotations[k]]));
  return { ...m, metadata: { ...m.metadata, annotations: sorted } };
}

/** One core issue as a Pulumi property issue; placeholders in the value read as "(Pulumi Output)". */
function toPropertyIssue(issue: ValidationIssue, slots: readonly InputSlot[]): PropertyIssue {
  const value = slots.some(s => containsString(issue.value, s.placeholder)) ? '(Pulumi Output)' : issue.value;
  const line = formatIssue({ ...issue, value });
  return { propertyPath: issue.path, reason: line.slice(issue.path.length + 2) };
}

function containsString(value: unknown, needle: string): boolean {
  if (typeof value === 'string') return value === needle;
  if (Array.isArray(value)) return value.some(v => containsString(v, needle));
  if (value && typeof value === 'object') return Object.values(value).some(v => containsString(v, needle));
  return false;
}

/**
 * Puts resolved Input values back in place of their placeholders. A list placeholder inside a
 * list repeats its list item once per element (`subnets: [{id: P}]` becomes one entry per id).
 */
export function substitutePlaceholders(value: unknown, slots: readonly InputSlot[], values: readonly unknown[]): unknown {
  return substituteIn(value, new Map(slots.map((s, i) => [s.placeholder, { list: s.list, value: values[i] }])));
}

function substituteIn(value: unknown, env: ReadonlyMap<string, { list: boolean; value: unknown }>): unknown {
  if (typeof value === 'string') return env.has(value) ? env.get(value)!.value : value;
  if (Array.isArray(value)) {
    return value.flatMap(item => {
      const list = [...env].find(([placeholder, e]) => e.list && containsString(item, placeholder));
      if (!list) return [substituteIn(item, env)];
      const [placeholder, { value: elements }] = list;
      return ((elements as readonly unknown[]) ?? []).map(element => substituteIn(item, new Map(env).set(placeholder, { list: false, value: element })));
    });
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteIn(v, env)]));
  return value;
}

/**
 * The CustomResource args of a planned object: the manifest as it is, except that top-level
 * fields holding placeholders become Outputs of the resolved Inputs (and carry their
 * dependencies and secretness).
 */
export function resourceArgs(planned: PlannedResource): k8s.apiextensions.CustomResourceArgs {
  const { apiVersion, kind, metadata, ...rest } = planned.manifest;
  const args: Record<string, pulumi.Input<unknown>> = { apiVersion, kind, metadata };
  for (const [key, value] of Object.entries(rest)) {
    const used = planned.inputs.filter(s => containsString(value, s.placeholder));
    args[key] = used.length === 0
      ? value
      : pulumi.all(used.map(s => s.value)).apply(values => substitutePlaceholders(value, used, values));
  }
  return args as k8s.apiextensions.CustomResourceArgs;
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

  constructor(name: string, args: ManagedClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MANAGED_CLUSTER_TYPE, name, {}, opts);
    const plan = planClusterResources(name, args);

    const resources = new Map<string, k8s.apiextensions.CustomResource>();
    const byName = new Map<string, k8s.apiextensions.CustomResource>();
    const legacyAliases = claimLegacyAliases(plan.clusterName);
    for (const p of plan.resources) {
      const resource = new k8s.apiextensions.CustomResource(p.resourceName, resourceArgs(p), {
        parent: this,
        aliases: legacyAliases ? [{ name: p.legacyResourceName }] : undefined,
        dependsOn: withOuterDependencies(p.dependsOn.map(d => byName.get(d)!), opts?.dependsOn),
        protect: p.protect,
        retainOnDelete: p.retainOnDelete,
        ignoreChanges: p.ignoreChanges ? [...p.ignoreChanges] : undefined,
        customTimeouts: p.customTimeouts,
      });
      byName.set(p.resourceName, resource);
      resources.set(manifestKey(p.manifest), resource);
    }
    this.resources = resources;

    this.clusterName = pulumi.output(plan.clusterName);
    this.namespace = pulumi.output(plan.namespace);
    this.kubeconfigSecretName = pulumi.output(plan.kubeconfigSecretName);
    this.manifests = pulumi.output(plan.resources.map(p => resourceArgs(p))) as pulumi.Output<unknown> as pulumi.Output<Manifest[]>;

    if (plan.readKubeconfig) {
      const cluster = byName.get(plan.resources.find(p => p.manifest.kind === 'Cluster')!.resourceName)!;
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
}

/**
 * The component's own `dependsOn` applies to each object too (Pulumi does not pass it to
 * children), so e.g. `dependsOn: [capaIam]` makes every CAPI object wait for the IAM roles.
 */
function withOuterDependencies(own: pulumi.Resource[], outer: pulumi.ComponentResourceOptions['dependsOn']): pulumi.Input<pulumi.Input<pulumi.Resource>[]> {
  if (outer === undefined) return own;
  if (Array.isArray(outer)) return [...own, ...outer];
  if (pulumi.Resource.isInstance(outer)) return [...own, outer];
  return pulumi.output(outer as pulumi.Input<pulumi.Resource[] | pulumi.Resource>).apply(o => [...own, ...(Array.isArray(o) ? o : [o])]);
}

/** The kubeconfig in CAPI's Secret (`data.value`, base64). */
export function decodeKubeconfig(data: Record<string, string> | undefined, secretName: string): string {
  const value = data?.value;
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`Secret ${secretName} has no "value" key: it is not (yet) a CAPI kubeconfig Secret`);
  }
  return Buffer.from(value, 'base64').toString('utf8');
}
