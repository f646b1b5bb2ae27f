import { KubernetesVersion, SupportedVersionWindow } from '../versions';
import { AddonSpec } from './addons';
import { ControlPlaneSpec } from './control-plane';
import { InfrastructureSpec } from './provider-sections';
import { WorkerPoolSpec } from './worker-pool';

/**
 * Everything that describes one workload cluster. Plain data (no classes required), so it can
 * come from code, from a fleet inventory or from Pulumi stack config.
 */
export interface ManagedClusterSpec {
  /**
   * Name of the Cluster object; also the prefix of every other object's name. CAPI copies it
   * into label values, so it must be a DNS-1123 label of at most 63 characters.
   */
  readonly name: string;
  /**
   * Namespace of every namespaced object of this cluster in the management cluster.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * Extra labels for every emitted object.
   * @default - only `cluster.x-k8s.io/cluster-name` and `app.kubernetes.io/managed-by`
   */
  readonly labels?: Record<string, string>;
  /**
   * Extra annotations for the Cluster object.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
  /** Kubernetes version of the control plane, a full `vX.Y.Z` (e.g. `v1.34.2`). */
  readonly version: KubernetesVersion | string;
  /**
   * The Kubernetes minors this cluster may run. Override it when a newer CAPI patch release
   * supports more minors than the release this library was built against.
   * @default CAPI_V1_14_SUPPORTED_VERSIONS (v1.31 to v1.36)
   */
  readonly supportedVersions?: SupportedVersionWindow;
  /** Pod and service networks. @default - see ClusterNetworkSpec */
  readonly network?: ClusterNetworkSpec;
  /**
   * Pause reconciliation of this cluster by every CAPI controller.
   * @default false
   */
  readonly paused?: boolean;
  /** The infrastructure provider and its cluster-level settings: exactly one of `aws` or `dev`. */
  readonly infrastructure: InfrastructureSpec;
  /** The control plane (KubeadmControlPlane). @default - see ControlPlaneSpec */
  readonly controlPlane?: ControlPlaneSpec;
  /** Worker pools, one MachineDeployment each. @default - no workers */
  readonly workerPools?: readonly WorkerPoolSpec[];
  /**
   * Add-ons installed into the workload cluster (a CNI, charts, manifests), keyed by `name`. The
   * provider's defaults (AWS: `cloud-controller-manager` and `csi`) are added unless an entry of
   * the same name sets `enabled: false`; an entry of the same name replaces their fields.
   * @default - the provider's default add-ons only
   */
  readonly addons?: readonly AddonSpec[];
  /**
   * Pin object names, e.g. to adopt a cluster created by clusterctl without rolling a machine.
   * @default - names derived from the cluster name
   */
  readonly names?: ClusterNamePins;
  /**
   * Changes to any field of any emitted object, applied before validation and template
   * hashing (an override of a template changes its name like any other change).
   * @default - none
   */
  readonly overrides?: readonly ObjectOverride[];
}

/** Pod network when `network.podCidrs` is not set: CAPI's quick start and CAPA's and CAPD's templates use it. */
export const DEFAULT_POD_CIDRS: readonly string[] = ['192.168.0.0/16'];
/**
 * Service network when `network.serviceCidrs` is not set: CAPI's quick start and CAPD's
 * templates use it. Written into the Cluster explicitly, so that readers and the plan see it
 * (CAPA's template leaves it out, and kubeadm then uses 10.96.0.0/12).
 */
export const DEFAULT_SERVICE_CIDRS: readonly string[] = ['10.128.0.0/12'];

export interface ClusterNetworkSpec {
  /** @default ['192.168.0.0/16'] */
  readonly podCidrs?: readonly string[];
  /** @default ['10.128.0.0/12'] */
  readonly serviceCidrs?: readonly string[];
  /** @default 'cluster.local' */
  readonly serviceDomain?: string;
  /** Port the API server listens on. @default - the provider's default (6443) */
  readonly apiServerPort?: number;
}

export interface ClusterNamePins {
  /** @default - the cluster name */
  readonly infrastructureCluster?: string;
}

/**
 * A change to one field of one emitted object. `target` names the object by its role:
 * `cluster`, `infrastructure-cluster`, `control-plane`, `control-plane/machine-template`,
 * `control-plane/health-check`, `pool/<name>/machine-deployment`,
 * `pool/<name>/machine-template`, `pool/<name>/bootstrap-template`, `pool/<name>/health-check`.
 */
export interface ObjectOverride {
  readonly target: string;
  /**
   * Path of the field: dotted (`spec.template.spec.rootVolume.size`, `[0]` for list items) or
   * a list of segments when a key holds dots (`['metadata', 'annotations', 'example.com/x']`).
   */
  readonly path: string | readonly (string | number)[];
  /** The new value. Ignored when `remove` is true. */
  readonly value?: unknown;
  /** Delete the field instead of setting it. @default false */
  readonly remove?: boolean;
}
