// ClusterClass and managed topologies: a class from the same specs as a fully rendered cluster,
// and clusters that only name their class. Pure, like the rest of the core.
export * from './spec';
export { SUPPORTED_FORMATS, checkSchemaDefinition, validateValue } from './schema';
export type { VariableSchema } from './schema';
export { BUILTIN_VARIABLES, CLUSTER_CLASS_ROLES, clusterClassReference, renderClusterClass, validateClusterClass } from './class';
export type { RenderedClusterClass } from './class';
export { needsClusterTopology, renderTopologyCluster, topologyClassReference, usesClusterTopology, validateTopologyCluster } from './cluster';
export type { RenderedTopologyCluster } from './cluster';
export { readClusterClassReference } from './reference';
