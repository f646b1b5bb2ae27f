/**
 * The vSphere provider's spec sections (CAPV v1.16.1 in govmomi mode, `VSphereCluster` /
 * `VSphereMachineTemplate` at `infrastructure.cluster.x-k8s.io/v1beta2`).
 */

/** Settings of the VSphereCluster, and the machine settings every machine template starts from. */
export interface VSphereClusterSpec {
  /** vCenter address, an IP address or a DNS name (`spec.server`), e.g. `vcenter.example.com`. */
  readonly server: string;
  /**
   * Fingerprint of vCenter's TLS certificate (`spec.thumbprint`): SHA-1 (20 bytes) or SHA-256
   * (32 bytes) as colon-separated uppercase hex, e.g. the output of `govc about.cert -thumbprint`.
   * Required here: CAPV skips TLS verification of vCenter without one.
   */
  readonly thumbprint: string;
  /**
   * Credentials CAPV uses for this cluster (`spec.identityRef`), by reference only: a
   * `VSphereClusterIdentity` (cluster-scoped, pointing at a Secret in CAPV's namespace) or a
   * Secret with `username` and `password` in the cluster's namespace.
   * @default - the CAPV controller's own credentials (its `capv-manager-bootstrap-credentials`)
   */
  readonly identity?: VSphereIdentityRef;
  /** Where clients reach the API servers: a kube-vip virtual IP, or an endpoint served elsewhere. */
  readonly controlPlaneEndpoint: VSphereControlPlaneEndpoint;
  /**
   * Names of the `VSphereDeploymentZone`s the cluster may place machines in (its failure
   * domains); a pool's `failureDomain` names one. Each zone must carry the label
   * `capi-constructs.io/deployment-zone: <name>` (the VSphereDeploymentZone renderers add it)
   * and the cluster's `server`. The zones are shared objects: emit them once, not per cluster.
   * @default - no failure domains
   */
  readonly deploymentZones?: readonly string[];
  /** VM template (image) of every machine, by name, inventory path or managed object id. */
  readonly template: string;
  /** Datacenter of the machines. @default - CAPV's default datacenter (`*`) */
  readonly datacenter?: string;
  /** Datastore of the machines. @default - chosen by the storage policy, or vSphere's default */
  readonly datastore?: string;
  /** Storage policy of the machines' disks. @default - none */
  readonly storagePolicyName?: string;
  /** VM folder of the machines. @default - the datacenter's VM folder */
  readonly folder?: string;
  /** Resource pool of the machines. @default - the default resource pool */
  readonly resourcePool?: string;
  /** Network devices of every machine. */
  readonly network: VSphereNetworkSpec;
}

/** A reference to credentials (`VSphereCluster.spec.identityRef`). */
export interface VSphereIdentityRef {
  readonly kind: 'VSphereClusterIdentity' | 'Secret';
  readonly name: string;
}

/** Exactly one of `kubeVip` or `external`. */
export interface VSphereControlPlaneEndpoint {
  /**
   * A virtual IP announced by kube-vip, run as a static pod on the control-plane machines (as
   * CAPV's default cluster template does). The API servers are reached on port 6443.
   */
  readonly kubeVip?: VSphereKubeVipSpec;
  /** An endpoint served by something else (a load balancer in front of the control-plane machines); no kube-vip. */
  readonly external?: {
    /** IP address or DNS name. */
    readonly host: string;
    /** @default 6443 */
    readonly port?: number;
  };
}

/** kube-vip on the control-plane machines (ARP mode, leader election). */
export interface VSphereKubeVipSpec {
  /** The virtual IP (or a DNS name resolving to it), free in the machines' network. */
  readonly address: string;
  /** Interface kube-vip announces the address on. @default - the interface of the default route */
  readonly interface?: string;
  /** kube-vip image, e.g. a mirror of it. @default 'ghcr.io/kube-vip/kube-vip:v0.6.4' (as CAPV v1.16.1's templates) */
  readonly image?: string;
}

/** Network devices of a machine (`spec.template.spec.network`). */
export interface VSphereNetworkSpec {
  /** One entry per network adapter, at least one. */
  readonly devices: readonly VSphereNetworkDevice[];
}

/** One network adapter (CAPV `NetworkDeviceSpec`). Static addresses come from IPAM pools only. */
export interface VSphereNetworkDevice {
  /** vSphere network (port group) name, inventory path or managed object id. */
  readonly networkName: string;
  /** @default - true, unless `addressesFromPools` is set */
  readonly dhcp4?: boolean;
  /** @default false */
  readonly dhcp6?: boolean;
  /**
   * IPAM pools the machine's addresses are claimed from (CAPI IPAddressClaims), e.g.
   * `{ apiGroup: 'ipam.cluster.x-k8s.io', kind: 'InClusterIPPool', name: 'nodes' }`.
   * @default - none
   */
  readonly addressesFromPools?: readonly VSphereIpPoolRef[];
  /** DNS servers (Linux uses at most three). @default - from DHCP, or none */
  readonly nameservers?: readonly string[];
  /** DNS search domains. @default - none */
  readonly searchDomains?: readonly string[];
  /** Device name in the guest OS, e.g. `eth0`. @default - the guest's own */
  readonly deviceName?: string;
  /** MTU in bytes. @default - the guest's default */
  readonly mtu?: number;
}

/** A reference to an IPAM pool (CAPV `IPPoolReference`). */
export interface VSphereIpPoolRef {
  readonly apiGroup: string;
  readonly kind: string;
  readonly name: string;
}

/** Settings of a VSphereMachineTemplate; placement and network default to the cluster section's. */
export interface VSphereMachineSpec {
  /** @default - infrastructure.vsphere.template */
  readonly template?: string;
  /** @default - infrastructure.vsphere.datacenter */
  readonly datacenter?: string;
  /** @default - infrastructure.vsphere.datastore */
  readonly datastore?: string;
  /** @default - infrastructure.vsphere.storagePolicyName */
  readonly storagePolicyName?: string;
  /** @default - infrastructure.vsphere.folder */
  readonly folder?: string;
  /** @default - infrastructure.vsphere.resourcePool */
  readonly resourcePool?: string;
  /** @default - infrastructure.vsphere.network */
  readonly network?: VSphereNetworkSpec;
  /** Virtual CPUs, at least 2. @default 2 */
  readonly numCPUs?: number;
  /** Memory in MiB. @default 8192 */
  readonly memoryMiB?: number;
  /**
   * Size of the first disk in GiB. Only a full clone resizes it: a linked clone keeps the
   * template's size, so `diskGiB` is refused with `linkedClone`.
   * @default 25 for a full clone; the template's size for a linked clone
   */
  readonly diskGiB?: number;
  /**
   * `fullClone` copies the template's disks; `linkedClone` (faster) shares them through a
   * snapshot of the template, and CAPV falls back to a full clone when the template has none.
   * @default 'fullClone'
   */
  readonly cloneMode?: 'fullClone' | 'linkedClone';
  /** Snapshot of the template a linked clone is made from (`linkedClone` only). @default - the template's current snapshot */
  readonly snapshot?: string;
  /** How CAPV powers off the VM when deleting it. @default 'trySoft' (as CAPV's cluster template; CAPV's own default is 'hard') */
  readonly powerOffMode?: 'hard' | 'soft' | 'trySoft';
  /** How long a `trySoft` power off waits for the guest before a hard one. @default - 5 minutes (CAPV's default) */
  readonly guestSoftPowerOffTimeoutSeconds?: number;
  /** VM hardware version, e.g. `vmx-17` (check the ESXi hosts support it). @default - the template's */
  readonly hardwareVersion?: string;
}
