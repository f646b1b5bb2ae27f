// The package root: the framework-neutral API. The engines live at `capi-constructs/cdk8s` and
// `capi-constructs/pulumi`, so neither is forced on a user. Each name below is public API
// (recorded in api/capi-constructs.api.md); helpers stay in their rooms.
import './providers'; // registers the built-in providers

// Cluster specs, versions, rendering and validation.
export * from './core/spec';
export { KubernetesVersion, CAPI_V1_14_SUPPORTED_VERSIONS } from './core/versions';
export type { SupportedVersionWindow } from './core/versions';
export { renderManagedCluster, overrideTargets, CLUSTER_ROLES } from './core/render/cluster';
export type { RenderedCluster } from './core/render/cluster';
export { CONTROL_PLANE_ROLES } from './core/render/control-plane';
export { poolRole } from './core/render/worker-pool';
export type { WorkerPoolObject } from './core/render/worker-pool';
export { renderWorkerPoolOf, validateWorkerPoolOf } from './core/render/pool-of-cluster';
export type { ClusterReference } from './core/render/pool-of-cluster';
export { validateClusterSpec } from './core/validate/cluster';
export { CapiValidationError, formatIssue } from './support/issues';
export type { ValidationIssue, IssueSink } from './support/issues';
export { toYaml } from './support/yaml';

// ClusterClass and topology clusters.
export * from './core/topology';

// The Cluster API vocabulary.
export { API, KINDS, LABELS, ANNOTATIONS } from './capi';
export type { Manifest, ManifestMetadata, ObjectRef } from './capi';

// Providers: the built-in ones' specs and identities, and the plug-in API for others.
export type {
  AwsClusterSpec, AwsNetworkSpec, AwsLoadBalancerSpec, AwsIdentityRef, AwsImageLookup, AwsMachineSpec,
  AwsVolumeSpec, AwsNonRootVolumeSpec, AwsInstanceMetadataOptions, AwsSpotMarketOptions,
} from './providers/aws/spec';
export { AWS_INSTANCE_PROFILES } from './providers/aws/spec';
export {
  AllowedNamespaces, CapaIdentityKind, CLUSTERS_ANNOTATION, DEFAULT_CAPA_NAMESPACE,
  renderAwsRoleIdentity, renderAwsStaticIdentity, validateAwsRoleIdentity, validateAwsStaticIdentity,
} from './providers/aws/identities';
export type { AwsIdentityCommonSpec, AwsRoleIdentitySpec, AwsStaticIdentitySpec, CapaIdentityRef, NamespaceSelector } from './providers/aws/identities';
export type { DevClusterSpec, DevMachineSpec } from './providers/dev/spec';
export type {
  VSphereClusterSpec, VSphereIdentityRef, VSphereControlPlaneEndpoint, VSphereKubeVipSpec, VSphereNetworkSpec, VSphereNetworkDevice,
  VSphereIpPoolRef, VSphereMachineSpec,
} from './providers/vsphere/spec';
export {
  DEFAULT_CAPV_NAMESPACE, renderVSphereIdentity, validateVSphereIdentity, VSphereAllowedNamespaces,
} from './providers/vsphere/identities';
export type { VSphereIdentitySpec, VSphereNamespaceSelector } from './providers/vsphere/identities';
export { DEPLOYMENT_ZONE_LABEL, renderVSphereDeploymentZone, validateVSphereDeploymentZone } from './providers/vsphere/deployment-zones';
export type { VSphereDeploymentZoneSpec, VSphereFailureDomainLevel } from './providers/vsphere/deployment-zones';
export { KUBE_VIP_IMAGE } from './providers/vsphere/bootstrap';
export type {
  AzureClusterSpec, AzureIdentityRef, AzureNetworkSpec, AzureVnetSpec, AzureSubnetSpec, AzureApiServerLoadBalancerSpec, AzureMachineSpec,
  AzureImageSpec, AzureOsDiskSpec, AzureDataDiskSpec, AzureSpotSpec,
} from './providers/azure/spec';
export { AZURE_DEFAULT_VM_SIZE } from './providers/azure/spec';
export { CAPZ_API_VERSION, renderAzureClusterIdentity, validateAzureClusterIdentity } from './providers/azure';
export type { AzureClusterIdentitySpec, AzureIdentityType } from './providers/azure/identities';
export { registerProvider, findProvider, registeredProviders } from './core/provider';
export type { InfrastructureProvider, MachineRole, ProviderKubeadmDefaults, ProviderPlanFacts, ImmutableField, ImmutableFieldChange, ProviderInputLeaf, ClusterNetworkBlock } from './core/provider';
export { listOf, objectOf } from './support/shape';
export type { Shape, ShapeFields } from './support/shape';
export { checkEnum, checkInteger, checkNonEmptyString } from './support/checks';

// Add-ons: the shared HelmChartProxies and ClusterResourceSets of a set of clusters, the CNI tables.
export * from './addons';
export { addonLabelKey, addonClusterLabels, clusterAddons, DEFAULT_ADDON_CHANNEL } from './core/addons';
export type { ClusterAddon } from './core/addons';
export type { AddonChart, AddonVersionRow, ProviderAddons } from './core/provider';

// The management cluster: cluster-api-operator providers, versions that fit, feature gates, credentials by reference.
export * from './management';

// The rollout-impact plan and the readers it compares.
export * from './plan';
export * from './io';

// The live status of a fleet (pure; read with readManagementObjects).
export * from './status';

// The fleet: inventory layers, merge rules, provenance and fleet validation, the clusters of each
// management cluster rendered together, and their GitOps layout.
export * from './fleet';
