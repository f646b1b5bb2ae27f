/** Kubernetes version arithmetic for the plan: parse, compare, supported window. */
import { PlanInputError, PlanVersionWindow } from './types';

/** Workload cluster versions supported by Cluster API v1.14.0. Override with `supportedVersions`. */
export const DEFAULT_SUPPORTED_VERSIONS: PlanVersionWindow = { min: 'v1.31', max: 'v1.36' };

/** How many minors a kubelet may lag behind the API server (Kubernetes version skew policy). */
export const KUBELET_MAX_MINOR_SKEW = 3;

export interface ParsedVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number | undefined;
}

/** Parses `v1.34.1`, `v1.34` or `1.34.1` (pre-release suffixes ignored); undefined if not a version. */
export function parseVersion(text: unknown): ParsedVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? undefined : Number(m[3]) };
}

/** Negative, zero or positive like a comparator; patch compared only when both have one. */
export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  if (a.major !== b.major) return a.major - b.major;
  if (a.minor !== b.minor) return a.minor - b.minor;
  return (a.patch ?? 0) - (b.patch ?? 0);
}

/** Minor distance from `a` to `b` (same major assumed, as for every Kubernetes 1.x). */
export function minorDistance(a: ParsedVersion, b: ParsedVersion): number {
  return (b.major - a.major) * 1000 + (b.minor - a.minor);
}

export function formatMinor(v: ParsedVersion): string {
  return `v${v.major}.${v.minor}`;
}

/** Parses `v1.31-v1.36` (the CLI's `--supported-versions`) into a window. */
export function parseVersionWindow(text: string): PlanVersionWindow {
  const parts = text.split('-');
  const [min, max] = parts.map((p) => parseVersion(p));
  if (parts.length !== 2 || !min || !max || compareVersions(min, max) > 0) {
    throw new PlanInputError(
      `invalid supported versions "${text}": expected MIN-MAX minors such as v1.31-v1.36, MIN not above MAX`,
    );
  }
  return { min: formatMinor(min), max: formatMinor(max) };
}

export function isSupported(version: ParsedVersion, window: PlanVersionWindow): boolean {
  const min = parseVersion(window.min);
  const max = parseVersion(window.max);
  if (!min || !max) throw new PlanInputError(`invalid supported versions ${window.min}-${window.max}`);
  const minor = { ...version, patch: undefined };
  return compareVersions(minor, min) >= 0 && compareVersions(minor, max) <= 0;
}
