/**
 * Live status of a fleet: what every cluster of one or more management clusters runs, and
 * whether it is healthy. Pure: objects in (as `readManagementObjects` reads them), a typed status out.
 *
 * ```ts
 * import { fleetStatus, formatStatus } from 'capi-constructs';
 * const status = fleetStatus([{ context: 'prod', objects }]);
 * console.log(formatStatus(status, 'markdown'));
 * ```
 */
export * from './types';
export { allAvailable, fleetStatus, statusClusterId } from './status';
export type { FleetStatusOptions } from './status';
export { formatStatus, STATUS_FORMATS } from './format';
export type { StatusFormat, StatusFormatOptions } from './format';
