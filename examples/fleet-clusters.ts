import { FleetClusterInput, FleetManagementClusterInput, ManagedClusterSpec } from '../lib';

/**
 * A small fleet written out in full: two management clusters (one per environment), each with
 * the Cluster API providers it runs (cluster-api-operator objects) and the clusters it manages,
 * in two namespaces. The add-on proxies (CNI, AWS cloud controller manager and CSI) are shared
 * by the clusters of a namespace and written once per management cluster.
 */
const aws = (name: string, namespace: string, region: string, vpcCidr: string, version: string): ManagedClusterSpec => ({
  name,
  namespace,
  version,
  infrastructure: { aws: { region, sshKeyName: 'platform-ops', network: { managed: { vpcCidr, availabilityZoneCount: 2 } } } },
  addons: [{ name: 'cni', kind: 'cni', plugin: 'calico' }],
  controlPlane: { replicas: 3, machine: { aws: { instanceType: 'm6i.large' } } },
  workerPools: [{ name: 'general', replicas: 3, machine: { aws: { instanceType: 'm6i.xlarge' } } }],
});

const dev = (name: string, namespace: string, version: string): ManagedClusterSpec => ({
  name,
  namespace,
  version,
  infrastructure: { dev: {} },
  addons: [{ name: 'cni', kind: 'cni', plugin: 'cilium' }],
  controlPlane: { replicas: 1, taints: [] },
  workerPools: [{ name: 'general', replicas: 2 }],
});

export const fleetClusters: FleetClusterInput[] = [
  { name: 'ci-1', managementCluster: 'mgmt-staging', spec: dev('ci-1', 'ci', 'v1.35.0') },
  { name: 'ci-2', managementCluster: 'mgmt-staging', spec: dev('ci-2', 'ci', 'v1.35.0') },
  { name: 'acme-staging', managementCluster: 'mgmt-staging', spec: aws('acme-staging', 'acme', 'eu-central-1', '10.10.0.0/16', 'v1.35.0') },
  { name: 'acme-prod-fra1', managementCluster: 'mgmt-prod', spec: aws('acme-prod-fra1', 'acme', 'eu-central-1', '10.20.0.0/16', 'v1.34.2') },
  { name: 'acme-prod-dub1', managementCluster: 'mgmt-prod', spec: aws('acme-prod-dub1', 'acme', 'eu-west-1', '10.21.0.0/16', 'v1.34.2') },
  { name: 'globex-prod-fra1', managementCluster: 'mgmt-prod', spec: aws('globex-prod-fra1', 'globex', 'eu-central-1', '10.30.0.0/16', 'v1.34.2') },
];

/** The providers a management cluster runs, as cluster-api-operator (v0.28) objects. */
const providers = (infrastructure: ReadonlyArray<{ name: string; namespace: string; version: string }>) => [
  { apiVersion: 'operator.cluster.x-k8s.io/v1alpha2', kind: 'CoreProvider', metadata: { name: 'cluster-api', namespace: 'capi-system' }, spec: { version: 'v1.14.0' } },
  { apiVersion: 'operator.cluster.x-k8s.io/v1alpha2', kind: 'BootstrapProvider', metadata: { name: 'kubeadm', namespace: 'capi-kubeadm-bootstrap-system' }, spec: { version: 'v1.14.0' } },
  { apiVersion: 'operator.cluster.x-k8s.io/v1alpha2', kind: 'ControlPlaneProvider', metadata: { name: 'kubeadm', namespace: 'capi-kubeadm-control-plane-system' }, spec: { version: 'v1.14.0' } },
  ...infrastructure.map(p => ({ apiVersion: 'operator.cluster.x-k8s.io/v1alpha2', kind: 'InfrastructureProvider', metadata: { name: p.name, namespace: p.namespace }, spec: { version: p.version } })),
  { apiVersion: 'operator.cluster.x-k8s.io/v1alpha2', kind: 'AddonProvider', metadata: { name: 'helm', namespace: 'caaph-system' }, spec: { version: 'v0.6.4' } },
];

export const fleetManagementClusters: FleetManagementClusterInput[] = [
  { name: 'mgmt-staging', objects: providers([{ name: 'docker', namespace: 'capd-system', version: 'v1.14.0' }, { name: 'aws', namespace: 'capa-system', version: 'v2.11.1' }]) },
  { name: 'mgmt-prod', objects: providers([{ name: 'aws', namespace: 'capa-system', version: 'v2.11.1' }]) },
];
