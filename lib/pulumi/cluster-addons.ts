import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { objectKey, sharedObjectConflict } from '../addons';
import { Manifest } from '../capi';
import { canonicalJson } from '../support/hash';
import { ValidationIssue } from '../support/issues';
import { throwIfIssues } from './aws/_issues';
import { toPropertyIssue, withOuterDependencies } from './_resources';

/** Pulumi type token of {@link ClusterAddons}. */
export const CLUSTER_ADDONS_TYPE = 'capi-constructs:index:ClusterAddons';

/** The management cluster a component's objects go to: its `provider` or `providers` option. */
type Target = pulumi.ProviderResource | pulumi.ComponentResourceOptions['providers'] | undefined;

/** The components of one program, by management cluster then namespace (keyed by the program's resource monitor, so each mocked run of a test file starts afresh). */
interface Program { readonly byTarget: Map<Target, Map<string, ClusterAddons>>; readonly namesTaken: Set<string> }
const programs = new WeakMap<object, Program>();
const withoutMonitor: Program = { byTarget: new Map(), namesTaken: new Set() };

function currentProgram(): Program {
  const monitor = pulumi.runtime.getMonitor();
  if (!monitor) return withoutMonitor;
  let program = programs.get(monitor);
  if (!program) programs.set(monitor, (program = { byTarget: new Map(), namesTaken: new Set() }));
  return program;
}

/**
 * The shared add-on objects (HelmChartProxies, ClusterResourceSets and their ConfigMaps) of the
 * ManagedClusters of one namespace: a top-level component named `addons-<namespace>`, so the
 * objects are registered once however many clusters use them, and keep their URNs when any one
 * cluster is removed. Objects are named `addons-<namespace>/<Kind>/<name>`. A ManagedCluster
 * creates it with its first add-on; clusters that share an object must agree on its content.
 * A second management cluster (another `provider`) with the same namespace gets
 * `addons-<namespace>-2`, in program order.
 */
export class ClusterAddons extends pulumi.ComponentResource {
  /** The component of `namespace` for the management cluster of `opts`, created on first use. @internal */
  public static _forNamespace(namespace: string, opts: pulumi.ComponentResourceOptions | undefined): ClusterAddons {
    const { byTarget, namesTaken } = currentProgram();
    const target: Target = opts?.provider ?? opts?.providers;
    let components = byTarget.get(target);
    if (!components) byTarget.set(target, (components = new Map()));
    let found = components.get(namespace);
    if (!found) {
      let name = `addons-${namespace}`;
      for (let n = 2; namesTaken.has(name); n++) name = `addons-${namespace}-${n}`;
      namesTaken.add(name);
      found = new ClusterAddons(name, { provider: opts?.provider, providers: opts?.providers });
      components.set(namespace, found);
    }
    return found;
  }

  /** The CustomResource of every shared object, keyed `Kind/namespace/name`. */
  public readonly resources = new Map<string, k8s.apiextensions.CustomResource>();
  /** `addons-<namespace>[-n]`: the prefix of its objects' names (URNs name the parent's type only, so the name must tell two components apart). */
  private readonly componentName: string;
  private readonly registered = new Map<string, { text: string; manifest: Manifest; cluster: string }>();

  private constructor(name: string, opts: pulumi.ComponentResourceOptions) {
    super(CLUSTER_ADDONS_TYPE, name, {}, opts);
    this.componentName = name;
    this.registerOutputs({});
  }

  /**
   * Registers the objects `cluster` needs that no earlier cluster registered, each waiting for the
   * cluster's `dependsOn`; throws, registering nothing, when one it shares differs. @internal
   */
  public _add(resourceOwner: string, cluster: string, manifests: readonly Manifest[], outerDependsOn?: pulumi.ComponentResourceOptions['dependsOn']): void {
    const issues: ValidationIssue[] = [];
    const fresh: Array<{ key: string; text: string; manifest: Manifest }> = [];
    for (const m of manifests) {
      const key = objectKey(m);
      const text = canonicalJson(m);
      const known = this.registered.get(key);
      if (!known) fresh.push({ key, text, manifest: m });
      else if (known.text !== text) issues.push(sharedObjectConflict(`addons (${m.metadata.name})`, m, known.manifest, known.cluster));
    }
    throwIfIssues('capi-constructs:index:ManagedCluster', resourceOwner, issues.map(i => toPropertyIssue(i, [])));
    for (const { key, text, manifest } of fresh) {
      this.registered.set(key, { text, manifest, cluster });
      const { apiVersion, kind, metadata, ...rest } = manifest;
      this.resources.set(key, new k8s.apiextensions.CustomResource(`${this.componentName}/${kind}/${metadata.name}`, { apiVersion, kind, metadata, ...rest }, {
        parent: this,
        // What the first cluster waits for (e.g. its Namespace), the shared objects wait for too.
        dependsOn: withOuterDependencies([], outerDependsOn),
      }));
    }
  }
}
