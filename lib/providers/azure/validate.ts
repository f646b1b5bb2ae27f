/**
 * Rules for the Azure provider's sections: what CAPZ v1.26.0's webhooks (internal/webhooks/) or
 * Azure would refuse. CAPZ validates the object its defaulting webhook produced, so the rules here
 * apply to the effective values (e.g. the default subnets inside a user's address space).
 */
import { cidrContains, cidrProblem, parseCidr } from '../../support/cidr';
import { checkEnum, checkInteger, checkNonEmptyString } from '../../support/checks';
import { IssueSink } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { ClusterNetworkBlock, MachineRole } from '../../core/provider';
import { effectiveNetwork } from './render';
import { AzureClusterSpec, AzureDataDiskSpec, AzureImageSpec, AzureMachineSpec } from './spec';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const LOCATION = /^[a-z][a-z0-9]*$/;
// CAPZ v1.26.0 internal/webhooks/azurecluster_validation.go resourceGroupRegex, subnetRegex and
// loadBalancerRegex (Go's `\w` is ASCII: letters, digits, underscore).
const RESOURCE_GROUP = /^[-\w._()]+$/;
const SUBNET_NAME = /^[-\w._]+$/;
const LOAD_BALANCER_NAME = /^[-\w._]+$/;
// Azure's naming rules for virtual networks (learn.microsoft.com/azure/azure-resource-manager/
// management/resource-name-rules, Microsoft.Network/virtualNetworks): 2 to 64 characters,
// letters, digits, '-', '.', '_', starting with a letter or digit, ending with one or '_'.
const VNET_NAME = /^[A-Za-z0-9](?:[-\w.]{0,62}\w)$/;
// Azure VM size names: Standard_D2s_v3, Standard_M416-208s_v2 (constrained vCPU), Basic_A1.
const VM_SIZE = /^(Standard|Basic)_[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/;
// CAPZ v1.26.0 internal/webhooks/azuremachine_validation.go validateStorageAccountType():
// armcompute PossibleDiskStorageAccountTypesValues().
const STORAGE_ACCOUNT_TYPES = ['PremiumV2_LRS', 'Premium_LRS', 'Premium_ZRS', 'StandardSSD_LRS', 'StandardSSD_ZRS', 'Standard_LRS', 'UltraSSD_LRS'];
// CAPZ v1.26.0 api/v1beta1/types.go OSDisk.CachingType and DataDisk.CachingType (CRD enums).
const CACHING_TYPES = ['None', 'ReadOnly', 'ReadWrite'];
const USER_ASSIGNED_IDENTITY = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.managedidentity\/userassignedidentities\/[^/]+$/i;

export function validateAzureCluster(spec: AzureClusterSpec, report: IssueSink): void {
  if (typeof spec.subscriptionId !== 'string' || !GUID.test(spec.subscriptionId)) {
    report({ path: 'subscriptionId', message: 'must be an Azure subscription id (a GUID)', value: spec.subscriptionId, allowed: 'e.g. 00000000-0000-0000-0000-000000000000', fix: 'copy the id from `az account show --query id`' });
  }
  if (typeof spec.location !== 'string' || !LOCATION.test(spec.location)) {
    report({ path: 'location', message: 'must be an Azure region name', value: spec.location, allowed: 'e.g. westeurope, eastus2 (`az account list-locations --query [].name`)', fix: 'set infrastructure.azure.location' });
  }
  checkResourceGroup(report, 'resourceGroup', spec.resourceGroup);
  // CAPZ v1.26.0 internal/webhooks/azurecluster_validation.go validateIdentityRef(): required, of kind AzureClusterIdentity.
  const identity = spec.identity;
  if (identity === undefined) {
    report({ path: 'identity', message: 'identityRef is required: CAPZ refuses an AzureCluster without an AzureClusterIdentity', fix: 'create an AzureClusterIdentity and set infrastructure.azure.identity to { name }' });
  } else {
    if (objectNameProblem(identity.name, 'subdomain')) report({ path: 'identity.name', message: 'must be the name of an AzureClusterIdentity (a DNS-1123 subdomain)', value: identity.name, fix: "use the identity's metadata.name" });
    if (identity.namespace !== undefined && objectNameProblem(identity.namespace, 'label')) report({ path: 'identity.namespace', message: 'must be a namespace name (a DNS-1123 label)', value: identity.namespace });
  }
  checkTags(report, 'additionalTags', spec.additionalTags);
  validateNetwork(spec, report);
}

function checkResourceGroup(report: IssueSink, path: string, name: string | undefined): void {
  if (name === undefined) return;
  // CAPZ v1.26.0 azurecluster_validation.go validateResourceGroup(); the length and the final
  // period are Azure's rules (learn.microsoft.com/rest/api/resources/resource-groups/create-or-update).
  if (typeof name !== 'string' || !RESOURCE_GROUP.test(name) || name.length > 90 || name.endsWith('.')) {
    report({ path, message: 'must be an Azure resource group name', value: name, allowed: "1 to 90 letters, digits, '-', '_', '.', '(' and ')', not ending with '.'", fix: 'rename the resource group' });
  }
}

function validateNetwork(spec: AzureClusterSpec, report: IssueSink): void {
  const net = effectiveNetwork(spec);
  const given = spec.network ?? {};
  if (given.vnet?.name !== undefined && (typeof given.vnet.name !== 'string' || !VNET_NAME.test(given.vnet.name))) {
    report({ path: 'network.vnet.name', message: 'must be an Azure virtual network name', value: given.vnet.name, allowed: "2 to 64 letters, digits, '-', '.', '_', starting with a letter or digit and ending with one or '_'" });
  }
  checkResourceGroup(report, 'network.vnet.resourceGroup', given.vnet?.resourceGroup);
  // CAPZ v1.26.0 azurecluster_validation.go validateVnetCIDR(): each block a CIDR.
  const vnetBlocks = net.vnetCidrBlocks.map(text => ({ text, cidr: parseCidr(text) }));
  vnetBlocks.forEach(({ text, cidr }, i) => {
    if (!cidr) report({ path: `network.vnet.cidrBlocks[${i}]`, message: cidrProblem(text) ?? 'is not a CIDR block', value: text, allowed: 'e.g. 10.0.0.0/8' });
  });
  if (given.vnet?.cidrBlocks !== undefined && given.vnet.cidrBlocks.length === 0) {
    report({ path: 'network.vnet.cidrBlocks', message: 'an empty address space leaves no room for the subnets', fix: 'list at least one block, or leave cidrBlocks out for 10.0.0.0/8' });
  }
  const subnets = [
    { key: 'controlPlaneSubnet', name: net.controlPlaneSubnet.name, blocks: net.controlPlaneSubnet.cidrBlocks },
    { key: 'nodeSubnet', name: net.nodeSubnet.name, blocks: net.nodeSubnet.cidrBlocks },
  ] as const;
  for (const s of subnets) {
    // CAPZ v1.26.0 azurecluster_validation.go validateSubnetName() and validateSubnets() (names unique).
    if (typeof s.name !== 'string' || !SUBNET_NAME.test(s.name)) {
      report({ path: `network.${s.key}.name`, message: 'must be an Azure subnet name', value: s.name, allowed: "letters, digits, '-', '_' and '.'" });
    }
    // CAPZ v1.26.0 azurecluster_validation.go validateSubnetCIDR(): each block a CIDR inside the
    // virtual network's address space (CAPZ checks the first address; the whole block is checked
    // here, as Azure refuses a subnet that spills out of the address space).
    s.blocks.forEach((text, i) => {
      const at = `network.${s.key}.cidrBlocks[${i}]`;
      const cidr = parseCidr(text);
      if (!cidr) {
        report({ path: at, message: cidrProblem(text) ?? 'is not a CIDR block', value: text, allowed: 'e.g. 10.0.0.0/16' });
      } else if (!vnetBlocks.some(v => v.cidr && cidrContains(v.cidr, cidr))) {
        const defaulted = given[s.key]?.cidrBlocks === undefined;
        report({
          path: at, message: `the subnet${defaulted ? "'s default block" : ''} is not inside the virtual network's address space (${net.vnetCidrBlocks.join(', ')})`, value: text,
          fix: defaulted ? `set network.${s.key}.cidrBlocks to blocks inside the address space` : 'choose blocks inside network.vnet.cidrBlocks',
        });
      }
    });
  }
  if (net.controlPlaneSubnet.name === net.nodeSubnet.name) {
    report({ path: 'network.nodeSubnet.name', message: 'the control-plane and node subnets have the same name: CAPZ refuses duplicate subnet names', value: net.nodeSubnet.name, fix: 'give each subnet its own name' });
  }
  validateApiServerLoadBalancer(spec, net.controlPlaneSubnet.cidrBlocks, report);
}

/** CAPZ v1.26.0 azurecluster_validation.go validateAPIServerLB() and validateClassSpecForAPIServerLB(). */
function validateApiServerLoadBalancer(spec: AzureClusterSpec, controlPlaneBlocks: readonly string[], report: IssueSink): void {
  const lb = spec.apiServerLoadBalancer;
  if (!lb) return;
  checkEnum(report, 'apiServerLoadBalancer.type', lb.type, ['Public', 'Internal'], 'load balancer type');
  if (lb.name !== undefined && (typeof lb.name !== 'string' || !LOAD_BALANCER_NAME.test(lb.name))) {
    report({ path: 'apiServerLoadBalancer.name', message: 'must be an Azure load balancer name', value: lb.name, allowed: "letters, digits, '-', '_' and '.'" });
  }
  checkInteger(report, 'apiServerLoadBalancer.idleTimeoutInMinutes', lb.idleTimeoutInMinutes, 4, 30);
  if (lb.privateIp === undefined) return;
  // A public API server load balancer may only have a private IP behind CAPZ's APIServerILB
  // feature gate, which this library does not assume.
  if ((lb.type ?? 'Public') === 'Public') {
    report({ path: 'apiServerLoadBalancer.privateIp', message: 'Public Load Balancers cannot have a Private IP', value: lb.privateIp, fix: "set type: 'Internal', or remove privateIp" });
    return;
  }
  const ip = typeof lb.privateIp === 'string' ? parseCidr(`${lb.privateIp}/${lb.privateIp.includes(':') ? 128 : 32}`) : undefined;
  if (!ip) {
    report({ path: 'apiServerLoadBalancer.privateIp', message: "Internal LB IP address isn't a valid IPv4 or IPv6 address", value: lb.privateIp, allowed: 'e.g. 10.0.0.100' });
  } else if (!controlPlaneBlocks.some(b => { const c = parseCidr(b); return c !== undefined && cidrContains(c, ip); })) {
    report({ path: 'apiServerLoadBalancer.privateIp', message: `Internal LB IP address needs to be in control plane subnet range (${controlPlaneBlocks.join(', ')})`, value: lb.privateIp, fix: 'choose an address of the control-plane subnet' });
  }
}

// Azure's tag limits (learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations):
// names up to 512 characters without < > % & \ ? /, values up to 256, at most 50 tags.
const TAG_NAME_FORBIDDEN = /[<>%&\\?/]/;

function checkTags(report: IssueSink, path: string, tags: Record<string, string> | undefined): void {
  if (!tags) return;
  const keys = Object.keys(tags);
  for (const key of keys) {
    const at = `${path}.${key}`;
    if (key === '' || key.length > 512 || TAG_NAME_FORBIDDEN.test(key)) {
      report({ path: at, message: 'Azure refuses this tag name', value: key, allowed: '1 to 512 characters without < > % & \\ ? /', fix: 'rename the tag' });
    }
    if (typeof tags[key] === 'string' && tags[key].length > 256) {
      report({ path: at, message: `the tag value has ${tags[key].length} characters; Azure allows at most 256`, fix: 'shorten the value' });
    }
  }
  if (keys.length > 50) report({ path, message: `${keys.length} tags; Azure allows at most 50 on a resource`, value: keys.length, fix: 'remove tags' });
}

export function validateAzureMachine(spec: AzureMachineSpec | undefined, _role: MachineRole, report: IssueSink): void {
  if (!spec) return;
  // Stricter than CAPZ (the CRD only requires a value): Azure refuses other names when it creates the VM.
  if (spec.vmSize !== undefined && (typeof spec.vmSize !== 'string' || !VM_SIZE.test(spec.vmSize))) {
    report({ path: 'vmSize', message: 'must be an Azure VM size', value: spec.vmSize, allowed: 'e.g. Standard_D4s_v5 (`az vm list-sizes --location <region>`)' });
  }
  if (spec.image !== undefined) checkImage(report, spec.image);
  const os = spec.osDisk;
  if (os) {
    // CAPZ v1.26.0 internal/webhooks/azuremachine_validation.go ValidateOSDisk() and validateStorageAccountType().
    checkInteger(report, 'osDisk.sizeGiB', os.sizeGiB, 1, 2048);
    checkEnum(report, 'osDisk.storageAccountType', os.storageAccountType, STORAGE_ACCOUNT_TYPES, 'storage account type');
    if (os.storageAccountType === 'UltraSSD_LRS') {
      report({ path: 'osDisk.storageAccountType', message: 'UltraSSD_LRS can only be used with data disks, it cannot be used with OS Disks', value: os.storageAccountType, fix: "use 'Premium_LRS' or 'PremiumV2_LRS'" });
    }
    checkEnum(report, 'osDisk.cachingType', os.cachingType, CACHING_TYPES, 'caching type');
  }
  checkDataDisks(report, spec.dataDisks ?? []);
  if (spec.sshPublicKey !== undefined) {
    const problem = sshPublicKeyProblem(spec.sshPublicKey);
    if (problem) report({ path: 'sshPublicKey', message: problem, allowed: 'an authorized_keys line: ssh-ed25519 or ssh-rsa (2048 bits or more), its base64 key, an optional comment', fix: 'paste the content of your ~/.ssh/id_ed25519.pub' });
  }
  checkManagedIdentity(report, spec);
  if (spec.spot) {
    // The CRD takes a Kubernetes quantity; a price is a decimal, and -1 means the regular price.
    const price = spec.spot.maxPrice;
    if (price !== undefined && (typeof price !== 'string' || !/^(-1|[0-9]+(\.[0-9]+)?)$/.test(price))) {
      report({ path: 'spot.maxPrice', message: 'must be a price in USD written as a decimal number, or -1', value: price, allowed: "e.g. '0.05', '-1'", fix: 'leave it out for the regular price' });
    }
    checkEnum(report, 'spot.evictionPolicy', spec.spot.evictionPolicy, ['Deallocate', 'Delete'], 'eviction policy');
  }
  checkTags(report, 'additionalTags', spec.additionalTags);
}

/** CAPZ v1.26.0 internal/webhooks/azureimage_validation.go ValidateImage(). */
function checkImage(report: IssueSink, image: AzureImageSpec): void {
  const given = (['marketplace', 'computeGallery', 'id'] as const).filter(k => image[k] !== undefined);
  if (given.length !== 1) {
    report({ path: 'image', message: given.length === 0 ? 'You must supply an ID, Marketplace or ComputeGallery image details' : `only one kind of image may be given, got ${given.join(', ')}`, allowed: 'exactly one of marketplace, computeGallery, id', fix: 'keep one, or leave image out for CAPZ\'s reference image' });
  }
  if (image.marketplace) {
    for (const field of ['publisher', 'offer', 'sku', 'version'] as const) checkRequiredString(report, `image.marketplace.${field}`, image.marketplace[field]);
  }
  const gallery = image.computeGallery;
  if (gallery) {
    for (const field of ['gallery', 'name', 'version'] as const) checkRequiredString(report, `image.computeGallery.${field}`, gallery[field]);
    if ((gallery.subscriptionId === undefined) !== (gallery.resourceGroup === undefined)) {
      const missing = gallery.subscriptionId === undefined ? 'subscriptionId' : 'resourceGroup';
      report({ path: `image.computeGallery.${missing}`, message: 'a private gallery needs both subscriptionId and resourceGroup', fix: `set image.computeGallery.${missing}, or remove the other for a community gallery` });
    }
    if (gallery.subscriptionId !== undefined && !GUID.test(gallery.subscriptionId)) report({ path: 'image.computeGallery.subscriptionId', message: 'must be an Azure subscription id (a GUID)', value: gallery.subscriptionId });
    checkResourceGroup(report, 'image.computeGallery.resourceGroup', gallery.resourceGroup);
  }
  if (image.id !== undefined) checkRequiredString(report, 'image.id', image.id);
}

function checkRequiredString(report: IssueSink, path: string, value: unknown): void {
  if (value === undefined) report({ path, message: 'is required', fix: `set ${path}` });
  else checkNonEmptyString(report, path, value, `set ${path}`);
}

/** CAPZ v1.26.0 internal/webhooks/azuremachine_validation.go ValidateDataDisks() and validateCachingType(). */
function checkDataDisks(report: IssueSink, disks: readonly AzureDataDiskSpec[]): void {
  const names = new Set<string>();
  const luns = new Set<number>();
  disks.forEach((disk, i) => {
    const at = `dataDisks[${i}]`;
    if (disk.sizeGiB === undefined) report({ path: `${at}.sizeGiB`, message: 'is required', fix: 'give the size in GiB, 4 to 32767' });
    checkInteger(report, `${at}.sizeGiB`, disk.sizeGiB, 4, 32767);
    if (typeof disk.nameSuffix !== 'string' || disk.nameSuffix === '') {
      report({ path: `${at}.nameSuffix`, message: 'the name suffix cannot be empty', value: disk.nameSuffix, fix: 'name the disk, e.g. etcddisk' });
    } else if (names.has(disk.nameSuffix)) {
      report({ path: `${at}.nameSuffix`, message: 'another data disk has this name suffix', value: disk.nameSuffix, fix: 'give each disk its own name suffix' });
    }
    names.add(disk.nameSuffix);
    // CAPZ's webhook assigns free LUNs to disks without one; they are required here because the
    // LUN is the disk's device path (/dev/disk/azure/scsi1/lun<n>) that mounts and diskSetup name.
    if (disk.lun === undefined) {
      report({ path: `${at}.lun`, message: 'is required: the LUN is the device path of the disk on the machine', fix: 'set a LUN from 0 to 63' });
    } else {
      checkInteger(report, `${at}.lun`, disk.lun, 0, 63);
      if (luns.has(disk.lun)) report({ path: `${at}.lun`, message: 'another data disk uses this LUN', value: disk.lun, fix: 'give each disk its own LUN' });
      luns.add(disk.lun);
    }
    checkEnum(report, `${at}.storageAccountType`, disk.storageAccountType, STORAGE_ACCOUNT_TYPES, 'storage account type');
    checkEnum(report, `${at}.cachingType`, disk.cachingType, CACHING_TYPES, 'caching type');
    if (disk.storageAccountType === 'UltraSSD_LRS' && disk.cachingType !== undefined && disk.cachingType !== 'None') {
      report({ path: `${at}.cachingType`, message: "cachingType is not supported when storageAccountType is 'UltraSSD_LRS'", value: disk.cachingType, allowed: 'None', fix: "set cachingType to 'None' or leave it out" });
    }
  });
}

/** CAPZ v1.26.0 internal/webhooks/azuremachine_validation.go ValidateUserAssignedIdentity(). */
function checkManagedIdentity(report: IssueSink, spec: AzureMachineSpec): void {
  checkEnum(report, 'identity', spec.identity, ['None', 'SystemAssigned', 'UserAssigned'], 'VM identity');
  const ids = spec.userAssignedIdentities ?? [];
  if (ids.length > 0 && spec.identity !== 'UserAssigned') {
    report({ path: 'userAssignedIdentities', message: "identity must be set to 'UserAssigned' when assigning any user identity to the machine", value: spec.identity, fix: "set identity: 'UserAssigned'" });
  }
  if (spec.identity === 'UserAssigned' && ids.length === 0) {
    report({ path: 'userAssignedIdentities', message: "must be specified for the 'UserAssigned' identity type", fix: 'list the resource ids of the identities' });
  }
  // Stricter than CAPZ, which only parses a resource id: the id must name a user-assigned identity.
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || !USER_ASSIGNED_IDENTITY.test(id.replace(/^azure:\/\//, ''))) {
      report({ path: `userAssignedIdentities[${i}]`, message: 'must be the resource id of a user-assigned managed identity', value: id, allowed: '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>' });
    }
  });
}

/**
 * What is wrong with an SSH public key line, or undefined. CAPZ v1.26.0
 * internal/webhooks/azuremachine_validation.go ValidateSSHKey() parses it as an authorized_keys
 * line; stricter, as Azure only takes RSA keys of 2048 bits or more and Ed25519 keys
 * (learn.microsoft.com/azure/virtual-machines/linux/mac-create-ssh-keys, "Supported SSH key formats").
 */
function sshPublicKeyProblem(line: unknown): string | undefined {
  if (typeof line !== 'string') return 'must be an SSH public key line';
  const parts = line.trim().split(/\s+/);
  const [type, data] = parts;
  if (type !== 'ssh-rsa' && type !== 'ssh-ed25519') {
    return /^(ecdsa-|sk-)/.test(type) ? `Azure does not accept ${type} keys` : 'must start with the key type ssh-ed25519 or ssh-rsa';
  }
  if (data === undefined || data.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return 'the key is not properly base64 encoded';
  const blob = Buffer.from(data, 'base64');
  const fields = sshFields(blob);
  if (!fields || fields[0].toString('latin1') !== type) return 'the SSH public key is not valid: its data does not match its type';
  if (type === 'ssh-ed25519') return fields.length === 2 && fields[1].length === 32 ? undefined : 'the SSH public key is not valid: an Ed25519 key has 32 bytes';
  const modulus = fields[2];
  const bits = modulus ? (modulus.length - (modulus[0] === 0 ? 1 : 0)) * 8 : 0;
  if (fields.length !== 3 || bits < 2048) return `Azure needs RSA keys of at least 2048 bits${fields.length === 3 ? `, this one has ${bits}` : ''}`;
  return undefined;
}

/** The length-prefixed fields of an SSH key blob (RFC 4253 section 6.6), or undefined when malformed. */
function sshFields(blob: Buffer): Buffer[] | undefined {
  const fields: Buffer[] = [];
  let at = 0;
  while (at < blob.length) {
    if (at + 4 > blob.length) return undefined;
    const length = blob.readUInt32BE(at);
    if (at + 4 + length > blob.length) return undefined;
    fields.push(blob.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields.length > 0 ? fields : undefined;
}

/**
 * IPv6 pods or services need IPv6 blocks in the virtual network and the subnets (Azure
 * dual-stack networks, CAPZ v1.26.0 templates/flavors/dual-stack): the default network is IPv4 only.
 */
export function validateAzureClusterNetwork(spec: AzureClusterSpec, blocks: readonly ClusterNetworkBlock[], report: IssueSink): void {
  const net = effectiveNetwork(spec);
  const ipv6 = (list: readonly string[]) => list.some(b => parseCidr(b)?.family === 'ipv6');
  const hasIpv6 = ipv6(net.vnetCidrBlocks) && ipv6(net.nodeSubnet.cidrBlocks);
  for (const b of blocks) {
    if (b.family === 'ipv6' && !hasIpv6) {
      report({ path: b.path, message: 'IPv6 pod or service networks need IPv6 blocks in the virtual network and the node subnet: the network could not route these addresses', value: b.cidr, allowed: 'IPv4 blocks, or IPv6 blocks in infrastructure.azure.network', fix: 'add IPv6 blocks to network.vnet.cidrBlocks and the subnets\' cidrBlocks, or use IPv4 blocks only' });
    }
  }
}
