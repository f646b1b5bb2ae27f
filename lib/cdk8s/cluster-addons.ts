import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { objectKey, renderValidatedAddons } from '../addons';
import { Manifest } from '../capi';
import { ManagedClusterSpec } from '../core';
import { canonicalJson } from '../support/hash';
import { CapiValidationError } from '../support/issues';
import { RenderedApiObject } from './_rendered-object';
import { cdk8sYamlIssues } from './_yaml-safety';

/**
 * The shared add-on objects (HelmChartProxies, ClusterResourceSets and their ConfigMaps) of
 * every ManagedCluster of one namespace in the app: a chart at the app's root named
 * `addons-<namespace>`, so `cdk8s synth` writes them once, in their own folder beside the
 * cluster folders, however many clusters use them. A ManagedCluster creates it with its first
 * add-on and adds the objects it needs; clusters that share an object must agree on its content.
 */
export class ClusterAddons extends Chart {
  /** The chart of `namespace` in the app of `scope`, created on first use. */
  public static forNamespace(scope: Construct, namespace: string): ClusterAddons {
    const root = scope.node.root;
    const id = `addons-${namespace}`;
    const found = root.node.tryFindChild(id);
    if (found instanceof ClusterAddons) return found as ClusterAddons;
    if (found) throw new Error(`the construct ${id} at the app's root is not a ClusterAddons chart: capi-constructs writes the add-ons of namespace ${namespace} there; rename yours`);
    return new ClusterAddons(root, id, namespace);
  }

  /** Namespace of the objects. */
  public readonly namespace: string;
  private readonly objects = new Map<string, { object: ApiObject; text: string; spec: ManagedClusterSpec }>();

  private constructor(scope: Construct, id: string, namespace: string) {
    super(scope, id);
    this.namespace = namespace;
  }

  /** The ApiObject of a shared object, by `Kind/name` (e.g. `HelmChartProxy/cni`). */
  public apiObject(kindAndName: string): ApiObject | undefined {
    const [kind, name] = kindAndName.split('/');
    return this.objects.get(`${kind}/${this.namespace}/${name}`)?.object;
  }

  /** Adds the objects a cluster needs; throws when one it shares differs from what an earlier cluster asked for. @internal */
  public _add(spec: ManagedClusterSpec, manifests: readonly Manifest[]): void {
    const unwritable = cdk8sYamlIssues(manifests);
    if (unwritable.length > 0) throw new CapiValidationError(unwritable);
    for (const m of manifests) {
      const key = objectKey(m);
      const text = canonicalJson(m);
      const known = this.objects.get(key);
      if (known && known.text !== text) renderValidatedAddons([known.spec, spec]); // throws the conflict, naming both clusters
      if (known) continue;
      const object = new RenderedApiObject(this, `${m.kind}-${m.metadata.name}`, m, () => m);
      this.objects.set(key, { object, text, spec });
    }
  }
}
