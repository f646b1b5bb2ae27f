// cdk8s engine: constructs over the framework-neutral core. Specs, versions and errors come
// from the package root (`capi-constructs`).
export { ManagedCluster, ClusterChart } from './managed-cluster';
export type { ManagedClusterProps, ClusterChartProps } from './managed-cluster';
export { ControlPlane } from './control-plane';
export { WorkerPool } from './worker-pool';
export type { WorkerPoolOptions, WorkerPoolProps } from './worker-pool';
export { AwsStaticIdentity, AwsRoleIdentity } from './aws-identities';
export type { AwsStaticIdentityProps, AwsRoleIdentityProps } from './aws-identities';
export { VSphereIdentity, VSphereDeploymentZone } from './vsphere';
export type { VSphereIdentityProps, VSphereDeploymentZoneProps } from './vsphere';
export { AzureClusterIdentity } from './azure-identities';
export type { AzureClusterIdentityProps } from './azure-identities';
export type { IManagedCluster } from './cluster-scope';
export { ClusterAddons } from './cluster-addons';
export { ManagementCluster } from './management-cluster';
export type { ManagementClusterProps } from './management-cluster';
export { ClusterClass, ClusterClassChart, TopologyCluster, TopologyClusterChart } from './cluster-class';
export type { ClusterClassProps, ClusterClassChartProps, TopologyClusterProps, TopologyClusterChartProps } from './cluster-class';
export { Fleet } from './fleet';
export type { FleetProps } from './fleet';
