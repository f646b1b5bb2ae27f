/** Rendering of the AzureCluster spec and of AzureMachineTemplates (CAPZ v1.26.0, v1beta1). */
import { API } from '../../capi';
import { MachineRole } from '../../core/provider';
import { AZURE_DEFAULT_VM_SIZE, AzureClusterSpec, AzureDataDiskSpec, AzureImageSpec, AzureMachineSpec } from './spec';

/** The API version CAPZ v1.26.0 serves its kinds at (it serves no v1beta2). */
export const CAPZ_API_VERSION = `${API.infrastructure.group}/v1beta1`;

/**
 * CAPZ v1.26.0 internal/api/v1beta1/azurecluster_default.go DefaultVnetCIDR,
 * DefaultControlPlaneSubnetCIDR and DefaultNodeSubnetCIDR; the subnet names are those of CAPZ's
 * default template (templates/cluster-template.yaml).
 */
const DEFAULTS = {
  vnetCidrBlocks: ['10.0.0.0/8'],
  controlPlaneSubnet: { name: 'control-plane-subnet', cidrBlocks: ['10.0.0.0/16'] },
  nodeSubnet: { name: 'node-subnet', cidrBlocks: ['10.1.0.0/16'] },
} as const;

/** The network after CAPZ's defaulting webhook: what its validating webhook checks. */
export function effectiveNetwork(spec: AzureClusterSpec) {
  const net = spec.network ?? {};
  return {
    vnetCidrBlocks: net.vnet?.cidrBlocks ?? DEFAULTS.vnetCidrBlocks,
    controlPlaneSubnet: { name: net.controlPlaneSubnet?.name ?? DEFAULTS.controlPlaneSubnet.name, cidrBlocks: net.controlPlaneSubnet?.cidrBlocks ?? DEFAULTS.controlPlaneSubnet.cidrBlocks },
    nodeSubnet: { name: net.nodeSubnet?.name ?? DEFAULTS.nodeSubnet.name, cidrBlocks: net.nodeSubnet?.cidrBlocks ?? DEFAULTS.nodeSubnet.cidrBlocks },
  };
}

/**
 * As CAPZ's default template: the identity, location, resource group (the cluster name), the
 * virtual network (`<cluster>-vnet`) and the two subnets by name and role. The immutable
 * fields (resource group, virtual network, load balancer type) are always written, so the plan
 * compares them as they are on the server.
 */
export function renderAzureClusterSpec(spec: AzureClusterSpec, clusterName: string): Record<string, unknown> {
  const net = spec.network ?? {};
  const resourceGroup = spec.resourceGroup ?? clusterName;
  const subnet = (role: 'control-plane' | 'node', given: { name?: string; cidrBlocks?: readonly string[] } | undefined, name: string) =>
    ({ name: given?.name ?? name, role, cidrBlocks: given?.cidrBlocks ? [...given.cidrBlocks] : undefined });
  return {
    subscriptionID: spec.subscriptionId,
    location: spec.location,
    resourceGroup,
    identityRef: { apiVersion: CAPZ_API_VERSION, kind: 'AzureClusterIdentity', name: spec.identity.name, namespace: spec.identity.namespace },
    networkSpec: {
      vnet: {
        name: net.vnet?.name ?? `${clusterName}-vnet`,
        resourceGroup: net.vnet?.resourceGroup ?? resourceGroup,
        cidrBlocks: net.vnet?.cidrBlocks ? [...net.vnet.cidrBlocks] : undefined,
      },
      subnets: [
        subnet('control-plane', net.controlPlaneSubnet, DEFAULTS.controlPlaneSubnet.name),
        subnet('node', net.nodeSubnet, DEFAULTS.nodeSubnet.name),
      ],
      apiServerLB: renderApiServerLoadBalancer(spec, clusterName),
    },
    additionalTags: nonEmpty(spec.additionalTags),
  };
}

/**
 * The API server load balancer with its type and name always written (both immutable), named as
 * CAPZ names it; an internal load balancer's private IP needs a frontend, also named as CAPZ
 * names it (internal/api/v1beta1/azurecluster_default.go setDefaultAzureClusterAPIServerLB(),
 * generatePublicLBName(), generateInternalLBName(), generateFrontendIPConfigName()).
 */
function renderApiServerLoadBalancer(spec: AzureClusterSpec, clusterName: string): Record<string, unknown> {
  const lb = spec.apiServerLoadBalancer ?? {};
  const type = lb.type ?? 'Public';
  const name = lb.name ?? `${clusterName}-${type === 'Public' ? 'public' : 'internal'}-lb`;
  return {
    type,
    name,
    idleTimeoutInMinutes: lb.idleTimeoutInMinutes,
    frontendIPs: type === 'Internal' && lb.privateIp !== undefined ? [{ name: `${name}-frontEnd`, privateIP: lb.privateIp }] : undefined,
  };
}

/** As CAPZ's default template: a Linux OS disk of 128 GiB. */
export function renderAzureMachineSpec(spec: AzureMachineSpec | undefined, _role: MachineRole): Record<string, unknown> {
  const m = spec ?? {};
  const os = m.osDisk ?? {};
  return {
    vmSize: m.vmSize ?? AZURE_DEFAULT_VM_SIZE,
    image: m.image ? renderImage(m.image) : undefined,
    osDisk: {
      osType: 'Linux',
      diskSizeGB: os.sizeGiB ?? 128,
      managedDisk: os.storageAccountType ? { storageAccountType: os.storageAccountType } : undefined,
      cachingType: os.cachingType,
    },
    dataDisks: m.dataDisks && m.dataDisks.length > 0 ? m.dataDisks.map(renderDataDisk) : undefined,
    // CAPZ v1.26.0 api/v1beta1/azuremachine_types.go SSHPublicKey: base64 of the authorized_keys line.
    sshPublicKey: m.sshPublicKey !== undefined ? Buffer.from(m.sshPublicKey.trim()).toString('base64') : undefined,
    identity: m.identity,
    userAssignedIdentities: m.userAssignedIdentities && m.userAssignedIdentities.length > 0 ? m.userAssignedIdentities.map(providerID => ({ providerID })) : undefined,
    spotVMOptions: m.spot ? { maxPrice: m.spot.maxPrice, evictionPolicy: m.spot.evictionPolicy } : undefined,
    additionalTags: nonEmpty(m.additionalTags),
  };
}

function renderImage(image: AzureImageSpec): Record<string, unknown> {
  if (image.marketplace) {
    const mp = image.marketplace;
    return { marketplace: { publisher: mp.publisher, offer: mp.offer, sku: mp.sku, version: mp.version, thirdPartyImage: mp.thirdPartyImage } };
  }
  if (image.computeGallery) {
    const g = image.computeGallery;
    return { computeGallery: { gallery: g.gallery, name: g.name, version: g.version, subscriptionID: g.subscriptionId, resourceGroup: g.resourceGroup } };
  }
  return { id: image.id };
}

function renderDataDisk(disk: AzureDataDiskSpec): Record<string, unknown> {
  return {
    nameSuffix: disk.nameSuffix,
    diskSizeGB: disk.sizeGiB,
    lun: disk.lun,
    managedDisk: disk.storageAccountType ? { storageAccountType: disk.storageAccountType } : undefined,
    cachingType: disk.cachingType,
  };
}

function nonEmpty<T extends object>(o: T | undefined): T | undefined {
  return o && Object.keys(o).length > 0 ? o : undefined;
}
