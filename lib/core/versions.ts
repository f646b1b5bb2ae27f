/**
 * Kubernetes versions as Cluster API wants them: full `vX.Y.Z` (CAPI's webhooks reject a
 * minor-only version such as `v1.34`).
 */
export class KubernetesVersion {
  /** Parses `v1.34.2` (a leading `v` is required, as in CAPI manifests; pre-release suffixes allowed). */
  public static of(version: string): KubernetesVersion {
    const parsed = KubernetesVersion.tryParse(version);
    if (!parsed) {
      throw new Error(`Invalid Kubernetes version ${JSON.stringify(version)}: expected a full version like "v1.34.2"`);
    }
    return parsed;
  }

  /** Like `of`, but returns undefined for a malformed version instead of throwing. */
  public static tryParse(version: string): KubernetesVersion | undefined {
    if (typeof version !== 'string') return undefined;
    const m = FULL_VERSION.exec(version);
    if (!m) return undefined;
    return new KubernetesVersion(version, Number(m[1]), Number(m[2]), Number(m[3]));
  }

  /** Accepts either a KubernetesVersion or its string form. */
  public static from(version: KubernetesVersion | string): KubernetesVersion {
    return version instanceof KubernetesVersion ? version : KubernetesVersion.of(version);
  }

  private constructor(
    /** The version as written, e.g. `v1.34.2`. */
    public readonly version: string,
    public readonly major: number,
    public readonly minor: number,
    public readonly patch: number,
  ) {}

  /** `v1.34`: the minor line, for messages and skew checks. */
  public get minorVersion(): string {
    return `v${this.major}.${this.minor}`;
  }

  /** Negative when this is older than `other`, 0 when equal (ignoring pre-release), positive when newer. */
  public compare(other: KubernetesVersion): number {
    return this.major - other.major || this.minor - other.minor || this.patch - other.patch;
  }

  /** How many minor versions `other` is behind this one (same major assumed, as for all Kubernetes 1.x). */
  public minorsAhead(other: KubernetesVersion): number {
    return (this.major - other.major) * 1000 + (this.minor - other.minor);
  }

  public toString(): string {
    return this.version;
  }
}

const FULL_VERSION = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:[-+][0-9A-Za-z.+-]+)?$/;
const MINOR_VERSION = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * The range of Kubernetes minor versions a Cluster API release supports for workload clusters.
 * It is data, not a constant of validation: a newer CAPI patch may add a minor, and a user
 * can pass their own window.
 */
export interface SupportedVersionWindow {
  /** Oldest supported minor, e.g. `v1.31`. */
  readonly oldest: string;
  /** Newest supported minor, e.g. `v1.36`. */
  readonly newest: string;
  /** Where the window comes from, for error messages. */
  readonly source?: string;
}

/** Cluster API v1.14.0 supports workload clusters on Kubernetes v1.31 to v1.36. */
export const CAPI_V1_14_SUPPORTED_VERSIONS: SupportedVersionWindow = {
  oldest: 'v1.31',
  newest: 'v1.36',
  source: 'Cluster API v1.14.0',
};

/** Parses `v1.31` into [major, minor]; undefined when malformed. */
export function parseMinor(minor: unknown): [number, number] | undefined {
  const m = typeof minor === 'string' ? MINOR_VERSION.exec(minor) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** True when `version`'s minor lies inside the window (inclusive); false for a malformed window. */
export function isInWindow(version: Pick<ParsedVersion, 'major' | 'minor'>, window: SupportedVersionWindow): boolean {
  const oldest = parseMinor(window.oldest);
  const newest = parseMinor(window.newest);
  if (!oldest || !newest) return false;
  const v = version.major * 1000 + version.minor;
  return v >= oldest[0] * 1000 + oldest[1] && v <= newest[0] * 1000 + newest[1];
}

/**
 * How many minor versions a kubelet may lag behind the API server (Kubernetes version skew
 * policy since v1.28). Workers newer than the control plane are never allowed.
 */
export const KUBELET_MAX_MINOR_SKEW = 3;

/**
 * A version as found in any manifest, read leniently: `v1.34.1`, `v1.34` or `1.34.1`
 * (pre-release suffixes ignored). The plan reads what others wrote; the core's own input must
 * be a full version (see KubernetesVersion).
 */
export interface ParsedVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number | undefined;
}

/** Parses a version leniently; undefined if `text` is not a version. */
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
