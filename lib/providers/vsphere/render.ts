/** Rendering of the VSphereCluster spec and of VSphereMachineTemplates. */
import { MachineRole } from '../../core/provider';
import { KUBE_VIP_PORT } from './bootstrap';
import { DEPLOYMENT_ZONE_LABEL } from './deployment-zones';
import { VSphereClusterSpec, VSphereMachineSpec, VSphereNetworkDevice } from './spec';

/** As CAPV v1.16.1's default cluster template (templates/cluster-template.yaml). */
export const VSPHERE_MACHINE_DEFAULTS = { numCPUs: 2, memoryMiB: 8192, diskGiB: 25, powerOffMode: 'trySoft' } as const;

export function renderVSphereClusterSpec(spec: VSphereClusterSpec): Record<string, unknown> {
  const endpoint = spec.controlPlaneEndpoint.kubeVip
    ? { host: spec.controlPlaneEndpoint.kubeVip.address, port: KUBE_VIP_PORT }
    : { host: spec.controlPlaneEndpoint.external!.host, port: spec.controlPlaneEndpoint.external!.port ?? KUBE_VIP_PORT };
  const zones = spec.deploymentZones ?? [];
  return {
    server: spec.server,
    thumbprint: spec.thumbprint,
    controlPlaneEndpoint: endpoint,
    identityRef: spec.identity ? { kind: spec.identity.kind, name: spec.identity.name } : undefined,
    // CAPV selects zones by label only (controllers/vspherecluster_reconciler.go
    // reconcileDeploymentZones()); without a selector the cluster has no failure domains.
    failureDomainSelector: zones.length > 0 ? { matchExpressions: [{ key: DEPLOYMENT_ZONE_LABEL, operator: 'In', values: [...zones].sort() }] } : undefined,
  };
}

/**
 * The machine's clone spec. vCenter's `server` and `thumbprint` are left out: CAPV copies the
 * cluster's into each VSphereVM (pkg/services/vimmachine.go), so rotating vCenter's certificate
 * changes the VSphereCluster only and rolls no machine.
 */
export function renderVSphereMachineSpec(spec: VSphereMachineSpec | undefined, _role: MachineRole, cluster: VSphereClusterSpec): Record<string, unknown> {
  const m = spec ?? {};
  const cloneMode = m.cloneMode ?? 'fullClone';
  const network = m.network ?? cluster.network;
  return {
    template: m.template ?? cluster.template,
    cloneMode,
    snapshot: m.snapshot,
    datacenter: m.datacenter ?? cluster.datacenter,
    datastore: m.datastore ?? cluster.datastore,
    storagePolicyName: m.storagePolicyName ?? cluster.storagePolicyName,
    folder: m.folder ?? cluster.folder,
    resourcePool: m.resourcePool ?? cluster.resourcePool,
    network: { devices: network.devices.map(renderDevice) },
    numCPUs: m.numCPUs ?? VSPHERE_MACHINE_DEFAULTS.numCPUs,
    memoryMiB: m.memoryMiB ?? VSPHERE_MACHINE_DEFAULTS.memoryMiB,
    diskGiB: m.diskGiB ?? (cloneMode === 'fullClone' ? VSPHERE_MACHINE_DEFAULTS.diskGiB : undefined),
    os: 'Linux',
    powerOffMode: m.powerOffMode ?? VSPHERE_MACHINE_DEFAULTS.powerOffMode,
    guestSoftPowerOffTimeoutSeconds: m.guestSoftPowerOffTimeoutSeconds,
    hardwareVersion: m.hardwareVersion,
  };
}

function renderDevice(d: VSphereNetworkDevice): Record<string, unknown> {
  const pools = d.addressesFromPools ?? [];
  return {
    networkName: d.networkName,
    deviceName: d.deviceName,
    dhcp4: d.dhcp4 ?? pools.length === 0,
    dhcp6: d.dhcp6 ?? false,
    addressesFromPools: pools.length > 0 ? pools.map(p => ({ apiGroup: p.apiGroup, kind: p.kind, name: p.name })) : undefined,
    nameservers: d.nameservers && d.nameservers.length > 0 ? [...d.nameservers] : undefined,
    searchDomains: d.searchDomains && d.searchDomains.length > 0 ? [...d.searchDomains] : undefined,
    mtu: d.mtu,
  };
}
