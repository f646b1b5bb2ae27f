/**
 * The CAPI objects a component registers: one planned object with its resource options, the
 * CustomResource args that put the Inputs back, and the registration shared by ManagedCluster
 * and WorkerPool. The types and `resourceArgs` are public (re-exported by managed-cluster.ts).
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Manifest } from '../capi';
import { CapiValidationError, formatIssue, ValidationIssue } from '../support/issues';
import { PropertyIssue } from './aws/_issues';
import { InputSlot } from './_inputs';

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
   * Undefined for objects that never had another name (a `WorkerPool`'s).
   */
  readonly legacyResourceName?: string;
  /** The object's role in the core's rendering, e.g. `cluster`, `control-plane`, `pool/gpu/machine-deployment`. */
  readonly role: string;
  /**
   * The rendered manifest. Where Inputs flow in, it holds placeholders (see `inputs`);
   * {@link resourceArgs} puts the Inputs back.
   */
  readonly manifest: Manifest;
  /** The Inputs whose placeholders occur in this manifest. */
  readonly inputs: readonly InputSlot[];
  /**
   * Resource names of the planned objects this one references (plus the Cluster for workers
   * and health checks, when it is in the same plan).
   */
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

/** One core issue as a Pulumi property issue; placeholders in the value read as "(Pulumi Output)". */
export function toPropertyIssue(issue: ValidationIssue, slots: readonly InputSlot[]): PropertyIssue {
  const value = slots.some(s => containsString(issue.value, s.placeholder)) ? '(Pulumi Output)' : issue.value;
  const line = formatIssue({ ...issue, value });
  return { propertyPath: issue.path, reason: line.slice(issue.path.length + 2) };
}

export function containsString(value: unknown, needle: string): boolean {
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
 * The component's own `dependsOn` applies to each object too (Pulumi does not pass it to
 * children), so e.g. `dependsOn: [capaIam]` makes every CAPI object wait for the IAM roles.
 */
export function withOuterDependencies(own: pulumi.Resource[], outer: pulumi.ComponentResourceOptions['dependsOn']): pulumi.Input<pulumi.Input<pulumi.Resource>[]> {
  if (outer === undefined) return own;
  if (Array.isArray(outer)) return [...own, ...outer];
  if (pulumi.Resource.isInstance(outer)) return [...own, outer];
  return pulumi.output(outer as pulumi.Input<pulumi.Resource[] | pulumi.Resource>).apply(o => [...own, ...(Array.isArray(o) ? o : [o])]);
}

/** How {@link registerPlanned} registers each object. */
export interface RegisterOptions {
  /** The component: parent of every object. */
  readonly parent: pulumi.Resource;
  /** The component's own `dependsOn`, applied to every object. */
  readonly outerDependsOn?: pulumi.ComponentResourceOptions['dependsOn'];
  /** Resources outside the plan every object depends on (a WorkerPool's Cluster). */
  readonly extraDependsOn?: readonly pulumi.Resource[];
  /** Aliases of one object. */
  aliases?(planned: PlannedResource): pulumi.Input<pulumi.URN | pulumi.Alias>[] | undefined;
  /** Provider of every object, when the parent does not bring one. */
  readonly provider?: pulumi.ProviderResource;
}

/** Registers one CustomResource per planned object, in plan order; returns them by resource name. */
export function registerPlanned(planned: readonly PlannedResource[], options: RegisterOptions): Map<string, k8s.apiextensions.CustomResource> {
  const byName = new Map<string, k8s.apiextensions.CustomResource>();
  for (const p of planned) {
    const own = [...p.dependsOn.map(d => byName.get(d)!), ...(options.extraDependsOn ?? [])];
    byName.set(p.resourceName, new k8s.apiextensions.CustomResource(p.resourceName, resourceArgs(p), {
      parent: options.parent,
      provider: options.provider,
      aliases: options.aliases?.(p),
      dependsOn: withOuterDependencies(own, options.outerDependsOn),
      protect: p.protect,
      retainOnDelete: p.retainOnDelete,
      ignoreChanges: p.ignoreChanges ? [...p.ignoreChanges] : undefined,
      customTimeouts: p.customTimeouts,
    }));
  }
  return byName;
}

/**
 * Runs a core render. On invalid input its issues join `issues` (which already holds the
 * adapter's own, e.g. Outputs at wrong places), except those at or under a path reported
 * already: the adapter's issue explains that path better. Returns undefined then.
 */
export function renderCollectingIssues<T>(render: () => T, issues: ValidationIssue[]): T | undefined {
  try {
    return render();
  } catch (e) {
    if (!CapiValidationError.isCapiValidationError(e)) throw e;
    const reported = issues.map(i => i.path);
    issues.push(...e.issues.filter(i => !reported.some(p => i.path === p || i.path.startsWith(`${p}.`) || i.path.startsWith(`${p}[`))));
    return undefined;
  }
}
