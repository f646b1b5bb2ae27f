/** A fleet's issues as one error, each line naming the cluster, the path and who set the value. */
import { CapiValidationError, formatIssue, ValidationIssue } from '../support/issues';
import { formatOrigin } from './provenance';
import { FleetIssue, ResolvedFleet } from './types';

/** The issue as a plain ValidationIssue whose path names the cluster (or the file) and whose message names the layer that set the value. */
export function toValidationIssue(issue: FleetIssue): ValidationIssue {
  const where = issue.cluster ? `cluster ${issue.cluster}: ` : issue.source ? `${issue.source}: ` : '';
  const setBy = issue.origins?.length ? ` (set by ${issue.origins.map(formatOrigin).join('; ')})` : '';
  const inFile = issue.cluster && issue.source && !issue.origins?.length ? ` (in ${issue.source})` : '';
  const { path, message, value, allowed, fix } = issue;
  return { path: `${where}${path}`, message: `${message}${setBy}${inFile}`, ...(value !== undefined ? { value } : {}), ...(allowed ? { allowed } : {}), ...(fix ? { fix } : {}) };
}

/**
 * One line for the issue: `cluster acme-1: workerPools[0].replicas: must be ... (set by site fra1, inventory/sites/fra1.yaml)`.
 * Values at credential paths are masked, as everywhere.
 */
export function formatFleetIssue(issue: FleetIssue): string {
  return formatIssue(toValidationIssue(issue));
}

/** Throws one CapiValidationError listing every issue of the fleet; returns the fleet when it has none. */
export function assertValidFleet(fleet: ResolvedFleet): ResolvedFleet {
  if (fleet.issues.length) throw new CapiValidationError(fleet.issues.map(toValidationIssue), `fleet (${new Set(fleet.issues.map(i => i.cluster).filter(Boolean)).size} of ${fleet.clusters.length} clusters)`);
  return fleet;
}
