/**
 * Checks a ManagementClusterSpec: its shape (a misspelled field is an error), each provider's
 * settings, and (versions.ts) that the versions fit together. Every problem is returned at once.
 */
import { KubernetesVersion } from '../core';
import { checkEnum, checkInteger, checkNonEmptyString } from '../support/checks';
import { IssueSink, ValidationIssue } from '../support/issues';
import { objectNameProblem } from '../support/names';
import { checkShape, listOf, objectOf, Shape } from '../support/shape';
import { externalSecretName, PROVIDER_TYPES, resolveProviders, ResolvedProvider } from './catalog';
import { ManagementClusterSpec } from './spec';
import { checkManagementVersions } from './versions';

const PROVIDER_SHAPE: Shape = objectOf({
  version: 'string',
  installedVersion: 'string',
  contract: 'string',
  namespace: 'string',
  fetchConfig: objectOf({ url: 'string', oci: 'string' }),
  manager: objectOf({ featureGates: 'booleanMap', maxConcurrentReconciles: 'number', verbosity: 'number', additionalArgs: 'stringMap' }),
  configSecret: objectOf({
    existingSecret: objectOf({ name: 'string', namespace: 'string' }),
    externalSecret: objectOf({
      storeName: 'string',
      storeKind: 'string',
      secretName: 'string',
      refreshInterval: 'string',
      variables: listOf(objectOf({ variable: 'string', remoteKey: 'string', property: 'string', version: 'string', decodingStrategy: 'string' })),
    }),
  }),
});

const SPEC_SHAPE: Shape = objectOf({
  name: 'string',
  kubernetesVersion: 'string',
  clusterApiVersion: 'string',
  // Maps of providers by name: checked entry by entry below.
  providers: objectOf({ core: PROVIDER_SHAPE, bootstrap: 'any', controlPlane: 'any', infrastructure: 'any', addon: 'any' }),
  secretStores: listOf(objectOf({
    name: 'string', server: 'string', path: 'string', kvVersion: 'string', vaultNamespace: 'string',
    kubernetesAuth: objectOf({ role: 'string', mountPath: 'string', serviceAccount: objectOf({ name: 'string', namespace: 'string' }) }),
    caProvider: objectOf({ type: 'string', name: 'string', namespace: 'string', key: 'string' }),
  })),
});

/** A provider name as the operator (and clusterctl) accepts it: the name of its object, a DNS label. */
const PROVIDER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A feature gate name as Kubernetes' component-base spells them (`MachineTaintPropagation`). */
const GATE_NAME = /^[A-Z][A-Za-z0-9]*$/;
/** An environment variable name (the operator passes the Secret's keys to clusterctl's variable substitution). */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A Go duration as external-secrets reads `refreshInterval`, e.g. `1h`, `15m`, `1h30m`, `0`. */
const GO_DURATION = /^(0|([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$/;

/** The spec with ill-shaped parts left out, and the shape problems. */
export function checkManagementShape(spec: ManagementClusterSpec): { issues: ValidationIssue[]; cleaned: ManagementClusterSpec } {
  const { issues, cleaned } = checkShape(spec, SPEC_SHAPE);
  const providers = (cleaned as { providers?: Record<string, unknown> }).providers;
  if (providers) {
    const out: Record<string, unknown> = { ...providers };
    for (const type of PROVIDER_TYPES) {
      if (type === 'core') continue;
      const map = (spec.providers as Record<string, unknown> | undefined)?.[type];
      if (map === undefined) continue;
      const path = `providers.${type}`;
      if (typeof map !== 'object' || map === null || Array.isArray(map) || Object.getPrototypeOf(map) !== Object.prototype) {
        issues.push({ path, message: 'must be an object of providers by name', fix: `write e.g. ${path}: { <name>: { version: 'vX.Y.Z' } }` });
        delete out[type];
        continue;
      }
      const entries: Record<string, unknown> = {};
      for (const name of Object.keys(map)) {
        const entryPath = `${path}.${name}`;
        if (!PROVIDER_NAME.test(name) || name.length > 63) {
          issues.push({ path: entryPath, message: 'is not a provider name (a lower-case DNS label, the name of its operator object)', value: name, fix: 'use the provider\'s clusterctl name, e.g. aws, docker, vsphere, azure, helm' });
          continue;
        }
        const entry = (map as Record<string, unknown>)[name];
        if (entry === undefined) continue;
        const checked = checkShape(entry, PROVIDER_SHAPE);
        issues.push(...checked.issues.map(i => ({ ...i, path: i.path === '(spec)' ? entryPath : `${entryPath}.${i.path}` })));
        entries[name] = checked.cleaned ?? {};
      }
      out[type] = entries;
    }
    return { issues, cleaned: { ...cleaned, providers: out } as ManagementClusterSpec };
  }
  return { issues, cleaned };
}

/** Every problem of a management cluster spec's own fields and providers (versions: see `validateManagementCluster`). */
export function managementSpecIssues(spec: ManagementClusterSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const report: IssueSink = i => issues.push(i);
  if (spec.name === undefined) {
    report({ path: 'name', message: 'is required', fix: 'name the management cluster, e.g. name: \'mgmt\'' });
  } else {
    const problem = objectNameProblem(spec.name, 'label');
    if (problem) report({ path: 'name', message: `is not a valid name: ${problem}`, value: spec.name, fix: 'use a DNS label: lower-case letters, digits and -, at most 63 characters' });
  }
  checkFullVersion(report, 'kubernetesVersion', spec.kubernetesVersion, true, 'the management cluster\'s own Kubernetes version, e.g. v1.34.2');
  checkFullVersion(report, 'clusterApiVersion', spec.clusterApiVersion, true, 'the Cluster API release, e.g. v1.14.0');

  const providers = resolveProviders(spec);
  const core = spec.providers?.core?.version;
  if (core !== undefined && core !== spec.clusterApiVersion) {
    report({ path: 'providers.core.version', message: `differs from clusterApiVersion ${spec.clusterApiVersion}: the core provider is Cluster API`, value: core, fix: 'set the version once, in clusterApiVersion, and leave providers.core.version out' });
  }
  storeIssues(spec, report);
  const secrets = new Map<string, string>();
  for (const p of providers) {
    providerIssues(p, report);
    const es = p.spec.configSecret?.externalSecret;
    if (es) {
      const key = `${p.namespace}/${externalSecretName(p)}`;
      const other = secrets.get(key);
      if (other) {
        report({ path: `${p.path}.configSecret.externalSecret.secretName`, message: `writes the same Secret ${key} as ${other}`, value: externalSecretName(p), fix: 'give each provider\'s ExternalSecret its own secretName' });
      } else {
        secrets.set(key, p.path);
      }
    }
  }
  return issues;
}

function checkFullVersion(report: IssueSink, path: string, value: unknown, required: boolean, what: string): void {
  if (value === undefined) {
    if (required) report({ path, message: 'is required', fix: `set ${path}: ${what}` });
    return;
  }
  if (typeof value !== 'string' || !KubernetesVersion.tryParse(value)) {
    report({ path, message: 'must be a full version', value, allowed: 'vX.Y.Z, e.g. v1.14.0', fix: `write the exact release with its leading v (${what})` });
  }
}

function providerIssues(p: ResolvedProvider, report: IssueSink): void {
  const at = (field: string) => `${p.path}.${field}`;
  if (p.version === undefined) {
    report({ path: at('version'), message: `is required: the ${p.kind} ${p.name} is not released with Cluster API, so its version cannot be derived`, fix: 'pin the provider release, e.g. version: \'v2.11.1\'' });
  } else {
    checkFullVersion(report, at('version'), p.spec.version, false, 'the provider release');
  }
  checkFullVersion(report, at('installedVersion'), p.spec.installedVersion, false, 'the release running today');
  if (p.spec.namespace !== undefined) {
    const problem = objectNameProblem(p.spec.namespace, 'label');
    if (problem) report({ path: at('namespace'), message: `is not a valid namespace: ${problem}`, value: p.spec.namespace, fix: 'use a DNS label, e.g. capa-system' });
  }
  const fetch = p.spec.fetchConfig;
  if (fetch) {
    const set = (['url', 'oci'] as const).filter(k => fetch[k] !== undefined);
    if (set.length !== 1) {
      report({
        path: at('fetchConfig'), message: set.length === 0 ? 'sets neither url nor oci' : 'sets both url and oci', allowed: 'exactly one of url, oci',
        fix: 'give the mirror\'s releases URL or its OCI artifact, not both (cluster-api-operator v0.28: "Must specify one and only one of {oci, url, selector}")',
      });
    }
    if (fetch.url !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(fetch.url)) {
      report({ path: at('fetchConfig.url'), message: 'must be an http(s) URL', value: fetch.url, fix: 'e.g. https://github.com/kubernetes-sigs/cluster-api-provider-aws/releases' });
    }
    checkNonEmptyString(report, at('fetchConfig.oci'), fetch.oci, 'give the OCI artifact, e.g. registry.example.com/capi/capa-components:v2.11.1');
    if (typeof fetch.oci === 'string' && /\s|^[a-z]+:\/\//.test(fetch.oci)) {
      report({ path: at('fetchConfig.oci'), message: 'must be an OCI reference without a scheme or spaces', value: fetch.oci, fix: 'write registry/repository:tag, e.g. registry.example.com/capi/capa-components:v2.11.1' });
    }
  }
  const manager = p.spec.manager;
  if (manager) {
    for (const gate of Object.keys(manager.featureGates ?? {})) {
      if (!GATE_NAME.test(gate)) report({ path: at(`manager.featureGates.${gate}`), message: 'is not a feature gate name', value: gate, fix: 'feature gates are UpperCamelCase, e.g. MachineTaintPropagation' });
    }
    checkInteger(report, at('manager.maxConcurrentReconciles'), manager.maxConcurrentReconciles, 1, 1000);
    checkInteger(report, at('manager.verbosity'), manager.verbosity, 0, 10);
    for (const arg of Object.keys(manager.additionalArgs ?? {})) {
      if (!/^--?[a-z0-9][a-z0-9-.]*$/.test(arg)) report({ path: at(`manager.additionalArgs.${arg}`), message: 'is not a command-line flag', value: arg, fix: 'write the flag with its dashes, e.g. --sync-period' });
      if (/^--?(feature-gates|v|max-concurrent-reconciles)$/.test(arg)) {
        report({ path: at(`manager.additionalArgs.${arg}`), message: 'has its own setting', value: arg, fix: 'use manager.featureGates, manager.verbosity or manager.maxConcurrentReconciles' });
      }
    }
  }
  const cs = p.spec.configSecret;
  if (cs) {
    if ((cs.existingSecret === undefined) === (cs.externalSecret === undefined)) {
      report({ path: at('configSecret'), message: cs.existingSecret ? 'sets both existingSecret and externalSecret' : 'sets neither existingSecret nor externalSecret', allowed: 'exactly one of existingSecret, externalSecret', fix: 'reference the Secret that exists, or read the variables from a store with an ExternalSecret' });
    }
    if (cs.existingSecret) {
      secretNameIssues(report, at('configSecret.existingSecret.name'), cs.existingSecret.name, true);
      if (cs.existingSecret.namespace !== undefined) {
        const problem = objectNameProblem(cs.existingSecret.namespace, 'label');
        if (problem) report({ path: at('configSecret.existingSecret.namespace'), message: `is not a valid namespace: ${problem}`, value: cs.existingSecret.namespace });
      }
    }
    const es = cs.externalSecret;
    if (es) externalSecretIssues(es, at('configSecret.externalSecret'), report);
  }
}

function secretNameIssues(report: IssueSink, path: string, name: string | undefined, required: boolean): void {
  if (name === undefined) {
    if (required) report({ path, message: 'is required', fix: 'give the Secret\'s name' });
    return;
  }
  const problem = objectNameProblem(name, 'subdomain');
  if (problem) report({ path, message: `is not a valid Secret name: ${problem}`, value: name, fix: 'use lower-case letters, digits, - and .' });
}

function externalSecretIssues(es: NonNullable<NonNullable<ResolvedProvider['spec']['configSecret']>['externalSecret']>, path: string, report: IssueSink): void {
  if (es.storeName === undefined) report({ path: `${path}.storeName`, message: 'is required', fix: 'name the ClusterSecretStore (or SecretStore) to read from, e.g. vault' });
  else secretNameIssues(report, `${path}.storeName`, es.storeName, true);
  checkEnum(report, `${path}.storeKind`, es.storeKind, ['ClusterSecretStore', 'SecretStore'], 'store kind');
  secretNameIssues(report, `${path}.secretName`, es.secretName, false);
  if (es.refreshInterval !== undefined && !GO_DURATION.test(es.refreshInterval)) {
    report({ path: `${path}.refreshInterval`, message: 'must be a duration', value: es.refreshInterval, allowed: 'a Go duration such as 1h, 15m or 1h30m', fix: 'e.g. refreshInterval: \'1h\'' });
  }
  const variables = es.variables ?? [];
  if (variables.length === 0) report({ path: `${path}.variables`, message: 'must list at least one variable', fix: 'e.g. variables: [{ variable: \'AWS_B64ENCODED_CREDENTIALS\', remoteKey: \'capi/aws\', property: \'b64credentials\' }]' });
  const seen = new Set<string>();
  variables.forEach((v, i) => {
    const at = `${path}.variables[${i}]`;
    if (v.variable === undefined) {
      report({ path: `${at}.variable`, message: 'is required', fix: 'name the variable the provider reads, e.g. AWS_B64ENCODED_CREDENTIALS' });
    } else if (!VARIABLE_NAME.test(v.variable) && v.variable !== 'github-token') {
      report({ path: `${at}.variable`, message: 'is not a variable name', value: v.variable, allowed: 'letters, digits and _, not starting with a digit (or github-token)', fix: 'use the name the provider\'s components read, e.g. AWS_B64ENCODED_CREDENTIALS' });
    } else if (seen.has(v.variable)) {
      report({ path: `${at}.variable`, message: 'is listed twice', value: v.variable, fix: 'read each variable once' });
    } else {
      seen.add(v.variable);
    }
    if (v.remoteKey === undefined) report({ path: `${at}.remoteKey`, message: 'is required', fix: 'give the key in the store, e.g. capi/aws' });
    else checkNonEmptyString(report, `${at}.remoteKey`, v.remoteKey);
    checkNonEmptyString(report, `${at}.property`, v.property);
    checkNonEmptyString(report, `${at}.version`, v.version);
    checkEnum(report, `${at}.decodingStrategy`, v.decodingStrategy, ['Auto', 'Base64', 'Base64URL', 'None'], 'decoding strategy');
  });
}

/**
 * Every problem of a management cluster spec: its shape, its fields and providers, and whether
 * the versions fit together. Empty when the spec is valid.
 */
export function validateManagementCluster(spec: ManagementClusterSpec): ValidationIssue[] {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return [{ path: '(spec)', message: 'must be an object', fix: 'pass a ManagementClusterSpec: { name, kubernetesVersion, clusterApiVersion, providers }' }];
  }
  const { issues, cleaned } = checkManagementShape(spec);
  const own = managementSpecIssues(cleaned);
  issues.push(...own);
  // The version rules need the versions themselves to be well formed (reported above otherwise).
  const malformed = new Set(own.filter(i => /(^|\.)(version|installedVersion|clusterApiVersion|kubernetesVersion)$/.test(i.path)).map(i => i.path));
  if (!malformed.has('clusterApiVersion') && !malformed.has('kubernetesVersion')) issues.push(...versionIssues(cleaned, malformed));
  return issues;
}

/** The version rules of versions.ts over the providers whose versions are well formed. */
function versionIssues(spec: ManagementClusterSpec, malformed: ReadonlySet<string>): ValidationIssue[] {
  const providers = resolveProviders(spec).filter(p => p.version !== undefined && !malformed.has(`${p.path}.version`));
  return checkManagementVersions({
    capiVersion: spec.clusterApiVersion,
    kubernetesVersion: spec.kubernetesVersion,
    providers: providers.map(p => ({ type: p.type, name: p.name, version: p.version!, contract: p.spec.contract, path: p.path })),
    installed: providers.filter(p => p.spec.installedVersion !== undefined && !malformed.has(`${p.path}.installedVersion`))
      // Well formed (checked above), so versions.ts reports only at the provider's `version`.
      .map(p => ({ type: p.type, name: p.name, version: p.spec.installedVersion!, path: p.path })),
    paths: { capiVersion: 'clusterApiVersion', kubernetesVersion: 'kubernetesVersion' },
  });
}

function storeIssues(spec: ManagementClusterSpec, report: IssueSink): void {
  const names = new Set<string>();
  (spec.secretStores ?? []).forEach((store, i) => {
    const at = `secretStores[${i}]`;
    secretNameIssues(report, `${at}.name`, store.name, true);
    if (store.name !== undefined && names.has(store.name)) report({ path: `${at}.name`, message: 'names a store twice', value: store.name, fix: 'give each store its own name' });
    names.add(store.name);
    if (store.server === undefined) report({ path: `${at}.server`, message: 'is required', fix: 'give Vault\'s address, e.g. https://vault.example.com:8200' });
    else if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(store.server)) report({ path: `${at}.server`, message: 'must be an http(s) URL', value: store.server, fix: 'e.g. https://vault.example.com:8200' });
    checkNonEmptyString(report, `${at}.path`, store.path);
    checkEnum(report, `${at}.kvVersion`, store.kvVersion, ['v1', 'v2'], 'KV engine version');
    checkNonEmptyString(report, `${at}.vaultNamespace`, store.vaultNamespace);
    const auth = store.kubernetesAuth;
    if (auth === undefined) {
      report({ path: `${at}.kubernetesAuth`, message: 'is required', fix: 'give the Vault role of the Kubernetes auth method, e.g. kubernetesAuth: { role: \'external-secrets\' }' });
    } else {
      if (auth.role === undefined) report({ path: `${at}.kubernetesAuth.role`, message: 'is required', fix: 'name the Vault role bound to the service account' });
      else checkNonEmptyString(report, `${at}.kubernetesAuth.role`, auth.role);
      checkNonEmptyString(report, `${at}.kubernetesAuth.mountPath`, auth.mountPath);
      if (auth.serviceAccount) {
        secretNameIssues(report, `${at}.kubernetesAuth.serviceAccount.name`, auth.serviceAccount.name, true);
        secretNameIssues(report, `${at}.kubernetesAuth.serviceAccount.namespace`, auth.serviceAccount.namespace, true);
      }
    }
    const ca = store.caProvider;
    if (ca) {
      checkEnum(report, `${at}.caProvider.type`, ca.type, ['Secret', 'ConfigMap'], 'CA provider type');
      for (const field of ['type', 'name', 'namespace', 'key'] as const) {
        if (ca[field] === undefined) report({ path: `${at}.caProvider.${field}`, message: 'is required', fix: 'give the type, name, namespace and key of the object holding Vault\'s CA certificate' });
      }
    }
  });
}
