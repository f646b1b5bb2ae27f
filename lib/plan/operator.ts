/**
 * What a change to the management cluster's cluster-api-operator provider objects does: which
 * provider is installed, upgraded, reconfigured or removed, in which order the operator gets to
 * them, and the dangers (a contract change, a contract the core does not work with, a skip of more
 * minors than clusterctl allows, a downgrade, a removal).
 *
 * How cluster-api-operator v0.28.0 applies them (read from its source):
 * - Each provider object is reconciled on its own, by the controller of its kind
 *   (internal/controller/genericprovider_controller.go); the operator "upgrades one provider at a
 *   time while `clusterctl upgrade apply` upgrades a group of providers in a single operation"
 *   (docs/book/src/03_topics/01_capi-providers-lifecycle/02_upgrading-provider.md).
 * - A provider other than the core waits until the CoreProvider is Ready
 *   (internal/controller/preflight_checks.go: "Wait for core provider to be ready before we
 *   install other providers"); a Ready core wakes them (coreprovider_to_providers.go).
 * - An upgrade or any other spec change deletes the provider's components and installs the new
 *   ones, keeping CRDs, namespaces and user objects (02_upgrading-provider.md,
 *   03_modifying-provider.md); the upgrade itself is clusterctl's ApplyCustomPlan with the one
 *   provider (internal/controller/phase_lifecycle.go Upgrade), so clusterctl's contract and skip
 *   rules apply to it (cluster-api v1.14.0 cmd/clusterctl/client/cluster/upgrader.go
 *   createCustomPlan, doUpgrade; the operator is built on cluster-api v1.12.10, whose rules are
 *   the same).
 * - Deleting a provider object deletes its components without CRDs or namespace
 *   (phase_lifecycle.go Delete: IncludeNamespace false, IncludeCRDs false).
 * - A minor or major downgrade fails the preflight check (preflight_checks.go checkProviderVersion,
 *   UnsupportedProviderDowngradeReason); a patch downgrade passes it.
 *
 * Nothing sequences the objects of one change against each other beyond the wait for the core,
 * so the plan lists them in clusterctl's order (core, bootstrap, control plane, infrastructure,
 * add-on: cluster-api v1.14.0 cmd/clusterctl/api/v1alpha3/provider_type.go Order(), the order
 * doUpgrade applies a group in), the order to apply them in one at a time when it matters.
 */
import { API, OPERATOR_PROVIDER_KINDS, groupOf } from '../capi';
import { compareVersions, formatMinor, minorDistance, parseVersion, SupportedVersionWindow } from '../core/versions';
import {
  CLUSTERCTL_SKIP_RULE_FROM, DOWNGRADE_SOURCE, OperatorProviderType, SKIP_RULE_SOURCE,
  clusterApiRelease, knownProvider, providerContract, providerTitle, workloadKubernetesWindow,
} from '../management/versions';
import { valueAt } from './diff';
import type { PlanEntry } from './entry';
import { displayName } from './objects';
import { PlanDanger, PlanDangerCode, PlanManifest, PlanProviderAction, PlanProviderChange } from './types';

const OPERATOR_GROUP: string = API.operator.group;

/** clusterctl's order of provider types (provider_type.go Order()). */
const ORDER: readonly OperatorProviderType[] = ['core', 'bootstrap', 'controlPlane', 'infrastructure', 'addon'];

const TYPE_OF_KIND = new Map<string, OperatorProviderType>(
  (Object.entries(OPERATOR_PROVIDER_KINDS) as Array<[OperatorProviderType, string]>).map(([type, kind]) => [kind, type]),
);

const TYPE_WORDS: Record<OperatorProviderType, string> = {
  core: 'core', bootstrap: 'bootstrap', controlPlane: 'control plane', infrastructure: 'infrastructure', addon: 'add-on',
};

/** The provider type of a cluster-api-operator provider object; undefined for any other object. */
export function operatorProviderType(m: PlanManifest): OperatorProviderType | undefined {
  return groupOf(m.apiVersion) === OPERATOR_GROUP ? TYPE_OF_KIND.get(m.kind) : undefined;
}

/** `spec.version` of a provider object; undefined when unset (the operator then installs its default). */
function versionOf(m: PlanManifest | undefined): string | undefined {
  const v = m ? valueAt(m, 'spec.version') : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The CoreProvider of a side's provider entries. */
function coreOf(entries: readonly PlanEntry[], side: 'before' | 'after'): PlanManifest | undefined {
  return entries.map((e) => e[side]).find((m) => m && operatorProviderType(m) === 'core');
}

/**
 * The workload Kubernetes window of the Cluster API version the desired CoreProvider pins;
 * undefined without one, or for a version the table does not know.
 */
export function coreWorkloadWindow(after: Iterable<PlanManifest>): SupportedVersionWindow | undefined {
  for (const m of after) {
    if (operatorProviderType(m) !== 'core') continue;
    const version = versionOf(m);
    return version ? workloadKubernetesWindow(version) : undefined;
  }
  return undefined;
}

/** What the plan says about the provider objects: their changes, dangers and what it could not check. */
export interface ProviderImpact {
  readonly changes: PlanProviderChange[];
  readonly dangers: PlanDanger[];
  readonly unchecked: string[];
}

/** The impact of the provider entries (objects of the operator's provider kinds) of a plan. */
export function providerImpact(entries: readonly PlanEntry[]): ProviderImpact {
  const changes: PlanProviderChange[] = [];
  const dangers: PlanDanger[] = [];
  const unchecked = new Set<string>();
  const coreBefore = versionOf(coreOf(entries, 'before'));
  const coreAfter = versionOf(coreOf(entries, 'after'));
  const coreChanged = coreBefore !== coreAfter;
  const release = coreAfter ? clusterApiRelease(coreAfter) : undefined;
  if (coreAfter && !release) unchecked.add(`Cluster API ${coreAfter} is not in the version table: no provider's contract is checked against it`);

  for (const e of entries) {
    const m = (e.after ?? e.before)!;
    const type = operatorProviderType(m)!;
    const name = m.metadata.name;
    const title = providerTitle(type, name);
    const from = e.before ? versionOf(e.before) ?? null : null;
    const to = e.after ? versionOf(e.after) ?? null : null;
    const action = actionOf(e, from, to);
    const contractFrom = from ? providerContract(type, name, from)?.contract : undefined;
    const contractTo = to ? providerContract(type, name, to)?.contract : undefined;
    if (action) {
      changes.push({
        action, type, kind: m.kind, name, namespace: m.metadata.namespace ?? '', provider: title, from, to,
        ...(contractFrom ? { contractFrom } : {}), ...(contractTo ? { contractTo } : {}),
        paths: e.paths, step: ORDER.indexOf(type) + 1, effect: effectOf(action, type),
      });
      dangers.push(...changeDangers(m, action, type, title, from, to, contractFrom, contractTo, entries));
    }
    // The contract matters for what the change touches: this provider, or all of them when the core moves.
    if (e.after && (action || coreChanged) && release) {
      if (!contractTo) unchecked.add(uncheckedReason(type, name, title, to));
      else if (!release.compatibleContracts.includes(contractTo)) {
        dangers.push(danger('provider-contract-unsupported', displayName(m),
          `${title} ${to} implements contract ${contractTo}, but the CoreProvider (Cluster API ${coreAfter}) works with providers on ${release.compatibleContracts.join(' or ')}: the operator's ${e.before ? 'upgrade' : 'install'} of ${title} fails (clusterctl checks every provider against the core's contract)`,
        ));
      }
    }
  }
  if (!coreAfter && changes.length && !coreOf(entries, 'before')) {
    unchecked.add('no CoreProvider in these manifests, so no provider\'s contract is checked against the core');
  }
  const rank = (c: PlanProviderChange) => c.step * 10 + (c.action === 'remove' ? 1 : 0);
  changes.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace));
  return { changes, dangers, unchecked: [...unchecked].sort() };
}

function uncheckedReason(type: OperatorProviderType, name: string, title: string, to: string | null): string {
  const series = to ? parseVersion(to) : undefined;
  if (!to) return `${title}: no version pinned (the operator installs its default), so its contract is not checked`;
  const why = !knownProvider(type, name)
    ? 'not a provider the version table knows'
    : series ? `release series ${formatMinor(series)} is not in the version table` : 'not a release version';
  return `${title} ${to}: ${why}, so its contract is not checked`;
}

function danger(code: PlanDangerCode, object: string, message: string): PlanDanger {
  return { code, message, object };
}

function actionOf(e: PlanEntry, from: string | null, to: string | null): PlanProviderAction | undefined {
  if (!e.action) return undefined;
  if (e.action === 'created') return 'install';
  if (e.action === 'deleted') return 'remove';
  if (from === to) return 'reconfigure';
  const a = from ? parseVersion(from) : undefined;
  const b = to ? parseVersion(to) : undefined;
  return a && b && compareVersions(b, a) < 0 ? 'downgrade' : 'upgrade';
}

function effectOf(action: PlanProviderAction, type: OperatorProviderType): string {
  switch (action) {
    case 'install':
      return type === 'core'
        ? 'installed first: every other provider waits until the CoreProvider is Ready'
        : 'installed once the CoreProvider is Ready';
    case 'remove':
      return "the operator deletes the provider's controllers; its CRDs and objects stay, unreconciled";
    default:
      // Upgrades, downgrades and other spec changes all reinstall the components.
      return "the operator deletes the provider's controllers and installs the new ones (CRDs, namespace and objects stay); no machine is replaced";
  }
}

function changeDangers(
  m: PlanManifest, action: PlanProviderAction, type: OperatorProviderType, title: string,
  from: string | null, to: string | null, contractFrom: string | undefined, contractTo: string | undefined,
  entries: readonly PlanEntry[],
): PlanDanger[] {
  const object = displayName(m);
  const out: PlanDanger[] = [];
  const a = from ? parseVersion(from) : undefined;
  const b = to ? parseVersion(to) : undefined;
  if (action === 'remove') {
    const again = entries.find((e) => e.after && e.before === undefined && operatorProviderType(e.after) === type && e.after.metadata.name === m.metadata.name);
    const what = type === 'core'
      ? 'nothing reconciles Clusters, Machines or MachineDeployments any more'
      : `nothing reconciles the objects of its ${TYPE_WORDS[type]} kinds any more (their clusters stop being managed)`;
    out.push(danger('provider-removed', object,
      again
        ? `${title} moves from namespace ${m.metadata.namespace} to ${again.after!.metadata.namespace}: the operator deletes it in one and installs it in the other, so its controllers are down in between`
        : `removing ${title}${from ? ` ${from}` : ''} deletes its controllers but not its CRDs or objects: ${what}; delete the clusters that use it first, or keep it`,
    ));
  }
  if (action === 'downgrade' && a && b) {
    const refused = b.major < a.major || (b.major === a.major && b.minor < a.minor);
    out.push(danger('provider-downgrade', object,
      `${title} ${from} → ${to} is a downgrade, which Cluster API does not support (${DOWNGRADE_SOURCE}); `
        + (refused
          ? `the operator refuses a minor or major downgrade in its preflight check, so ${title} stays on ${from}`
          : 'the operator applies a patch downgrade (its preflight check compares major and minor only)'),
    ));
  }
  const limit = knownProvider(type, m.metadata.name)?.maxMinorSkip;
  if (action === 'upgrade' && a && b && limit !== undefined && a.major === b.major
    && compareVersions(a, parseVersion(CLUSTERCTL_SKIP_RULE_FROM)!) >= 0 && minorDistance(a, b) > limit) {
    out.push(danger('provider-version-skip', object,
      `${title} ${from} → ${to} moves ${minorDistance(a, b)} minor versions at once: the operator's upgrade fails, clusterctl allows at most ${limit} (${SKIP_RULE_SOURCE}); upgrade to v${a.major}.${a.minor + limit}.x first`,
    ));
  }
  if ((action === 'upgrade' || action === 'downgrade') && contractFrom && contractTo && contractFrom !== contractTo) {
    out.push(danger('provider-contract-changed', object,
      `${title} ${from} → ${to} moves from contract ${contractFrom} to ${contractTo}: its API and CRDs move on; apply it on its own, once the CoreProvider runs a Cluster API that works with ${contractTo}, after reading ${title}'s upgrade notes`,
    ));
  }
  return out;
}

/** `upgrade CAPA v2.11.0 → v2.11.1`: one provider change in words. */
export function describeProviderChange(c: Pick<PlanProviderChange, 'action' | 'provider' | 'from' | 'to'>): string {
  const version = (v: string | null) => v ?? '(operator default)';
  switch (c.action) {
    case 'install':
      return `install ${c.provider} ${version(c.to)}`;
    case 'remove':
      return `remove ${c.provider} ${version(c.from)}`;
    case 'reconfigure':
      return `reconfigure ${c.provider} ${version(c.to)}`;
    default:
      return `${c.action} ${c.provider} ${version(c.from)} → ${version(c.to)}`;
  }
}
