/** The Azure provider's spec sections (CAPZ v1.26.0, `infrastructure.cluster.x-k8s.io/v1beta1`). */

/** Settings of the AzureCluster (CAPZ v1.26, `infrastructure.cluster.x-k8s.io/v1beta1`). */
export interface AzureClusterSpec {
  /** Azure subscription id (a GUID) the cluster's resources are created in. Immutable. */
  readonly subscriptionId: string;
  /** Azure region, e.g. `westeurope`. Immutable. */
  readonly location: string;
  /**
   * Resource group of the cluster's resources. CAPZ creates it when it does not exist, and
   * deletes it with the cluster when it created it. Immutable.
   * @default - the cluster name (as CAPZ's default template)
   */
  readonly resourceGroup?: string;
  /**
   * The `AzureClusterIdentity` CAPZ authenticates with (`spec.identityRef`): CAPZ's webhook
   * requires one. Create it with the AzureClusterIdentity construct (cdk8s) or component (Pulumi).
   */
  readonly identity: AzureIdentityRef;
  /** Virtual network and subnets. @default - a CAPZ-created network `<cluster>-vnet` 10.0.0.0/8 with subnets 10.0.0.0/16 (control plane) and 10.1.0.0/16 (nodes) */
  readonly network?: AzureNetworkSpec;
  /** The API server's load balancer. @default - a public load balancer (Standard SKU), as CAPZ's default template */
  readonly apiServerLoadBalancer?: AzureApiServerLoadBalancerSpec;
  /** Tags added to every Azure resource CAPZ creates for this cluster. @default - none */
  readonly additionalTags?: Record<string, string>;
}

/** Reference to a namespaced `AzureClusterIdentity`. */
export interface AzureIdentityRef {
  /** `metadata.name` of the identity. */
  readonly name: string;
  /**
   * Namespace of the identity; the identity's `allowedNamespaces` must admit the cluster's namespace.
   * @default - the cluster's namespace
   */
  readonly namespace?: string;
}

/**
 * The cluster's virtual network. CAPZ creates what does not exist and owns (and deletes) only
 * what it created. To use an existing network, give its name, resource group and address
 * space, and the existing subnets' names and address blocks: CAPZ then leaves them in place.
 */
export interface AzureNetworkSpec {
  readonly vnet?: AzureVnetSpec;
  /** Subnet of the control-plane machines. @default - `control-plane-subnet`, 10.0.0.0/16 */
  readonly controlPlaneSubnet?: AzureSubnetSpec;
  /** Subnet of the worker machines. @default - `node-subnet`, 10.1.0.0/16 */
  readonly nodeSubnet?: AzureSubnetSpec;
}

export interface AzureVnetSpec {
  /** @default '<cluster>-vnet' */
  readonly name?: string;
  /** Resource group of the virtual network. @default - the cluster's resource group */
  readonly resourceGroup?: string;
  /** Address space (IPv4 CIDR blocks). @default ['10.0.0.0/8'] */
  readonly cidrBlocks?: readonly string[];
}

export interface AzureSubnetSpec {
  /** @default 'control-plane-subnet' or 'node-subnet' (as CAPZ's default template) */
  readonly name?: string;
  /** Address blocks, inside the virtual network's address space. @default ['10.0.0.0/16'] (control plane), ['10.1.0.0/16'] (nodes) */
  readonly cidrBlocks?: readonly string[];
}

/**
 * The API server's load balancer (`spec.networkSpec.apiServerLB`). CAPZ's webhook refuses
 * changing its type, name, idle timeout and (internal) private IP on an existing cluster.
 */
export interface AzureApiServerLoadBalancerSpec {
  /** @default 'Public' */
  readonly type?: 'Public' | 'Internal';
  /** @default '<cluster>-public-lb' or '<cluster>-internal-lb' (CAPZ's names) */
  readonly name?: string;
  /**
   * Private IP of an internal load balancer, inside the control-plane subnet. Only for `Internal`.
   * @default '10.0.0.100' (CAPZ's default)
   */
  readonly privateIp?: string;
  /** TCP idle timeout in minutes, 4 to 30. @default - Azure's default (4) */
  readonly idleTimeoutInMinutes?: number;
}

/** Settings of an AzureMachineTemplate. */
export interface AzureMachineSpec {
  /** VM size, e.g. `Standard_D4s_v5`. @default 'Standard_D2s_v3' (CAPZ's documented default) */
  readonly vmSize?: string;
  /** The VM image: exactly one of `marketplace`, `computeGallery` or `id`. @default - CAPZ's reference image for the Kubernetes version */
  readonly image?: AzureImageSpec;
  /** The OS disk. @default - 128 GiB (as CAPZ's default template), Azure's default storage type for the VM size */
  readonly osDisk?: AzureOsDiskSpec;
  /** Extra managed disks, each at its own LUN. @default - none */
  readonly dataDisks?: readonly AzureDataDiskSpec[];
  /**
   * SSH public key of the machines' default user, as an `authorized_keys` line
   * (`ssh-ed25519 AAAA... comment`); it is written base64-encoded, as CAPZ expects.
   * @default - none: CAPZ's webhook generates a key whose private half is thrown away (no SSH access)
   */
  readonly sshPublicKey?: string;
  /**
   * Managed identity of the VM (`SystemAssigned` or `UserAssigned` with `userAssignedIdentities`).
   * The cloud controller manager of the cluster authenticates with it.
   * @default 'None'
   */
  readonly identity?: 'None' | 'SystemAssigned' | 'UserAssigned';
  /**
   * Resource ids of user-assigned identities (`/subscriptions/.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`,
   * optionally prefixed with `azure://`). Only with `identity: 'UserAssigned'`.
   * @default - none
   */
  readonly userAssignedIdentities?: readonly string[];
  /** Run the machines as Spot VMs. @default - regular VMs */
  readonly spot?: AzureSpotSpec;
  /** Tags on the VM and its disks and NICs. @default - none */
  readonly additionalTags?: Record<string, string>;
}

export interface AzureImageSpec {
  readonly marketplace?: {
    readonly publisher: string;
    readonly offer: string;
    readonly sku: string;
    readonly version: string;
    /** The image is a third-party image with a purchase plan. @default false */
    readonly thirdPartyImage?: boolean;
  };
  /** An image in an Azure Compute Gallery. */
  readonly computeGallery?: {
    readonly gallery: string;
    readonly name: string;
    readonly version: string;
    /** With `resourceGroup`, for a private gallery. @default - a community gallery */
    readonly subscriptionId?: string;
    /** With `subscriptionId`, for a private gallery. @default - a community gallery */
    readonly resourceGroup?: string;
  };
  /** Resource id of an image (`/subscriptions/.../images/<name>`). */
  readonly id?: string;
}

export interface AzureOsDiskSpec {
  /** Size in GiB, 1 to 2048. @default 128 */
  readonly sizeGiB?: number;
  /** `Premium_LRS`, `StandardSSD_LRS`, ... (`UltraSSD_LRS` is for data disks only). @default - Azure's default for the VM size */
  readonly storageAccountType?: string;
  /** @default 'None' */
  readonly cachingType?: 'None' | 'ReadOnly' | 'ReadWrite';
}

export interface AzureDataDiskSpec {
  /** Suffix of the disk's name (`<machine>_<suffix>`), unique per machine. */
  readonly nameSuffix: string;
  /** Size in GiB, 4 to 32767. */
  readonly sizeGiB: number;
  /** Logical unit number, 0 to 63, unique per machine: the disk appears at `/dev/disk/azure/scsi1/lun<n>`. */
  readonly lun: number;
  /** @default - Azure's default for the VM size */
  readonly storageAccountType?: string;
  /** @default 'ReadWrite' ('None' for UltraSSD_LRS), as CAPZ's webhook defaults it */
  readonly cachingType?: 'None' | 'ReadOnly' | 'ReadWrite';
}

export interface AzureSpotSpec {
  /** Highest hourly price in USD, a decimal like `0.05`; `-1` caps it at the regular price. @default - the regular price */
  readonly maxPrice?: string;
  /** What Azure does with an evicted VM. `Deallocate` keeps its disks (and their cost). @default - Azure's default (Deallocate) */
  readonly evictionPolicy?: 'Deallocate' | 'Delete';
}

/** CAPZ's documented VM size for its templates (docs/book/src/developers/development.md). */
export const AZURE_DEFAULT_VM_SIZE = 'Standard_D2s_v3';
