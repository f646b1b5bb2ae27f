/** The rules of a cluster's add-ons: names, kinds and their fields, pinned versions, secrets kept out of plain text. */
import { LABELS } from '../../capi';
import { IssueSink } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { AddonChart, InfrastructureProvider } from '../provider';
import { clusterAddons } from '../addons';
import { AddonKind, AddonSpec, ManagedClusterSpec } from '../spec';
import { checkName } from './_checks';

const COMMON = ['name', 'kind', 'enabled', 'channel'];
const CHART = [...COMMON, 'version', 'values', 'namespace', 'releaseName'];
/** The fields of each kind (the shape knows the union of them). */
const FIELDS: Readonly<Record<AddonKind, readonly string[]>> = {
  cni: [...CHART, 'plugin'],
  'cloud-controller-manager': CHART,
  csi: CHART,
  helm: [...CHART, 'repository', 'chart'],
  manifests: [...COMMON, 'strategy', 'content', 'secrets'],
};
const KINDS = Object.keys(FIELDS) as AddonKind[];
export const CNI_PLUGINS = ['cilium', 'calico'];
export const CRS_STRATEGIES = ['ApplyOnce', 'Reconcile'];

/** An exact SemVer version, with or without a leading `v` (Helm accepts both): no range, no wildcard. */
const EXACT_VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
/** Helm: release names are DNS-1123 subdomains of at most 53 characters (helm/pkg/chartutil ValidateReleaseName). */
const RELEASE_NAME_MAX = 53;
/** A ConfigMap holds at most 1 MiB (Kubernetes' etcd object limit, ConfigMap validation). */
const CONFIGMAP_MAX_BYTES = 1024 * 1024;
/** A Secret document in manifest text: a ConfigMap would carry it in plain text. */
const SECRET_DOCUMENT = /^\s*kind:\s*["']?Secret["']?\s*(#.*)?$/m;

/**
 * Value keys that hold a secret (normalized: lower case, no `-` or `_`): a chart's
 * `password`, `apiKey`, `clientSecret`, `token`... but not `existingSecret` or `secretName`,
 * which name a Secret.
 */
function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, '');
  if (k.startsWith('existing') || (/(name|ref|key|file|path)$/.test(k) && !/(apikey|privatekey|secretkey|accesskey)$/.test(k))) return false;
  return /(password|passwd|secret|token|apikey|privatekey|secretkey|accesskey|credentials?)$/.test(k);
}

const SECRET_FIX = 'keep secrets out of values (they are stored in plain text in the HelmChartProxy): deliver a Secret with a manifests add-on (secrets: [<management-cluster Secret>]) and point the chart\'s existingSecret-style value at it';

function checkValues(report: IssueSink, path: string, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkValues(report, `${path}[${i}]`, v));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && v !== '' && !v.includes('{{') && isSecretKey(k)) {
        report({ path: `${path}.${k}`, message: 'looks like a secret value', fix: SECRET_FIX });
      } else {
        checkValues(report, `${path}.${k}`, v);
      }
    }
  }
}

function checkVersion(report: IssueSink, path: string, version: string | undefined, required: boolean): void {
  if (version === undefined) {
    if (required) report({ path, message: 'a chart add-on needs its exact chart version', fix: 'set version, e.g. 1.2.3 (an unpinned chart changes whenever its repository does)' });
    return;
  }
  if (!EXACT_VERSION.test(version)) {
    report({ path, message: 'must be an exact chart version: ranges and wildcards would change the cluster whenever the repository does', value: version, allowed: 'e.g. 1.19.3 or v3.32.1', fix: 'pin one version' });
  }
}

/** The chart of a kind the library installs, if the provider (or the CNI table) has one. */
function providerChart(provider: InfrastructureProvider | undefined, kind: AddonKind): AddonChart | undefined {
  if (kind === 'cloud-controller-manager') return provider?.addons?.cloudControllerManager;
  if (kind === 'csi') return provider?.addons?.csi;
  return undefined;
}

/**
 * Checks the cluster's add-ons (its own list merged over its provider's defaults). `minor` is
 * the control plane's Kubernetes minor (`v1.34`), undefined when the version is invalid.
 */
export function validateAddons(report: IssueSink, spec: ManagedClusterSpec, provider: InfrastructureProvider | undefined, minor: string | undefined): void {
  for (const key of Object.keys(spec.labels ?? {})) {
    if (key.startsWith(LABELS.addonPrefix)) {
      report({ path: `labels.${key}`, message: 'is an add-on selection label: set by the library from addons, it would select the cluster for add-ons it does not declare', value: key, fix: 'declare the add-on in addons instead' });
    }
  }
  const seen = new Map<string, number>();
  (spec.addons ?? []).forEach((a, i) => {
    if (typeof a?.name !== 'string') return;
    if (seen.has(a.name)) report({ path: `addons[${i}].name`, message: `duplicate add-on name (also addons[${seen.get(a.name)}])`, value: a.name, fix: 'give each add-on its own name, or merge the two entries' });
    else seen.set(a.name, i);
  });
  const defaults = new Map((provider?.addons?.defaults ?? []).map(d => [d.name, d.kind]));
  for (const { addon, path, providerDefault } of clusterAddons(spec)) {
    if (!addon) continue;
    const at = (field: string) => `${path}.${field}`;
    checkName(report, at('name'), addon.name, 'label', 'it is part of a label key and of object names');
    const kind = addon.kind as AddonKind;
    if (providerDefault && defaults.get(addon.name) !== kind) {
      report({ path: at('kind'), message: `${addon.name} is the ${provider?.id} provider's default ${defaults.get(addon.name)} add-on`, value: addon.kind, allowed: defaults.get(addon.name), fix: `use kind '${defaults.get(addon.name)}', or another name for a different add-on` });
      continue;
    }
    if (!KINDS.includes(kind)) {
      report({ path: at('kind'), message: addon.kind === undefined ? 'every add-on needs a kind' : 'unknown add-on kind', value: addon.kind, allowed: KINDS.join(', ') });
      continue;
    }
    for (const field of Object.keys(addon)) {
      if ((addon as unknown as Record<string, unknown>)[field] !== undefined && !FIELDS[kind].includes(field)) {
        report({ path: at(field), message: `is not a field of a ${kind} add-on`, allowed: FIELDS[kind].join(', '), fix: 'remove it, or change the kind' });
      }
    }
    if (addon.channel !== undefined) checkName(report, at('channel'), addon.channel, 'label', 'it is the value of the Cluster label the add-on selects by');
    if (addon.enabled === false) continue;
    checkKind(report, at, addon, provider, minor);
  }
}

function checkKind(report: IssueSink, at: (field: string) => string, addon: AddonSpec, provider: InfrastructureProvider | undefined, minor: string | undefined): void {
  if (addon.kind === 'manifests') {
    if (!CRS_STRATEGIES.includes(addon.strategy)) {
      report({ path: at('strategy'), message: addon.strategy === undefined ? 'a manifests add-on needs an explicit strategy' : 'unknown strategy', value: addon.strategy, allowed: CRS_STRATEGIES.join(', '), fix: 'ApplyOnce applies each resource once and never updates or removes it; Reconcile applies it again on every change' });
    }
    const secrets = addon.secrets ?? [];
    if ((addon.content ?? '').trim() === '' && secrets.length === 0) {
      report({ path: at('content'), message: 'a manifests add-on needs content or secrets', fix: 'set content to the manifests (YAML text), or secrets to Secrets holding them' });
    }
    if (addon.content !== undefined && SECRET_DOCUMENT.test(addon.content)) {
      report({ path: at('content'), message: 'holds a Secret, which would be stored in plain text in a ConfigMap', fix: 'create the Secret on the management cluster (type addons.cluster.x-k8s.io/resource-set) and list its name in secrets' });
    }
    if (addon.content !== undefined && Buffer.byteLength(addon.content, 'utf8') > CONFIGMAP_MAX_BYTES) {
      report({ path: at('content'), message: `is more than a ConfigMap holds (1 MiB)`, value: `${Buffer.byteLength(addon.content, 'utf8')} bytes`, fix: 'split it into several manifests add-ons' });
    }
    const names = new Set<string>();
    secrets.forEach((s, j) => {
      checkName(report, at(`secrets[${j}]`), s, 'subdomain', 'Secret names are DNS-1123 subdomains');
      if (names.has(s)) report({ path: at(`secrets[${j}]`), message: 'listed twice', value: s });
      names.add(s);
    });
    return;
  }
  if (addon.namespace !== undefined) checkName(report, at('namespace'), addon.namespace, 'label', 'namespaces are DNS-1123 labels');
  if (addon.releaseName !== undefined && (objectNameProblem(addon.releaseName, 'subdomain') || addon.releaseName.length > RELEASE_NAME_MAX)) {
    report({ path: at('releaseName'), message: `must be a Helm release name: a DNS-1123 subdomain of at most ${RELEASE_NAME_MAX} characters`, value: addon.releaseName });
  }
  if (addon.values !== undefined) checkValues(report, at('values'), addon.values);
  checkVersion(report, at('version'), addon.version, addon.kind === 'helm');
  if (addon.kind === 'cni') {
    if (!CNI_PLUGINS.includes(addon.plugin)) report({ path: at('plugin'), message: addon.plugin === undefined ? 'a cni add-on needs its plugin' : 'unknown CNI plugin', value: addon.plugin, allowed: CNI_PLUGINS.join(', '), fix: 'choose cilium or calico, or install another CNI with a helm add-on' });
  } else if (addon.kind === 'helm') {
    if (typeof addon.repository !== 'string' || !/^(https|oci):\/\/[^\s/]+/.test(addon.repository)) {
      report({ path: at('repository'), message: 'must be an https:// chart repository or an oci:// registry path', value: addon.repository, allowed: 'https://charts.example.com, oci://registry.example.com/charts' });
    }
    if (typeof addon.chart !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(addon.chart)) {
      report({ path: at('chart'), message: 'must be the name of the chart in the repository', value: addon.chart, fix: 'write the chart name alone; for oci://registry/charts/app, repository is oci://registry/charts and chart is app' });
    }
  } else {
    const chart = providerChart(provider, addon.kind);
    if (!chart) {
      report({ path: at('kind'), message: `the ${provider?.id ?? 'cluster\'s'} provider has no ${addon.kind} chart`, value: addon.kind, fix: 'install it with a helm add-on' });
    } else if (addon.version === undefined && minor !== undefined && !chart.versions.some(r => r.kubernetes === minor)) {
      report({ path: at('version'), message: `the ${addon.kind} version table has no row for Kubernetes ${minor}`, allowed: chart.versions.map(r => r.kubernetes).join(', '), fix: `set version (and the chart's image in values) for ${minor}` });
    }
  }
}
