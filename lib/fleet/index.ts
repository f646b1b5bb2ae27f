// Fleet: the GitOps layout of a fleet (a pure map of path → content) and the rendering of its
// clusters, grouped by management cluster.
export { fleetLayout, KUSTOMIZATION_FILE, CLUSTER_WIDE_FOLDER } from './layout';
export type { LayoutObject, LayoutCluster, LayoutManagementCluster, GitopsRepository, FluxGitops, ArgoCdGitops, FleetLayoutOptions } from './layout';
export { renderFleet, DEFAULT_MANAGEMENT_CLUSTER } from './render';
export type { FleetClusterInput, FleetManagementClusterInput, RenderFleetOptions } from './render';
