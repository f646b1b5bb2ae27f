/** The fleet: inventory layers, merge rules, provenance and fleet validation (pure: no I/O). */
export * from './types';
export { resolveFleet } from './resolve';
export { assertValidFleet, formatFleetIssue, toValidationIssue } from './errors';
export { explainValues, formatOrigin, formatProvenance, originsOf } from './provenance';
export { IF_INHERITED_MARKER, KEYED_LISTS, REMOVE_MARKER } from './merge';
export { INVENTORY_KINDS, parseInventory, resolveInventoryFiles } from './documents';
export type { InventoryFile, ParsedInventory } from './documents';
export { inventorySchema } from './schema';
