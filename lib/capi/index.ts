/**
 * The Cluster API vocabulary, shared by every room of the library (core, providers, plan, the
 * engines): API groups and versions, kinds, well-known labels and annotations, object
 * references and the plain-data Manifest type. A leaf: it imports nothing of the library.
 */

/** A Kubernetes object as plain data: what both engines emit, byte for byte. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ManifestMetadata;
  readonly [field: string]: unknown;
}

export interface ManifestMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly [field: string]: unknown;
}

/** API groups and the versions this library emits in them. */
export const API = {
  cluster: { group: 'cluster.x-k8s.io', version: 'cluster.x-k8s.io/v1beta2' },
  bootstrap: { group: 'bootstrap.cluster.x-k8s.io', version: 'bootstrap.cluster.x-k8s.io/v1beta2' },
  controlPlane: { group: 'controlplane.cluster.x-k8s.io', version: 'controlplane.cluster.x-k8s.io/v1beta2' },
  infrastructure: { group: 'infrastructure.cluster.x-k8s.io', version: 'infrastructure.cluster.x-k8s.io/v1beta2' },
  /** CAPI's ClusterResourceSet (v1beta2 in CAPI v1.14). */
  addons: { group: 'addons.cluster.x-k8s.io', version: 'addons.cluster.x-k8s.io/v1beta2' },
  /** CAAPH v0.6 HelmChartProxy: the same group, served only as v1alpha1. */
  helmAddons: { group: 'addons.cluster.x-k8s.io', version: 'addons.cluster.x-k8s.io/v1alpha1' },
} as const;

/** Kinds of Cluster API itself and of its kubeadm bootstrap and control-plane providers. */
export const KINDS = {
  cluster: 'Cluster',
  machineDeployment: 'MachineDeployment',
  machineHealthCheck: 'MachineHealthCheck',
  kubeadmControlPlane: 'KubeadmControlPlane',
  kubeadmConfigTemplate: 'KubeadmConfigTemplate',
  namespace: 'Namespace',
  clusterResourceSet: 'ClusterResourceSet',
  helmChartProxy: 'HelmChartProxy',
  configMap: 'ConfigMap',
  clusterClass: 'ClusterClass',
  kubeadmControlPlaneTemplate: 'KubeadmControlPlaneTemplate',
} as const;

/** Templates of the kubeadm providers: immutable in practice, so named after a hash of their spec. */
export const KUBEADM_TEMPLATE_KINDS: readonly string[] = [KINDS.kubeadmConfigTemplate, KINDS.kubeadmControlPlaneTemplate];

/** Labels this library and Cluster API put on objects. */
export const LABELS = {
  /** CAPI's own label; every emitted object carries it so tools can group objects by cluster. */
  clusterName: 'cluster.x-k8s.io/cluster-name',
  /** CAPI's label on the Machines of one MachineDeployment. */
  deploymentName: 'cluster.x-k8s.io/deployment-name',
  /** CAPI's label on control-plane Machines. */
  controlPlane: 'cluster.x-k8s.io/control-plane',
  /** The worker pool an object belongs to. */
  pool: 'capi-constructs.io/pool',
  managedBy: 'app.kubernetes.io/managed-by',
  /**
   * Prefix of the Cluster labels add-ons select by: `addons.capi-constructs.io/<add-on>` with the
   * add-on's channel as value. Only the library sets them.
   */
  addonPrefix: 'addons.capi-constructs.io/',
  /**
   * The ClusterClass a class template belongs to (its templates are tied to no cluster, so they
   * carry this label instead of `cluster.x-k8s.io/cluster-name`).
   */
  clusterClass: 'capi-constructs.io/cluster-class',
  /** The worker class (MachineDeployment class) of a ClusterClass a template belongs to. */
  workerClass: 'capi-constructs.io/worker-class',
} as const;

/** The value of `app.kubernetes.io/managed-by` on every emitted object. */
export const MANAGED_BY = 'capi-constructs';

export const ANNOTATIONS = {
  /** Flux: never prune this object when it disappears from Git. */
  fluxPrune: 'kustomize.toolkit.fluxcd.io/prune',
  /** Argo CD: never prune this object when it disappears from Git. */
  argoSyncOptions: 'argocd.argoproj.io/sync-options',
  autoscalerMin: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size',
  autoscalerMax: 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size',
  // cluster-autoscaler's clusterapi provider reads these to simulate a node of a group at zero
  // (kubernetes/autoscaler cluster-autoscaler-1.36.1, cloudprovider/clusterapi/README.md
  // "Scale from zero support", keys in clusterapi_utils.go).
  /** Node labels of a machine scaled from zero, `k1=v1,k2=v2`. */
  capacityLabels: 'capacity.cluster-autoscaler.kubernetes.io/labels',
  /** Node taints of a machine scaled from zero, `key=value:Effect,key:Effect`. */
  capacityTaints: 'capacity.cluster-autoscaler.kubernetes.io/taints',
  /** CPUs of one machine, a Kubernetes quantity. */
  capacityCpu: 'capacity.cluster-autoscaler.kubernetes.io/cpu',
  /** Memory of one machine, a Kubernetes quantity. */
  capacityMemory: 'capacity.cluster-autoscaler.kubernetes.io/memory',
  /** GPUs of one machine, an integer. */
  capacityGpuCount: 'capacity.cluster-autoscaler.kubernetes.io/gpu-count',
  /** GPU resource name, e.g. nvidia.com/gpu. */
  capacityGpuType: 'capacity.cluster-autoscaler.kubernetes.io/gpu-type',
  /** Ephemeral storage of one machine, a Kubernetes quantity. */
  capacityEphemeralDisk: 'capacity.cluster-autoscaler.kubernetes.io/ephemeral-disk',
  /** Pods per node, an integer. */
  capacityMaxPods: 'capacity.cluster-autoscaler.kubernetes.io/maxPods',
  /**
   * The clusters that use an object Cluster API does not tie to one cluster (an identity, a
   * namespace), comma-separated: a label value cannot hold a list.
   */
  clusters: 'capi-constructs.io/clusters',
} as const;

/** The annotations that keep a template in the management cluster when it leaves Git. */
export const RETAIN_ANNOTATIONS: Readonly<Record<string, string>> = {
  [ANNOTATIONS.fluxPrune]: 'disabled',
  [ANNOTATIONS.argoSyncOptions]: 'Prune=false',
};

/** A v1beta2 reference between CAPI objects: `{apiGroup, kind, name}`. */
export interface ObjectRef {
  readonly apiGroup: string;
  readonly kind: string;
  readonly name: string;
}

/** `cluster.x-k8s.io` for `cluster.x-k8s.io/v1beta2`, `''` for `v1`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `Kind/name` (with namespace when set): a key that identifies a manifest in a set. */
export function manifestKey(m: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return m.metadata.namespace ? `${m.kind}/${m.metadata.namespace}/${m.metadata.name}` : `${m.kind}/${m.metadata.name}`;
}

/**
 * The `{kind, name}` of every object this manifest references (v1beta2 refs, same namespace).
 * Used by the engines to order objects and by the Pulumi adapter for dependsOn.
 */
export function referencedObjects(m: Manifest): Array<{ kind: string; name: string }> {
  const refs: Array<{ kind: string; name: string }> = [];
  const visit = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      value.forEach(v => visit(v, key));
    } else if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (/Ref$/.test(key) && typeof o.kind === 'string' && typeof o.name === 'string') refs.push({ kind: o.kind, name: o.name });
      for (const [k, v] of Object.entries(o)) visit(v, k);
    }
  };
  visit(m.spec, 'spec');
  return refs;
}

/**
 * Returns a copy with keys sorted at every level and `undefined` dropped. Empty objects and
 * lists are kept on purpose: some carry meaning (`backend.docker: {}` selects the docker
 * backend, `taints: []` removes the control-plane taint); the renderers never emit an empty
 * value the CRDs forbid.
 */
export function normalizeManifest<T>(value: T): T {
  return sortAndClean(value) as T;
}

function sortAndClean(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter(v => v !== undefined).map(sortAndClean);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortAndClean(v);
    }
    return out;
  }
  return value;
}

/** Puts apiVersion, kind, metadata first (as kubectl and cdk8s print them), the rest sorted. */
export function orderTopLevel(m: Manifest): Manifest {
  const { apiVersion, kind, metadata, ...rest } = m;
  const out: Record<string, unknown> = { apiVersion, kind, metadata };
  for (const key of Object.keys(rest).sort()) out[key] = rest[key];
  return out as Manifest;
}
