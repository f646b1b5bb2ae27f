// The provider-neutral cluster model: specs, validation, rendering, overrides, versions and the
// provider interface. It never imports a provider or an engine.
export * from './spec';
export * from './versions';
export { registerProvider, findProvider, registeredProviders, providerOf, isImmutableTemplate, isImmutableTemplateKind } from './provider';
export type { InfrastructureProvider, MachineRole, ProviderKubeadmDefaults, ProviderPlanFacts, ImmutableField, ImmutableFieldChange, ProviderInputLeaf } from './provider';
export { validateClusterSpec } from './validate/cluster';
export { renderManagedCluster, renderValidatedCluster, overrideTargets, CLUSTER_ROLES } from './render/cluster';
export type { RenderedCluster } from './render/cluster';
export { renderWorkerPoolOf, validateWorkerPoolOf } from './render/pool-of-cluster';
export type { ClusterReference } from './render/pool-of-cluster';
export { CONTROL_PLANE_ROLES, DEFAULT_CONTROL_PLANE_REPLICAS } from './render/control-plane';
export { poolRole } from './render/worker-pool';
export type { WorkerPoolObject } from './render/worker-pool';
export { DEFAULT_NAMESPACE } from './render/context';
export { isCapiSyncedLabel } from './node-labels';
export { domainNameSuffix, poolDeployments, splitEvenly } from './pool-spread';
export type { PoolDeployment } from './pool-spread';
export { parsePath } from './overrides';
export * from './topology';
