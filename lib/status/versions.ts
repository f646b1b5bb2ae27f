/**
 * The workload-cluster Kubernetes versions a management cluster's Cluster API release supports,
 * from the core provider's support matrix (kubernetes-sigs/cluster-api main at ae7ff047,
 * docs/book/src/reference/versions.md, "Core provider (cluster-api-controller)"). Some releases
 * added a Kubernetes minor in a patch (v1.12.1: v1.35, v1.12.8 and v1.13.1: v1.36), so the window
 * depends on the patch.
 */
import { CAPI_V1_14_SUPPORTED_VERSIONS, parseVersion, SupportedVersionWindow } from '../core/versions';

/** [CAPI minor, from patch, oldest, newest]: the last row whose minor matches and patch is reached wins. */
const MATRIX: ReadonlyArray<[minor: number, fromPatch: number, oldest: string, newest: string]> = [
  [12, 0, 'v1.29', 'v1.34'],
  [12, 1, 'v1.29', 'v1.35'],
  [12, 8, 'v1.29', 'v1.36'],
  [13, 0, 'v1.30', 'v1.35'],
  [13, 1, 'v1.30', 'v1.36'],
  [14, 0, CAPI_V1_14_SUPPORTED_VERSIONS.oldest, CAPI_V1_14_SUPPORTED_VERSIONS.newest],
];

/** The supported window of Cluster API `capiVersion` (`v1.14.0`), or undefined for a release the table does not know. */
export function capiSupportedVersions(capiVersion: string): SupportedVersionWindow | undefined {
  const v = parseVersion(capiVersion);
  if (!v || v.major !== 1) return undefined;
  let found: SupportedVersionWindow | undefined;
  for (const [minor, fromPatch, oldest, newest] of MATRIX) {
    if (minor === v.minor && (v.patch ?? 0) >= fromPatch) found = { oldest, newest, source: `Cluster API ${capiVersion}` };
  }
  return found;
}
