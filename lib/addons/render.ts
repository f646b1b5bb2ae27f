/**
 * The shared add-on objects of a set of clusters: one CAAPH HelmChartProxy per chart add-on, and
 * one CAPI ClusterResourceSet with its ConfigMap per manifests add-on, per namespace and
 * channel. Each selects the Clusters whose label `addons.capi-constructs.io/<add-on>` has the
 * channel as value (the core puts the labels on the Cluster), so N clusters share one object.
 * Pure: both engines call it and emit the same bytes.
 */
import { API, KINDS, LABELS, MANAGED_BY, Manifest, normalizeManifest, orderTopLevel } from '../capi';
import { addonChannel, addonLabelKey, DEFAULT_ADDON_CHANNEL, enabledAddons } from '../core/addons';
import { AddonChart, providerOf } from '../core/provider';
import { DEFAULT_NAMESPACE } from '../core/render/context';
import { AddonSpec, AddonValues, ManagedClusterSpec } from '../core/spec';
import { validateClusterSpec } from '../core/validate/cluster';
import { KubernetesVersion } from '../core/versions';
import { canonicalJson } from '../support/hash';
import { CapiValidationError, ValidationIssue } from '../support/issues';
import { objectNameProblem } from '../support/names';
import { yamlDocument } from '../support/yaml-writer';
import { CNI_CHARTS, CniChart } from './cni';

/** The label every shared add-on object carries: the add-on's name. */
export const ADDON_NAME_LABEL = 'capi-constructs.io/addon';
/** The key of a manifests add-on's ConfigMap that holds its content. */
export const MANIFESTS_KEY = 'manifests.yaml';

/** The shared objects of the add-ons of a set of clusters. */
export interface RenderedAddons {
  /** HelmChartProxies, ConfigMaps and ClusterResourceSets, by namespace then name (a ConfigMap before its ClusterResourceSet). */
  readonly manifests: readonly Manifest[];
  /** The clusters each object selects (`Kind/namespace/name` → cluster names, sorted). */
  readonly selected: ReadonlyMap<string, readonly string[]>;
}

/**
 * Validates the cluster specs and renders their shared add-on objects. Clusters of one
 * namespace whose add-on has the same name and channel share one object, so they must agree on
 * its content; the error names the clusters that differ and how to split them.
 */
export function renderAddons(specs: readonly ManagedClusterSpec[]): RenderedAddons {
  const issues = specs.flatMap(s => validateClusterSpec(s).map(i => ({ ...i, path: `${s?.name}: ${i.path}` })));
  if (issues.length > 0) throw new CapiValidationError(issues, 'add-ons');
  return renderValidatedAddons(specs);
}

/**
 * The shared objects one cluster's add-ons need (other clusters may share them), for a spec
 * `validateClusterSpec` accepted (the engines validate first); table gaps still throw.
 */
export function clusterAddonObjects(spec: ManagedClusterSpec): Manifest[] {
  const issues: ValidationIssue[] = [];
  const out = addonObjects(spec, issues).map(o => o.manifest);
  if (issues.length > 0) throw new CapiValidationError(issues, `cluster ${JSON.stringify(spec.name)}`);
  return out;
}

/** renderAddons for specs `validateClusterSpec` accepted. */
export function renderValidatedAddons(specs: readonly ManagedClusterSpec[]): RenderedAddons {
  const issues: ValidationIssue[] = [];
  const groups = new Map<string, { manifest: Manifest; text: string; clusters: string[]; first: string }>();
  for (const spec of specs) {
    for (const { manifest, path } of addonObjects(spec, issues)) {
      const key = objectKey(manifest);
      const text = canonicalJson(manifest);
      const group = groups.get(key);
      if (!group) {
        groups.set(key, { manifest, text, clusters: [spec.name], first: spec.name });
      } else if (group.text !== text) {
        issues.push(sharedObjectConflict(`${spec.name}: ${path}`, manifest, group.manifest, group.first));
      } else {
        group.clusters.push(spec.name);
      }
    }
  }
  if (issues.length > 0) throw new CapiValidationError(issues, 'add-ons');
  const sorted = [...groups.entries()].sort(([a], [b]) => compareKeys(a, b));
  return {
    manifests: sorted.map(([, g]) => g.manifest),
    selected: new Map(sorted.map(([key, g]) => [key, [...g.clusters].sort()])),
  };
}

/** `Kind/namespace/name`. */
export function objectKey(m: Manifest): string {
  return `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`;
}

/** Namespace, then name, then kind with ConfigMaps first (a ClusterResourceSet's resources before it). */
function compareKeys(a: string, b: string): number {
  const [ka, nsa, na] = a.split('/');
  const [kb, nsb, nb] = b.split('/');
  const order = (k: string) => (k === KINDS.configMap ? 0 : 1);
  return nsa !== nsb ? (nsa < nsb ? -1 : 1) : na !== nb ? (na < nb ? -1 : 1) : order(ka) - order(kb);
}

/** The issue of a cluster (at `path`) asking for a shared object that differs from what cluster `other` asked for. */
export function sharedObjectConflict(path: string, mine: Manifest, theirs: Manifest, other: string): ValidationIssue {
  const a = (mine.spec ?? mine.data) as Record<string, unknown>;
  const b = (theirs.spec ?? theirs.data) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(k => canonicalJson(a[k]) !== canonicalJson(b[k]));
  return {
    path,
    message: `shares the ${mine.kind} ${mine.metadata.namespace}/${mine.metadata.name} with cluster ${other}, but they differ in ${fields.join(', ') || 'kind'}`,
    fix: 'give the same chart, version and values to every cluster of the namespace on this channel, or put one of them on another channel (channel: canary): moving a cluster to another channel uninstalls the add-on from it and installs it again',
  };
}

/** The name of an add-on's object in its namespace: `<name>`, or `<name>-<channel>`. */
export function addonObjectName(addon: AddonSpec): string {
  const channel = addonChannel(addon);
  return channel === DEFAULT_ADDON_CHANNEL ? addon.name : `${addon.name}-${channel}`;
}

function addonObjects(spec: ManagedClusterSpec, issues: ValidationIssue[]): Array<{ manifest: Manifest; path: string }> {
  const namespace = spec.namespace ?? DEFAULT_NAMESPACE;
  const minor = KubernetesVersion.from(spec.version).minorVersion;
  const out: Array<{ manifest: Manifest; path: string }> = [];
  for (const { addon, path } of enabledAddons(spec)) {
    const name = addonObjectName(addon);
    const problem = objectNameProblem(name, 'subdomain');
    if (problem) issues.push({ path: `${spec.name}: ${path}`, message: `the object name ${name}: ${problem}`, fix: 'shorten the add-on name or channel' });
    const object = (apiVersion: string, kind: string, body: Record<string, unknown>): Manifest => orderTopLevel(normalizeManifest({
      apiVersion, kind,
      metadata: { name, namespace, labels: { [ADDON_NAME_LABEL]: addon.name, [LABELS.managedBy]: MANAGED_BY } },
      ...body,
    }));
    const selector = { matchLabels: { [addonLabelKey(addon.name)]: addonChannel(addon) } };
    if (addon.kind === 'manifests') {
      const resources = [...(addon.content !== undefined && addon.content.trim() !== '' ? [{ kind: KINDS.configMap, name }] : []), ...(addon.secrets ?? []).map(s => ({ kind: 'Secret', name: s }))];
      if (resources[0]?.kind === KINDS.configMap) out.push({ manifest: object('v1', KINDS.configMap, { data: { [MANIFESTS_KEY]: addon.content } }), path });
      out.push({ manifest: object(API.addons.version, KINDS.clusterResourceSet, { spec: { clusterSelector: selector, strategy: addon.strategy, resources } }), path });
      continue;
    }
    const chart = chartOf(spec, addon);
    const row = chart?.versions.find(r => r.kubernetes === minor);
    const version = addon.version ?? row?.version;
    if (!chart || !version) {
      issues.push({ path: `${spec.name}: ${path}.version`, message: `no ${addon.kind} version for Kubernetes ${minor} in the version table`, fix: 'set version (and the image in values)' });
      continue;
    }
    out.push({
      manifest: object(API.helmAddons.version, KINDS.helmChartProxy, {
        spec: {
          clusterSelector: selector,
          repoURL: chart.repository,
          chartName: chart.chart,
          version,
          namespace: addon.namespace ?? chart.namespace,
          releaseName: addon.releaseName ?? addon.name,
          valuesTemplate: valuesTemplate(chart, addon.values ?? {}) || undefined,
          options: { install: { createNamespace: true } },
        },
      }),
      path,
    });
  }
  return out;
}

/** The chart of an add-on: the user's (helm), the CNI table's, or the provider's. */
function chartOf(spec: ManagedClusterSpec, addon: Exclude<AddonSpec, { kind: 'manifests' }>): CniChart | undefined {
  switch (addon.kind) {
    case 'helm':
      return { repository: addon.repository, chart: addon.chart, namespace: DEFAULT_NAMESPACE, values: {}, versions: [] };
    case 'cni':
      return CNI_CHARTS[addon.plugin];
    case 'cloud-controller-manager':
      return providerOf(spec.infrastructure)?.addons?.cloudControllerManager;
    case 'csi':
      return providerOf(spec.infrastructure)?.addons?.csi;
  }
}

/**
 * The chart's values with the user's merged over them, as CAAPH's `valuesTemplate`. Raw Go
 * templates (which print YAML flow values) go in where the user set nothing: the per-minor
 * app version, chosen by the control plane's version, and the chart's own (Calico's IP pools).
 */
function valuesTemplate(chart: CniChart, values: AddonValues): string {
  // Most clusters keep a chart's defaults: render those once per chart (a fleet has thousands).
  if (Object.keys(values).length === 0) {
    let text = defaultValuesTemplates.get(chart);
    if (text === undefined) defaultValuesTemplates.set(chart, (text = renderValuesTemplate(chart, values)));
    return text;
  }
  return renderValuesTemplate(chart, values);
}

const defaultValuesTemplates = new WeakMap<CniChart, string>();

function renderValuesTemplate(chart: CniChart, values: AddonValues): string {
  const raw: Record<string, string> = { ...(chart.templates ?? {}) };
  for (const path of ([] as string[]).concat(chart.appVersionValue ?? [])) raw[path] = appVersionTemplate(chart);
  let merged = merge(chart.values, values) as Record<string, unknown>;
  const tokens: Array<[string, string]> = [];
  for (const [path, template] of Object.entries(raw)) {
    const keys = path.split('.');
    if (getPath(values, keys) !== undefined) continue;
    const token = `capi-constructs-template-${tokens.length}`;
    tokens.push([token, template]);
    merged = merge(merged, keys.reduceRight<unknown>((v, k) => ({ [k]: v }), token)) as Record<string, unknown>;
  }
  // Sorted keys: the same values written in another order are the same proxy.
  let text = Object.keys(merged).length === 0 ? '' : yamlDocument(normalizeManifest(merged));
  for (const [token, template] of tokens) text = text.replace(token, () => template);
  return text;
}

/**
 * A Go template printing the row's appVersion for the cluster's Kubernetes minor: the control
 * plane's status.version (the oldest version its machines run, so the add-on follows once the
 * control plane is upgraded), or its spec.version before the first status. CAAPH's template
 * context holds the ControlPlane object (cluster-api-addon-provider-helm v0.6.4
 * internal/value_substitutions.go initializeBuiltins()) and Sprig's functions.
 */
function appVersionTemplate(chart: AddonChart): string {
  const table = chart.versions.filter(r => r.appVersion).map(r => `"${r.kubernetes}" "${r.appVersion}"`).join(' ');
  return `{{ get (dict ${table}) (regexFind "^v[0-9]+[.][0-9]+" (dig "status" "version" .ControlPlane.spec.version .ControlPlane)) | quote }}`;
}

function getPath(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((v, k) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined), value);
}

/** `over` merged into `base`: objects key by key, anything else replaced. */
function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
