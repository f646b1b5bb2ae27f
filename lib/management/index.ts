// The management cluster: the Cluster API providers cluster-api-operator installs, the versions
// that fit together (versions.ts), the feature gates workload features need, and the providers'
// credentials by reference (an existing Secret, or an ExternalSecret from a store such as Vault).
export * from './spec';
export {
  OPERATOR_API_VERSION, PROVIDER_KINDS, PROVIDER_TYPES, CORE_PROVIDER_NAME, PROVIDER_DEFAULTS, providerDefaults, resolveProviders, externalSecretName,
} from './catalog';
export type { ProviderVariable, ProviderDefaults, ResolvedProvider } from './catalog';
export { FEATURE_GATE_REQUIREMENTS } from './feature-gates';
export type { FeatureGateRequirement } from './feature-gates';
export { validateManagementCluster } from './validate';
export { validateClusterForManagement } from './cluster-check';
export {
  renderManagementCluster, renderValidatedManagementCluster, variablesSecretName, MANAGEMENT_CLUSTER_LABEL, EXTERNAL_SECRETS_API_VERSION, DEFAULT_REFRESH_INTERVAL,
} from './render';
export type { RenderedManagementCluster } from './render';
export {
  CLUSTER_API_RELEASES, clusterApiRelease, workloadKubernetesWindow, managementKubernetesWindow, KNOWN_PROVIDERS, knownProvider, providerTitle, providerContract,
  checkManagementVersions, CLUSTERCTL_MAX_MINOR_SKIP,
} from './versions';
export type {
  OperatorProviderType, ClusterApiRelease, ProviderReleaseSeries, KnownProvider, ProviderVersion, InstalledProviderVersion, ManagementVersionsInput,
} from './versions';
