/**
 * Add-ons: what a workload cluster needs installed to come up working (a CNI, the provider's
 * cloud controller manager and CSI driver) and anything else delivered with it. A list keyed by
 * `name`: a fleet layer or a provider default with the same name is replaced field by field.
 */

/** The kinds of add-on, each with its own fields. */
export type AddonKind = 'cni' | 'cloud-controller-manager' | 'csi' | 'helm' | 'manifests';

/** The CNI plugins the library knows the chart, values and versions of. */
export type CniPlugin = 'cilium' | 'calico';

/** Helm values: plain JSON data. String leaves are Go templates of CAAPH's `valuesTemplate`. */
export type AddonValues = { readonly [key: string]: unknown };

/** Fields every add-on has. */
export interface AddonCommonSpec {
  /**
   * Name of the add-on: a DNS-1123 label, unique in the cluster. It names the delivering object
   * (`<name>` or `<name>-<channel>`) and the Cluster label `addons.capi-constructs.io/<name>`.
   */
  readonly name: string;
  /**
   * Install it. `false` turns off an add-on a provider gives by default (e.g. the AWS cloud
   * controller manager, when another tool installs it).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Which shared copy of the add-on this cluster uses. The clusters of one namespace with the
   * same add-on name and channel share one HelmChartProxy (or ClusterResourceSet) and must agree
   * on its chart, version and values; give a canary cluster its own channel. Moving a cluster to
   * another channel uninstalls the add-on from it and installs it again.
   * @default - the default channel
   */
  readonly channel?: string;
}

/** Fields of the add-ons delivered as a Helm chart (by a CAAPH HelmChartProxy). */
export interface ChartAddonCommonSpec extends AddonCommonSpec {
  /**
   * Exact chart version (`1.19.3`, `v3.32.1`); ranges are refused (the cluster would change
   * whenever the repository does).
   * @default - for `cni`, `cloud-controller-manager` and `csi`: the version table's row for the cluster's Kubernetes minor
   */
  readonly version?: string;
  /**
   * Helm values, merged over the library's defaults for the kind (objects key by key, lists and
   * scalars replaced). They are written in plain text into the HelmChartProxy: never put a secret
   * here; see `manifests.secrets` and the chart's `existingSecret`-style value.
   * @default - the kind's defaults
   */
  readonly values?: AddonValues;
  /**
   * Namespace of the Helm release in the workload cluster.
   * @default - `kube-system` for `cni`, `cloud-controller-manager` and `csi`; `default` for `helm` (CAAPH's default)
   */
  readonly namespace?: string;
  /**
   * Name of the Helm release.
   * @default - the add-on name
   */
  readonly releaseName?: string;
}

/** A pod network: Cilium or Calico. The pod CIDRs come from the cluster's `network.podCidrs`. */
export interface CniAddonSpec extends ChartAddonCommonSpec {
  readonly kind: 'cni';
  /** The CNI plugin. */
  readonly plugin: CniPlugin;
}

/** The provider's cloud controller manager (AWS: aws-cloud-controller-manager). */
export interface CloudControllerManagerAddonSpec extends ChartAddonCommonSpec {
  readonly kind: 'cloud-controller-manager';
}

/** The provider's CSI driver (AWS: aws-ebs-csi-driver). */
export interface CsiAddonSpec extends ChartAddonCommonSpec {
  readonly kind: 'csi';
}

/** Any Helm chart, from an HTTP(S) repository or an OCI registry. */
export interface HelmAddonSpec extends ChartAddonCommonSpec {
  readonly kind: 'helm';
  /** The chart repository: `https://...` or `oci://registry/path` (without the chart name). */
  readonly repository: string;
  /** Name of the chart in the repository. */
  readonly chart: string;
  /** Exact chart version (required: an unpinned chart changes whenever the repository does). */
  readonly version: string;
}

/**
 * What a ClusterResourceSet does when its content changes. `ApplyOnce` applies each resource
 * once and never updates or removes it; `Reconcile` applies it again whenever it changes (still
 * never removes what it applied).
 */
export type ClusterResourceSetStrategy = 'ApplyOnce' | 'Reconcile';

/** Raw manifests, delivered by a CAPI ClusterResourceSet. */
export interface ManifestsAddonSpec extends AddonCommonSpec {
  readonly kind: 'manifests';
  /** `ApplyOnce` or `Reconcile`: required, because the two behave very differently on change. */
  readonly strategy: ClusterResourceSetStrategy;
  /**
   * Manifests (YAML, several documents allowed) applied to the workload cluster, stored in a
   * ConfigMap. The engines keep the core pure: read files yourself and pass their text. No
   * Secret may be in here (a ConfigMap is plain text): use `secrets`.
   * @default - none
   */
  readonly content?: string;
  /**
   * Secrets of the management cluster, in the cluster's namespace, whose data holds manifests
   * (typically a Secret for the workload cluster) applied like `content`. They are referenced by
   * name, never copied: create them with type `addons.cluster.x-k8s.io/resource-set` (by an
   * ExternalSecret, sealed secrets or your pipeline).
   * @default - none
   */
  readonly secrets?: readonly string[];
}

/** One add-on of a cluster, discriminated by `kind`. */
export type AddonSpec = CniAddonSpec | CloudControllerManagerAddonSpec | CsiAddonSpec | HelmAddonSpec | ManifestsAddonSpec;
