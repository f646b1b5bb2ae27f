/**
 * The Azure provider (Cluster API Provider Azure, CAPZ v1.26.0): AzureCluster and
 * AzureMachineTemplate, served only at `infrastructure.cluster.x-k8s.io/v1beta1`, plus its
 * namespaced AzureClusterIdentity.
 */
import { InfrastructureProvider } from '../../core/provider';
import { listOf, objectOf } from '../../support/shape';
import { azureAddons } from './addons';
import { CAPZ_API_VERSION, effectiveNetwork, renderAzureClusterSpec, renderAzureMachineSpec } from './render';
import { AzureClusterSpec, AzureMachineSpec } from './spec';
import { validateAzureCluster, validateAzureClusterNetwork, validateAzureMachine } from './validate';

export * from './spec';
export * from './identities';
export { CAPZ_API_VERSION } from './render';

declare module '../../core/spec/provider-sections' {
  interface InfrastructureSpec {
    /** Cluster API Provider Azure (CAPZ v1.26). */
    readonly azure?: AzureClusterSpec;
  }
  interface MachineSpec {
    /** Azure machine settings (AzureMachineTemplate). @default - Standard_D2s_v3, CAPZ's reference image */
    readonly azure?: AzureMachineSpec;
  }
}

const subnet = objectOf({ name: 'string', cidrBlocks: listOf('string') });
const storage = { storageAccountType: 'string', cachingType: 'string' } as const;

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

export const azureProvider: InfrastructureProvider<AzureClusterSpec, AzureMachineSpec> = {
  id: 'azure',
  operatorName: 'azure',
  apiVersion: CAPZ_API_VERSION,
  clusterKind: 'AzureCluster',
  machineTemplateKind: 'AzureMachineTemplate',
  clusterShape: {
    subscriptionId: 'string',
    location: 'string',
    resourceGroup: 'string',
    identity: objectOf({ name: 'string', namespace: 'string' }),
    network: objectOf({
      vnet: objectOf({ name: 'string', resourceGroup: 'string', cidrBlocks: listOf('string') }),
      controlPlaneSubnet: subnet,
      nodeSubnet: subnet,
    }),
    apiServerLoadBalancer: objectOf({ type: 'string', name: 'string', privateIp: 'string', idleTimeoutInMinutes: 'number' }),
    additionalTags: 'stringMap',
  },
  machineShape: {
    vmSize: 'string',
    image: objectOf({
      marketplace: objectOf({ publisher: 'string', offer: 'string', sku: 'string', version: 'string', thirdPartyImage: 'boolean' }),
      computeGallery: objectOf({ gallery: 'string', name: 'string', version: 'string', subscriptionId: 'string', resourceGroup: 'string' }),
      id: 'string',
    }),
    osDisk: objectOf({ sizeGiB: 'number', ...storage }),
    dataDisks: listOf(objectOf({ nameSuffix: 'string', sizeGiB: 'number', lun: 'number', ...storage })),
    sshPublicKey: 'string',
    identity: 'string',
    userAssignedIdentities: listOf('string'),
    spot: objectOf({ maxPrice: 'string', evictionPolicy: 'string' }),
    additionalTags: 'stringMap',
  },
  // CAPZ's AzureMachineTemplate controller fills status.capacity (cpu, memory) from the VM size's
  // resource SKU (cluster-api-provider-azure v1.26.0 controllers/azuremachinetemplate_controller.go
  // reconcileNormal(), getVMSizeCapacity()).
  reportsMachineCapacity: true,
  // As CAPZ v1.26.0 templates/cluster-template.yaml: the external Azure cloud provider on kubelets
  // and the controller manager, which leaves node CIDRs to it (allocate-node-cidrs false), and
  // nodes named after the VM's host name.
  kubeadmDefaults: {
    kubeletExtraArgs: { 'cloud-provider': 'external' },
    controllerManagerExtraArgs: { 'cloud-provider': 'external', 'allocate-node-cidrs': 'false' },
    nodeName: '{{ ds.meta_data["local_hostname"] }}',
    required: {
      flags: ['cloud-provider'],
      why: "CAPZ machines run with the external Azure cloud controller manager, which sets each node's providerID; without it Machines never get a nodeRef",
    },
  },
  // As CAPZ's default template: /etc/kubernetes/azure.json, the cloud provider's settings, from
  // the Secret CAPZ creates for each machine template (v1.26.0 controllers/azurejson_machinetemplate_controller.go,
  // controllers/helpers.go GetCloudProviderSecret(): `<template>-azure-json`, a key per role).
  machineBootstrap(_spec, { role, machineTemplateName }) {
    return {
      files: [{
        path: '/etc/kubernetes/azure.json',
        owner: 'root:root',
        permissions: '0644',
        contentFromSecret: { name: `${machineTemplateName}-azure-json`, key: role === 'control-plane' ? 'control-plane-azure.json' : 'worker-node-azure.json' },
      }],
    };
  },
  addons: azureAddons,
  plan: {
    immutableFields: {
      // CAPZ v1.26.0 internal/webhooks/azurecluster_webhook.go ValidateUpdate() and
      // azurecluster_validation.go validateAPIServerLB(), validateClassSpecForAPIServerLB(). The
      // webhook lets the virtual network's name and resource group change, but the machines'
      // network interfaces stay in the old network: a running cluster cannot move.
      AzureCluster: [
        'spec.resourceGroup', 'spec.subscriptionID', 'spec.location', 'spec.controlPlaneEndpoint', 'spec.azureEnvironment',
        'spec.networkSpec.privateDNSZoneName', 'spec.networkSpec.privateDNSZoneResourceGroup', 'spec.networkSpec.privateDNSZone',
        'spec.networkSpec.controlPlaneOutboundLB', 'spec.networkSpec.apiServerLB.type', 'spec.networkSpec.apiServerLB.name',
        'spec.networkSpec.apiServerLB.sku', 'spec.networkSpec.apiServerLB.idleTimeoutInMinutes', 'spec.networkSpec.apiServerLB.frontendIPs',
        'spec.networkSpec.apiServerLB.availabilityZones', 'spec.networkSpec.vnet.name', 'spec.networkSpec.vnet.resourceGroup',
      ],
    },
    // CAPZ v1.26.0 internal/api/v1beta1/azurecluster_default.go SetDefaultAzureClusterAzureEnvironment()
    // and setDefaultLoadBalancerClassSpecAPIServerLB() (SKU Standard).
    serverDefaults: {
      AzureCluster: { 'spec.azureEnvironment': 'AzurePublicCloud', 'spec.networkSpec.apiServerLB.sku': 'Standard' },
    },
  },
  // These only go into the AzureCluster, never into a template, so they may be late-bound (e.g.
  // the outputs of an azure-native ResourceGroup, VirtualNetwork or a Pulumi-created identity).
  inputLeaves: [
    { path: 'subscriptionId', placeholder: n => `00000000-0000-4000-8000-${hex8(n).padStart(12, '0')}` },
    { path: 'resourceGroup', placeholder: n => `pulumi-input-${hex8(n)}` },
    { path: 'identity.name', placeholder: n => `pulumi-input-${hex8(n)}` },
    { path: 'network.vnet.name', placeholder: n => `pulumi-input-${hex8(n)}` },
    { path: 'network.vnet.resourceGroup', placeholder: n => `pulumi-input-${hex8(n)}` },
  ],
  validateCluster: validateAzureCluster,
  validateMachine: validateAzureMachine,
  validateClusterNetwork: validateAzureClusterNetwork,
  // The subnets the machines live in; the rest of the virtual network's address space (10.0.0.0/8
  // by default, which holds kubeadm's service network 10.96.0.0/12) is free for pods and services.
  nodeNetworks(spec) {
    const net = effectiveNetwork(spec);
    return [
      ...net.controlPlaneSubnet.cidrBlocks.map(cidr => ({ cidr, description: 'the control-plane subnet' })),
      ...net.nodeSubnet.cidrBlocks.map(cidr => ({ cidr, description: 'the node subnet' })),
    ];
  },
  failureDomainProblem(_spec, name) {
    // CAPZ's failure domains are the location's availability zones, which Azure numbers 1 to 3.
    if (['1', '2', '3'].includes(name)) return undefined;
    return { message: 'is not an Azure availability zone', allowed: '1, 2, 3', fix: "use the zone's number, e.g. '1'" };
  },
  renderClusterSpec: renderAzureClusterSpec,
  renderMachineSpec: renderAzureMachineSpec,
};
