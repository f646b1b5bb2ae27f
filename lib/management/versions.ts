/**
 * Versions that fit together on a management cluster (data, and pure checks over it): which
 * contract each Cluster API minor and each provider release series implements, which
 * Kubernetes versions a Cluster API minor supports for workload and management clusters, and
 * the upgrade rules `clusterctl upgrade` enforces. Every row cites the upstream file it was
 * read from; the checks return issues and never throw, so a caller reports them together with
 * its own.
 */
import {
  CAPI_V1_14_SUPPORTED_VERSIONS, ParsedVersion, SupportedVersionWindow,
  compareVersions, formatMinor, isInWindow, minorDistance, parseMinor, parseVersion,
} from '../core/versions';
import { ValidationIssue } from '../support/issues';

/** The five provider kinds of cluster-api-operator v0.28 (CoreProvider, BootstrapProvider, ...). */
export type OperatorProviderType = 'core' | 'bootstrap' | 'controlPlane' | 'infrastructure' | 'addon';


// --- Cluster API releases ------------------------------------------------------------------

/** One Cluster API minor release: its contract and the Kubernetes versions it supports. */
export interface ClusterApiRelease {
  /** The minor, e.g. `v1.14`. */
  readonly minor: string;
  /** The contract this minor implements (metadata.yaml `releaseSeries[].contract`). */
  readonly contract: string;
  /**
   * Provider contracts a core provider of this minor works with: its own, and during a
   * transition the previous one (cluster-api internal/contract/version.go GetCompatibleVersions).
   */
  readonly compatibleContracts: readonly string[];
  /** Kubernetes minors supported for workload clusters. */
  readonly workload: SupportedVersionWindow;
  /** Kubernetes minors supported for the management cluster itself. */
  readonly management: SupportedVersionWindow;
  /**
   * Kubernetes minors supported only from a later patch of this release (the matrix's
   * "✓ >= v1.12.8"), for workload and management clusters alike: minor → first patch release.
   * @default - every minor of the windows from the first release
   */
  readonly minorsSincePatch?: Readonly<Record<string, string>>;
}

// kubernetes-sigs/cluster-api v1.14.0 metadata.yaml: releaseSeries v1.0–v1.10 contract v1beta1,
// v1.11–v1.14 contract v1beta2.
const CAPI_METADATA = 'kubernetes-sigs/cluster-api v1.14.0 metadata.yaml';
// kubernetes-sigs/cluster-api v1.14.0 internal/contract/version.go GetCompatibleVersions (the
// same in v1.11.0): "v1beta2 contract is temporarily be compatible with v1beta1 (until v1beta1
// is EOL)". clusterctl's installer and upgrader accept a provider on any compatible contract.
const COMPATIBLE_SOURCE = 'kubernetes-sigs/cluster-api v1.14.0 internal/contract/version.go (GetCompatibleVersions)';
// The support matrix "Core provider (cluster-api-controller)" in docs/book/src/reference/versions.md:
// v1.12–v1.14 from the v1.14.0 copy, v1.11 from v1.13.5, v1.10 from v1.11.11 (each release
// documents the two before it; a row marked "(only workload)" is outside the management window).
const MATRIX_V1_14 = 'kubernetes-sigs/cluster-api v1.14.0 docs/book/src/reference/versions.md (core provider support matrix)';
const MATRIX_V1_13 = 'kubernetes-sigs/cluster-api v1.13.5 docs/book/src/reference/versions.md (core provider support matrix)';
const MATRIX_V1_11 = 'kubernetes-sigs/cluster-api v1.11.11 docs/book/src/reference/versions.md (core provider support matrix)';

const V1BETA2_COMPATIBLE = ['v1beta2', 'v1beta1'];

/** The Cluster API minors this library knows, oldest first. */
export const CLUSTER_API_RELEASES: readonly ClusterApiRelease[] = [
  {
    minor: 'v1.10', contract: 'v1beta1', compatibleContracts: ['v1beta1'],
    workload: { oldest: 'v1.27', newest: 'v1.33', source: MATRIX_V1_11 },
    management: { oldest: 'v1.29', newest: 'v1.33', source: MATRIX_V1_11 },
    minorsSincePatch: { 'v1.33': 'v1.10.1' },
  },
  {
    minor: 'v1.11', contract: 'v1beta2', compatibleContracts: V1BETA2_COMPATIBLE,
    workload: { oldest: 'v1.28', newest: 'v1.34', source: MATRIX_V1_13 },
    management: { oldest: 'v1.30', newest: 'v1.34', source: MATRIX_V1_13 },
    minorsSincePatch: { 'v1.34': 'v1.11.1' },
  },
  {
    minor: 'v1.12', contract: 'v1beta2', compatibleContracts: V1BETA2_COMPATIBLE,
    workload: { oldest: 'v1.29', newest: 'v1.36', source: MATRIX_V1_14 },
    management: { oldest: 'v1.31', newest: 'v1.36', source: MATRIX_V1_14 },
    minorsSincePatch: { 'v1.35': 'v1.12.1', 'v1.36': 'v1.12.8' },
  },
  {
    minor: 'v1.13', contract: 'v1beta2', compatibleContracts: V1BETA2_COMPATIBLE,
    workload: { oldest: 'v1.30', newest: 'v1.36', source: MATRIX_V1_14 },
    management: { oldest: 'v1.32', newest: 'v1.36', source: MATRIX_V1_14 },
    minorsSincePatch: { 'v1.36': 'v1.13.1' },
  },
  {
    minor: 'v1.14', contract: 'v1beta2', compatibleContracts: V1BETA2_COMPATIBLE,
    // The window the workload cluster checks already use (lib/core/versions.ts), one copy.
    workload: CAPI_V1_14_SUPPORTED_VERSIONS,
    management: { oldest: 'v1.33', newest: 'v1.36', source: MATRIX_V1_14 },
  },
];

/** The release entry for a Cluster API version (`v1.14.0` or `v1.14`); undefined when unknown or malformed. */
export function clusterApiRelease(capiVersion: string): ClusterApiRelease | undefined {
  const v = parseVersion(capiVersion);
  return v ? CLUSTER_API_RELEASES.find(r => r.minor === formatMinor(v)) : undefined;
}

/**
 * The Kubernetes minors a Cluster API version supports for workload clusters, narrowed to what
 * its patch release supports (v1.12.3 supports up to v1.35, v1.12.8 up to v1.36). A minor-only
 * version (`v1.12`) is read as its first release. Undefined for a version the table does not know.
 */
export function workloadKubernetesWindow(capiVersion: string): SupportedVersionWindow | undefined {
  return windowFor(capiVersion, 'workload');
}

/** Like workloadKubernetesWindow, for the management cluster's own Kubernetes version. */
export function managementKubernetesWindow(capiVersion: string): SupportedVersionWindow | undefined {
  return windowFor(capiVersion, 'management');
}

function windowFor(capiVersion: string, which: 'workload' | 'management'): SupportedVersionWindow | undefined {
  const v = parseVersion(capiVersion);
  const release = v && clusterApiRelease(capiVersion);
  if (!v || !release) return undefined;
  const window = release[which];
  const newest = parseMinor(window.newest)!;
  let minor = newest[1];
  // Walk down from the newest minor past those that need a later patch than this one.
  while (minor > parseMinor(window.oldest)![1] && !patchSupports(release, v, `v${newest[0]}.${minor}`)) minor--;
  if (minor === newest[1]) return window;
  return { oldest: window.oldest, newest: `v${newest[0]}.${minor}`, source: `${window.source}; v${newest[0]}.${minor + 1} needs ${release.minorsSincePatch![`v${newest[0]}.${minor + 1}`]}` };
}

function patchSupports(release: ClusterApiRelease, capi: ParsedVersion, kubernetesMinor: string): boolean {
  const since = release.minorsSincePatch?.[kubernetesMinor];
  return since === undefined || (capi.patch ?? 0) >= parseVersion(since)!.patch!;
}

// --- Providers -----------------------------------------------------------------------------

/** One release series (minor) of a provider and the contract it implements. */
export interface ProviderReleaseSeries {
  /** The minor, e.g. `v2.11`. */
  readonly minor: string;
  /** The Cluster API contract, e.g. `v1beta2`. */
  readonly contract: string;
}

/** A provider this library knows by its cluster-api-operator (clusterctl) name. */
export interface KnownProvider {
  /** The provider's name in cluster-api-operator and clusterctl, e.g. `aws`. */
  readonly name: string;
  /** The operator kind it is installed as. */
  readonly type: OperatorProviderType;
  /** The short name people use, e.g. `CAPA`. */
  readonly title: string;
  /** Release series → contract, from its metadata.yaml. */
  readonly series: readonly ProviderReleaseSeries[];
  /** Where `series` comes from. */
  readonly source: string;
  /**
   * Released from the cluster-api repository together with the core provider: its minor must
   * be the core's (versions.md: "For each version of the Cluster API core provider, there is a
   * corresponding version of the Kubeadm Bootstrap provider", the same for KCP; CAPD ships in
   * the same release).
   * @default false
   */
  readonly releasedWithCore?: boolean;
  /**
   * Most minor versions one upgrade may skip, where clusterctl enforces it.
   * @default - no limit enforced upstream (the provider's own docs decide)
   */
  readonly maxMinorSkip?: number;
}

function series(major: number, from: number, to: number, contract: string): ProviderReleaseSeries[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ minor: `v${major}.${from + i}`, contract }));
}

const CAPI_SERIES = [...series(1, 0, 10, 'v1beta1'), ...series(1, 11, 14, 'v1beta2')];

/**
 * clusterctl upgrade's skip rule, kubernetes-sigs/cluster-api v1.14.0
 * cmd/clusterctl/client/cluster/upgrader.go doUpgrade: "Block unsupported skip upgrades for Core,
 * Kubeadm Bootstrap, Kubeadm ControlPlane": from a current version >= v1.10.0, an upgrade whose
 * next minor is more than current minor + 3 fails ("can't skip more than 3 versions"); the book's
 * docs/book/src/reference/versions.md "Skip upgrades": "Cluster API supports at maximum n-3 minor
 * version skip upgrades". Out-of-tree providers are not checked upstream.
 */
export const CLUSTERCTL_MAX_MINOR_SKIP = 3;
/** The oldest current version the skip rule applies to (upgrader.go `minVersionSkew`). */
export const CLUSTERCTL_SKIP_RULE_FROM = 'v1.10.0';
export const SKIP_RULE_SOURCE = 'kubernetes-sigs/cluster-api v1.14.0 cmd/clusterctl/client/cluster/upgrader.go (doUpgrade) and docs/book/src/reference/versions.md (Skip upgrades)';
export const DOWNGRADE_SOURCE = 'kubernetes-sigs/cluster-api v1.14.0 docs/book/src/reference/versions.md (Downgrades: "Cluster API does not support version downgrades")';

/** The providers whose contracts this library knows, by operator name and type. */
export const KNOWN_PROVIDERS: readonly KnownProvider[] = [
  { name: 'cluster-api', type: 'core', title: 'CAPI', series: CAPI_SERIES, source: CAPI_METADATA, releasedWithCore: true, maxMinorSkip: CLUSTERCTL_MAX_MINOR_SKIP },
  { name: 'kubeadm', type: 'bootstrap', title: 'CABPK', series: CAPI_SERIES, source: CAPI_METADATA, releasedWithCore: true, maxMinorSkip: CLUSTERCTL_MAX_MINOR_SKIP },
  { name: 'kubeadm', type: 'controlPlane', title: 'KCP', series: CAPI_SERIES, source: CAPI_METADATA, releasedWithCore: true, maxMinorSkip: CLUSTERCTL_MAX_MINOR_SKIP },
  // CAPD is released from the cluster-api repository with the same metadata.yaml.
  { name: 'docker', type: 'infrastructure', title: 'CAPD', series: CAPI_SERIES, source: CAPI_METADATA, releasedWithCore: true },
  {
    name: 'aws', type: 'infrastructure', title: 'CAPA',
    // CAPA v2.11 still declares v1beta1, which v1beta2 cores accept (COMPATIBLE_SOURCE).
    series: [{ minor: 'v0.4', contract: 'v1alpha2' }, ...series(0, 5, 6, 'v1alpha3'), { minor: 'v0.7', contract: 'v1alpha4' }, ...series(1, 0, 5, 'v1beta1'), ...series(2, 0, 11, 'v1beta1')],
    source: 'kubernetes-sigs/cluster-api-provider-aws v2.11.1 metadata.yaml',
  },
  {
    name: 'vsphere', type: 'infrastructure', title: 'CAPV',
    series: [...series(1, 0, 15, 'v1beta1'), ...series(1, 16, 17, 'v1beta2')],
    source: 'kubernetes-sigs/cluster-api-provider-vsphere v1.16.1 metadata.yaml (v1.17 from v1.17.0-rc.2)',
  },
  {
    name: 'azure', type: 'infrastructure', title: 'CAPZ',
    series: [{ minor: 'v0.3', contract: 'v1alpha2' }, { minor: 'v0.4', contract: 'v1alpha3' }, { minor: 'v0.5', contract: 'v1alpha4' }, ...series(1, 0, 26, 'v1beta1')],
    source: 'kubernetes-sigs/cluster-api-provider-azure v1.26.0 metadata.yaml',
  },
  {
    name: 'helm', type: 'addon', title: 'CAAPH',
    series: [...series(0, 1, 4, 'v1beta1'), ...series(0, 5, 6, 'v1beta2')],
    source: 'kubernetes-sigs/cluster-api-addon-provider-helm v0.6.4 metadata.yaml',
  },
];

/** The known provider of that type and name; undefined for any other provider. */
export function knownProvider(type: OperatorProviderType, name: string): KnownProvider | undefined {
  return KNOWN_PROVIDERS.find(p => p.type === type && p.name === name);
}

const TYPE_WORDS: Record<OperatorProviderType, string> = {
  core: 'core', bootstrap: 'bootstrap', controlPlane: 'control plane', infrastructure: 'infrastructure', addon: 'add-on',
};

/** The name people use for a provider: `CAPA`, or `metal3 infrastructure provider` for one this library does not know. */
export function providerTitle(type: OperatorProviderType, name: string): string {
  return knownProvider(type, name)?.title ?? `${name} ${TYPE_WORDS[type] ?? String(type)} provider`;
}

/** The contract a provider release implements and where that comes from; undefined when the table does not know it. */
export function providerContract(type: OperatorProviderType, name: string, version: string): { contract: string; source: string } | undefined {
  const known = knownProvider(type, name);
  const v = parseVersion(version);
  const row = known && v && known.series.find(s => s.minor === formatMinor(v));
  return row ? { contract: row.contract, source: known.source } : undefined;
}

// --- Checks --------------------------------------------------------------------------------

/** One provider as the management cluster declares it. */
export interface ProviderVersion {
  /** The operator kind. */
  readonly type: OperatorProviderType;
  /** The operator (clusterctl) name, e.g. `aws`. */
  readonly name: string;
  /** The pinned version, e.g. `v2.11.1`. */
  readonly version: string;
  /**
   * The contract this release implements (its metadata.yaml `releaseSeries`), for a provider or
   * release series this library's table does not know. For a known one it must match the table.
   * @default - from KNOWN_PROVIDERS; without it an unknown provider is reported as uncheckable
   */
  readonly contract?: string;
  /**
   * Where this provider sits in the caller's spec, for the issues' paths.
   * @default `providers[<index>]`
   */
  readonly path?: string;
}

/** A provider as it runs on the management cluster today. */
export interface InstalledProviderVersion {
  /** The operator kind. */
  readonly type: OperatorProviderType;
  /** The operator (clusterctl) name. */
  readonly name: string;
  /** The version running now. */
  readonly version: string;
  /**
   * Where this entry sits in the caller's spec.
   * @default `installed[<index>]`
   */
  readonly path?: string;
}

/** What checkManagementVersions looks at. */
export interface ManagementVersionsInput {
  /** The Cluster API version (the core provider's), e.g. `v1.14.0`. */
  readonly capiVersion: string;
  /**
   * The management cluster's own Kubernetes version, e.g. `v1.34.2`.
   * @default - not checked
   */
  readonly kubernetesVersion?: string;
  /** Every provider to install. */
  readonly providers: readonly ProviderVersion[];
  /**
   * The versions installed today, for the upgrade rules (no downgrade, no unsupported skip).
   * @default - no upgrade rules checked
   */
  readonly installed?: readonly InstalledProviderVersion[];
  /**
   * Paths of the top-level fields in the caller's spec.
   * @default `capiVersion` and `kubernetesVersion`
   */
  readonly paths?: { readonly capiVersion?: string; readonly kubernetesVersion?: string };
}

/**
 * Every version problem of a management cluster: each provider's contract against the Cluster
 * API version's, the in-repo providers on the core's minor, one instance per provider, the
 * management cluster's Kubernetes version inside the supported window, and against the declared
 * installed versions no downgrade and no skip beyond clusterctl's limit. An unknown provider or
 * release series without an explicit `contract` is reported, never passed silently.
 */
export function checkManagementVersions(input: ManagementVersionsInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const capiPath = input.paths?.capiVersion ?? 'capiVersion';
  const capi = parseVersion(input.capiVersion);
  const release = clusterApiRelease(input.capiVersion);
  const knownMinors = `${CLUSTER_API_RELEASES[0].minor} to ${CLUSTER_API_RELEASES[CLUSTER_API_RELEASES.length - 1].minor}`;
  if (!capi || capi.patch === undefined) {
    issues.push({ path: capiPath, message: 'Cluster API version is not a full version', value: input.capiVersion, allowed: 'vX.Y.Z, e.g. v1.14.0', fix: 'pin an exact Cluster API release' });
  } else if (!release) {
    issues.push({
      path: capiPath, message: `Cluster API ${formatMinor(capi)} is not in this library's version table, so its contract and Kubernetes support cannot be checked`,
      value: input.capiVersion, allowed: `Cluster API ${knownMinors}`, fix: `use a Cluster API release from ${knownMinors}, or a newer capi-constructs that knows ${formatMinor(capi)}`,
    });
  }
  const usable = capi && capi.patch !== undefined ? release : undefined;

  if (usable && input.kubernetesVersion !== undefined) checkManagementKubernetes(input, usable, issues);

  const seen = new Map<string, string>();
  input.providers.forEach((provider, i) => {
    const path = provider.path ?? `providers[${i}]`;
    const key = `${provider.type}/${provider.name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      // kubernetes-sigs/cluster-api v1.14.0 cmd/clusterctl/client/cluster/inventory.go
      // CheckSingleProviderInstance: multiple instances of the same provider are not supported.
      issues.push({
        path, message: `${providerTitle(provider.type, provider.name)} is declared twice (also at ${first}); a management cluster runs one instance of each provider`,
        value: provider.name, fix: 'remove one of them',
      });
      return;
    }
    seen.set(key, path);
    checkProvider(provider, path, capi, usable, input.capiVersion, issues);
  });

  if (input.installed) checkUpgrades(input.providers, input.installed, issues);
  return issues;
}

function checkManagementKubernetes(input: ManagementVersionsInput, release: ClusterApiRelease, issues: ValidationIssue[]): void {
  const path = input.paths?.kubernetesVersion ?? 'kubernetesVersion';
  const k8s = parseVersion(input.kubernetesVersion);
  if (!k8s) {
    issues.push({ path, message: 'management cluster Kubernetes version is not a version', value: input.kubernetesVersion, allowed: 'vX.Y.Z, e.g. v1.34.2', fix: 'give the Kubernetes version the management cluster runs' });
    return;
  }
  const window = release.management;
  const narrowed = managementKubernetesWindow(input.capiVersion)!;
  if (!isInWindow(k8s, window)) {
    issues.push({
      path, message: `Cluster API ${input.capiVersion} does not support a management cluster on Kubernetes ${formatMinor(k8s)} (${window.source})`,
      value: input.kubernetesVersion, allowed: `Kubernetes ${window.oldest} to ${window.newest}`,
      fix: compareMinor(k8s, window.oldest) < 0
        ? `upgrade the management cluster to Kubernetes ${window.oldest} or later first, or use an older Cluster API release`
        : `use a Cluster API release that supports Kubernetes ${formatMinor(k8s)}, or keep the management cluster on ${window.newest}`,
    });
  } else if (!isInWindow(k8s, narrowed)) {
    const since = release.minorsSincePatch![formatMinor(k8s)];
    issues.push({
      path, message: `Cluster API ${input.capiVersion} does not support a management cluster on Kubernetes ${formatMinor(k8s)}; that needs Cluster API ${since} or later (${window.source})`,
      value: input.kubernetesVersion, allowed: `Kubernetes ${narrowed.oldest} to ${narrowed.newest} with Cluster API ${input.capiVersion}`,
      fix: `upgrade Cluster API to ${since} or later`,
    });
  }
}

function compareMinor(v: ParsedVersion, minor: string): number {
  const [major, m] = parseMinor(minor)!;
  return v.major - major || v.minor - m;
}

function checkProvider(provider: ProviderVersion, path: string, capi: ParsedVersion | undefined, release: ClusterApiRelease | undefined, capiVersion: string, issues: ValidationIssue[]): void {
  const title = providerTitle(provider.type, provider.name);
  const v = parseVersion(provider.version);
  if (!v || v.patch === undefined) {
    issues.push({ path: `${path}.version`, message: `${title} version is not a full version`, value: provider.version, allowed: 'vX.Y.Z, e.g. v2.11.1', fix: `pin an exact ${title} release` });
    return;
  }
  const known = knownProvider(provider.type, provider.name);
  if (provider.type === 'core' && capi && compareVersions(v, capi) !== 0) {
    issues.push({
      path: `${path}.version`, message: `the core provider is Cluster API itself: its version ${provider.version} differs from the Cluster API version ${capiVersion}`,
      value: provider.version, allowed: capiVersion, fix: 'set both to the same Cluster API release',
    });
  } else if (known?.releasedWithCore && provider.type !== 'core' && capi && formatMinor(v) !== formatMinor(capi)) {
    issues.push({
      path: `${path}.version`, message: `${title} ${provider.version} is released with Cluster API and must be on its minor, ${formatMinor(capi)} (Cluster API ${capiVersion}; versions.md: one ${title} release per core release)`,
      value: provider.version, allowed: `${formatMinor(capi)}.x`, fix: `set ${title} to ${capiVersion}`,
    });
  }

  const fromTable = providerContract(provider.type, provider.name, provider.version);
  if (fromTable && provider.contract !== undefined && provider.contract !== fromTable.contract) {
    issues.push({
      path: `${path}.contract`, message: `${title} ${provider.version} implements contract ${fromTable.contract} (${fromTable.source}), not ${provider.contract}`,
      value: provider.contract, allowed: fromTable.contract, fix: 'remove contract (it is known for this release) or correct it',
    });
    return;
  }
  const contract = fromTable?.contract ?? provider.contract;
  if (contract === undefined) {
    issues.push({
      path: `${path}.contract`,
      message: known
        ? `${title} ${formatMinor(v)} is not in this library's release table (${known.source}), so its Cluster API contract cannot be checked`
        : `${title} is not a provider this library knows, so its Cluster API contract cannot be checked`,
      value: provider.version, allowed: 'an explicit contract such as v1beta2',
      fix: `set contract to the contract of ${title} ${formatMinor(v)} (its metadata.yaml releaseSeries)`,
    });
    return;
  }
  if (release && !release.compatibleContracts.includes(contract)) {
    const fit = known ? newestSeriesOn(known, release.compatibleContracts) : undefined;
    issues.push({
      path: `${path}.version`,
      message: `${title} ${provider.version} implements contract ${contract}, but Cluster API ${capiVersion} works with providers on ${release.compatibleContracts.join(' or ')} (${COMPATIBLE_SOURCE})`,
      value: provider.version, allowed: `a ${title} release on contract ${release.compatibleContracts.join(' or ')}`,
      fix: fit ? `use ${title} ${fit.minor}.x (contract ${fit.contract})` : `use a ${title} release on contract ${release.contract}, or a Cluster API release on contract ${contract}`,
    });
  }
}

function newestSeriesOn(known: KnownProvider, contracts: readonly string[]): ProviderReleaseSeries | undefined {
  return [...known.series].reverse().find(s => contracts.includes(s.contract));
}

function checkUpgrades(providers: readonly ProviderVersion[], installed: readonly InstalledProviderVersion[], issues: ValidationIssue[]): void {
  installed.forEach((current, i) => {
    const path = current.path ?? `installed[${i}]`;
    const title = providerTitle(current.type, current.name);
    const from = parseVersion(current.version);
    if (!from || from.patch === undefined) {
      issues.push({ path: `${path}.version`, message: `installed ${title} version is not a full version`, value: current.version, allowed: 'vX.Y.Z', fix: `give the exact ${title} version running now` });
      return;
    }
    const next = providers.find(p => p.type === current.type && p.name === current.name);
    const to = next && parseVersion(next.version);
    if (!next || !to || to.patch === undefined) return;
    const nextPath = `${next.path ?? `providers[${providers.indexOf(next)}]`}.version`;
    if (compareVersions(to, from) < 0) {
      issues.push({
        path: nextPath, message: `${title} ${next.version} would downgrade the installed ${current.version}; Cluster API does not support downgrades (${DOWNGRADE_SOURCE})`,
        value: next.version, allowed: `${current.version} or later`, fix: `keep ${title} at ${current.version} or later`,
      });
      return;
    }
    const limit = knownProvider(current.type, current.name)?.maxMinorSkip;
    const ruleApplies = compareVersions(from, parseVersion(CLUSTERCTL_SKIP_RULE_FROM)!) >= 0;
    // upgrader.go compares minors only (nextVersion.Minor > currentVersion.Minor+3).
    if (limit !== undefined && ruleApplies && from.major === to.major && minorDistance(from, to) > limit) {
      const stop = `v${from.major}.${from.minor + limit}`;
      issues.push({
        path: nextPath, message: `${title} ${current.version} → ${next.version} moves ${minorDistance(from, to)} minor versions at once; clusterctl upgrade moves at most ${limit} (${SKIP_RULE_SOURCE})`,
        value: next.version, allowed: `up to ${stop}.x`, fix: `upgrade ${title} to ${stop}.x first, then to ${next.version}`,
      });
    }
  });
}
