/** The fleet: inventory layers, merge rules, provenance and fleet validation (pure: no I/O). */
export * from './types';
export { resolveFleet } from './resolve';
export { assertValidFleet, formatFleetIssue, toValidationIssue } from './errors';
export { explainValues, formatOrigin, formatProvenance, originsOf } from './provenance';
export { KEYED_LISTS, REMOVE_MARKER } from './merge';
