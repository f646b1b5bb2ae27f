// Pulumi engine: components over the framework-neutral core. @pulumi/pulumi and
// @pulumi/kubernetes are optional peer dependencies, imported only below lib/pulumi. The AWS
// prerequisites (which need @pulumi/aws) are a separate entry point: `capi-constructs/pulumi/aws`;
// the mock harness is `capi-constructs/pulumi/testing`.
export {
  ManagedCluster, planClusterResources, MANAGED_CLUSTER_TYPE, PULUMI_WAIT_FOR_ANNOTATION, CLUSTER_READY_CONDITION, DEFAULT_READY_TIMEOUT_SECONDS,
} from './managed-cluster';
export type {
  ManagedClusterArgs, ManagedClusterOptions, ManagedClusterInfrastructureArgs, ManagedClusterAwsArgs, ManagedClusterAwsNetworkArgs,
  ManagedClusterAwsIdentityArgs, ManagedClusterExistingNetworkArgs, ManagedClusterVSphereArgs, InfrastructureInputArgs, ClusterResourcePlan, PlannedResource, InputSlot,
  ClusterReferenceArgs, ControlPlaneResources, WorkerPoolResources,
} from './managed-cluster';
export { WorkerPool, planWorkerPoolResources, WORKER_POOL_TYPE } from './worker-pool';
export type { WorkerPoolArgs, WorkerPoolResourcePlan } from './worker-pool';
export { ClusterAddons, CLUSTER_ADDONS_TYPE } from './cluster-addons';
export { VSphereIdentity, VSphereDeploymentZone, validateVSphereIdentityArgs, VSPHERE_IDENTITY_TYPE, VSPHERE_DEPLOYMENT_ZONE_TYPE } from './vsphere';
export type { VSphereIdentityArgs, VSphereDeploymentZoneArgs } from './vsphere';
export { CapzClusterIdentity, validateCapzClusterIdentityArgs, CAPZ_CLUSTER_IDENTITY_TYPE } from './azure';
export type { CapzClusterIdentityArgs, ManagedClusterAzureArgs, ManagedClusterAzureVnetArgs } from './azure';
export type { PropertyIssue } from './aws/_issues';
export { ManagementCluster, MANAGEMENT_CLUSTER_TYPE, CERT_MANAGER_CHART, CLUSTER_API_OPERATOR_CHART } from './management-cluster';
export type { ManagementClusterArgs, HelmInstallArgs } from './management-cluster';
export { ClusterClass, TopologyCluster, planClusterClassResources, CLUSTER_CLASS_TYPE, TOPOLOGY_CLUSTER_TYPE } from './cluster-class';
export type { ClusterClassArgs, ClusterClassResourcePlan, TopologyClusterArgs } from './cluster-class';
export { Fleet, FLEET_TYPE } from './fleet';
export type { FleetArgs, FleetManagementClusterArgs } from './fleet';
