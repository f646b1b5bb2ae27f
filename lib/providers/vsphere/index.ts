/**
 * The vSphere provider (Cluster API Provider vSphere, CAPV v1.16.1, govmomi mode): VSphereCluster
 * and VSphereMachineTemplate, served at `infrastructure.cluster.x-k8s.io/v1beta2` (v1beta1 is
 * deprecated), plus its cluster-scoped identities and deployment zones, and kube-vip on the
 * control-plane machines.
 */
import { API } from '../../capi';
import { InfrastructureProvider } from '../../core/provider';
import { listOf, objectOf, ShapeFields } from '../../support/shape';
import { vsphereAddons } from './addons';
import { vsphereMachineBootstrap } from './bootstrap';
import { renderVSphereClusterSpec, renderVSphereMachineSpec } from './render';
import { VSphereClusterSpec, VSphereMachineSpec } from './spec';
import { validateVSphereCluster, validateVSphereMachine } from './validate';

export * from './spec';
export * from './identities';
export * from './deployment-zones';
export { KUBE_VIP_IMAGE } from './bootstrap';

declare module '../../core/spec/provider-sections' {
  interface InfrastructureSpec {
    /** Cluster API Provider vSphere (CAPV v1.16, govmomi mode). */
    readonly vsphere?: VSphereClusterSpec;
  }
  interface MachineSpec {
    /** vSphere machine settings (VSphereMachineTemplate). @default - 2 CPUs, 8 GiB, 25 GiB full clone, the cluster's template and network */
    readonly vsphere?: VSphereMachineSpec;
  }
}

const network = objectOf({
  devices: listOf(objectOf({
    networkName: 'string', dhcp4: 'boolean', dhcp6: 'boolean', deviceName: 'string', mtu: 'number',
    addressesFromPools: listOf(objectOf({ apiGroup: 'string', kind: 'string', name: 'string' })),
    nameservers: listOf('string'), searchDomains: listOf('string'),
  })),
});
const placement: ShapeFields = {
  template: 'string', datacenter: 'string', datastore: 'string', storagePolicyName: 'string', folder: 'string', resourcePool: 'string', network,
};

export const vsphereProvider: InfrastructureProvider<VSphereClusterSpec, VSphereMachineSpec> = {
  id: 'vsphere',
  operatorName: 'vsphere',
  apiVersion: API.infrastructure.version,
  clusterKind: 'VSphereCluster',
  machineTemplateKind: 'VSphereMachineTemplate',
  clusterShape: {
    server: 'string',
    thumbprint: 'string',
    identity: objectOf({ kind: 'string', name: 'string' }),
    controlPlaneEndpoint: objectOf({
      kubeVip: objectOf({ address: 'string', interface: 'string', image: 'string' }),
      external: objectOf({ host: 'string', port: 'number' }),
    }),
    deploymentZones: listOf('string'),
    ...placement,
  },
  machineShape: {
    ...placement,
    numCPUs: 'number', memoryMiB: 'number', diskGiB: 'number', cloneMode: 'string', snapshot: 'string',
    powerOffMode: 'string', guestSoftPowerOffTimeoutSeconds: 'number', hardwareVersion: 'string',
  },
  // As CAPV's default cluster template: the vSphere cloud controller manager (external) sets
  // each node's providerID, and nodes are named after the VM's host name.
  kubeadmDefaults: {
    kubeletExtraArgs: { 'cloud-provider': 'external' },
    controllerManagerExtraArgs: { 'cloud-provider': 'external' },
    nodeName: '{{ local_hostname }}',
    required: {
      flags: ['cloud-provider'],
      why: "CAPV machines run with the external vSphere cloud controller manager, which sets each node's providerID; without it Machines never get a nodeRef",
    },
  },
  // CAPV v1.16.1's VSphereMachineTemplate has no status (api/govmomi/v1beta2/
  // vspheremachinetemplate_types.go): cluster-autoscaler cannot read a machine's size from it.
  reportsMachineCapacity: false,
  addons: vsphereAddons,
  plan: {
    immutableFields: {
      // CAPV v1.16.1 has no VSphereCluster webhook in govmomi mode (main.go registers none), but a
      // running cluster cannot move: its VMs live on the vCenter `server`, and CAPI copies the
      // endpoint into the Cluster once and never again (cluster-api v1.14.0
      // core/reconcilers/cluster/cluster_controller_phases.go reconcileInfrastructure()), while
      // every certificate and kubeconfig names it.
      VSphereCluster: [
        { path: 'spec.server', accepted: "the cluster's machines stay on the old vCenter and CAPV manages them there no more" },
        { path: 'spec.controlPlaneEndpoint', accepted: 'CAPI keeps the endpoint it copied into the Cluster, and every certificate and kubeconfig names the old one' },
      ],
      // CAPV v1.16.1 internal/webhooks/vspherefailuredomain.go ValidateUpdate(): "VSphereFailureDomainSpec is immutable".
      VSphereFailureDomain: ['spec'],
    },
  },
  // The external endpoint's host only goes into the VSphereCluster (a kube-vip address also goes
  // into the control plane's static pod file, so it cannot be late-bound).
  inputLeaves: [
    { path: 'controlPlaneEndpoint.external.host', placeholder: n => `pulumi-input-${n}.invalid` },
    { path: 'identity.name', placeholder: n => `pulumi-input-${n}` },
  ],
  validateCluster: validateVSphereCluster,
  validateMachine: validateVSphereMachine,
  failureDomainProblem(spec, name) {
    const zones = spec.deploymentZones ?? [];
    if (zones.includes(name)) return undefined;
    return zones.length === 0
      ? { message: 'the VSphereCluster uses no deployment zones, so no machine could be placed in this one', fix: 'list the VSphereDeploymentZone in infrastructure.vsphere.deploymentZones, or remove failureDomain' }
      : { message: 'is not a deployment zone of the cluster', allowed: zones.join(', '), fix: 'use a zone of infrastructure.vsphere.deploymentZones, or add it there' };
  },
  machineBootstrap: vsphereMachineBootstrap,
  renderClusterSpec: renderVSphereClusterSpec,
  renderMachineSpec: renderVSphereMachineSpec,
};
