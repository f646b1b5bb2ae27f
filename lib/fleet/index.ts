/** The fleet: inventory layers, merge rules, provenance and fleet validation, and the GitOps layout (pure: no I/O). */
export * from './types';
export { resolveFleet } from './resolve';
export { assertValidFleet, formatFleetIssue, toValidationIssue } from './errors';
export { explainValues, formatOrigin, formatProvenance, originsOf } from './provenance';
export { IF_INHERITED_MARKER, KEYED_LISTS, REMOVE_MARKER } from './merge';
export { INVENTORY_KINDS, parseInventory, resolveInventoryFiles } from './documents';
export type { InventoryFile, ParsedInventory } from './documents';
export { inventorySchema } from './schema';
export { fleetLayout, KUSTOMIZATION_FILE, CLUSTER_WIDE_FOLDER } from './layout';
export type { LayoutObject, LayoutCluster, LayoutManagementCluster, GitopsRepository, FluxGitops, ArgoCdGitops, FleetLayoutOptions } from './layout';
export { renderFleet, managementClusterInputs, DEFAULT_MANAGEMENT_CLUSTER } from './render';
export type { FleetClusterInput, FleetManagementClusterInput, RenderFleetOptions } from './render';
export { planFleet, formatFleetPlan, CLUSTER_MOVED_DANGER } from './plan';
export type { FleetPlan, FleetLayerChange, FleetClusterMove } from './plan';
