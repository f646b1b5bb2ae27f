import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Manifest } from '../capi';
import {
  ManagementClusterSpec, MANAGEMENT_CLUSTER_LABEL, OperatorProviderType, renderValidatedManagementCluster, resolveProviders, validateManagementCluster, variablesSecretName,
} from '../management';
import { formatIssue, ValidationIssue } from '../support/issues';
import { PropertyIssue, throwIfIssues } from './aws/_issues';

/** Pulumi type token of {@link ManagementCluster}. */
export const MANAGEMENT_CLUSTER_TYPE = 'capi-constructs:index:ManagementCluster';

/**
 * cert-manager's chart and its pinned version: v1.16.1 is the version cluster-api-operator
 * v0.28.0 runs its end-to-end tests with (Makefile `CERT_MANAGER_VERSION ?= v1.16.1`, installed
 * from `jetstack/cert-manager` by test/e2e/e2e_suite_test.go).
 */
export const CERT_MANAGER_CHART = { chart: 'cert-manager', version: 'v1.16.1', repository: 'https://charts.jetstack.io', namespace: 'cert-manager' } as const;

/**
 * cluster-api-operator's chart: version 0.28.0 of the repository's Helm index (index.yaml at
 * v0.28.0, appVersion 0.28.0), installed into `capi-operator-system` as its docs do
 * (docs/book/src/02_installation/04_helm-chart-installation.md).
 */
export const CLUSTER_API_OPERATOR_CHART = {
  chart: 'cluster-api-operator', version: '0.28.0', repository: 'https://kubernetes-sigs.github.io/cluster-api-operator', namespace: 'capi-operator-system',
} as const;

/** How to install one of the two Helm charts. */
export interface HelmInstallArgs {
  /** Chart version. @default - the pinned version (CERT_MANAGER_CHART, CLUSTER_API_OPERATOR_CHART) */
  readonly version?: string;
  /** Namespace of the release (created when missing). @default - the chart's documented namespace */
  readonly namespace?: string;
  /** Helm values, over the library's. @default - none */
  readonly values?: Record<string, unknown>;
}

/** Arguments of {@link ManagementCluster}: the management spec plus what only Pulumi can do. */
export interface ManagementClusterArgs extends Omit<ManagementClusterSpec, 'name'> {
  /** Name of the management cluster. @default - the Pulumi resource name */
  readonly name?: string;
  /**
   * Install cert-manager (Helm release of `jetstack/cert-manager`, CRDs included) before the
   * operator: the operator's and the providers' webhooks need its certificates.
   * @default false (cert-manager runs already)
   */
  readonly installCertManager?: boolean | HelmInstallArgs;
  /**
   * Install cluster-api-operator (Helm release), after cert-manager; the providers then wait for it.
   * @default false (the operator runs already)
   */
  readonly installOperator?: boolean | HelmInstallArgs;
  /**
   * Provider variables from Pulumi secrets, by provider as `<type>/<name>` (e.g.
   * `infrastructure/aws`: `{ AWS_B64ENCODED_CREDENTIALS: config.requireSecret('awsB64') }`).
   * Each becomes a Secret `<name>-variables` in the provider's namespace whose data is a secret
   * end to end, and the provider's configSecret. A provider with its own `configSecret` cannot
   * have them too.
   * @default - none
   */
  readonly secretVariables?: Readonly<Record<string, pulumi.Input<Record<string, pulumi.Input<string>>>>>;
}

const MANAGEMENT_CLUSTER_SYMBOL = Symbol.for('capi-constructs.pulumi.ManagementCluster');

/** Problems of the args: the spec's own, then the Pulumi-only options. */
function argsIssues(spec: ManagementClusterSpec, args: ManagementClusterArgs): ValidationIssue[] {
  const issues = validateManagementCluster(spec);
  for (const key of ['installCertManager', 'installOperator'] as const) {
    const v = args[key];
    if (v === undefined || typeof v === 'boolean') continue;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      issues.push({ path: key, message: 'must be true, false or { version, namespace, values }', value: v, fix: `set ${key}: true to install the pinned chart` });
      continue;
    }
    for (const k of Object.keys(v)) {
      if (!['version', 'namespace', 'values'].includes(k)) issues.push({ path: `${key}.${k}`, message: 'unknown property', allowed: 'version, namespace, values', fix: 'remove it' });
    }
    if (v.version !== undefined && (typeof v.version !== 'string' || v.version.length === 0)) issues.push({ path: `${key}.version`, message: 'must be a chart version', value: v.version });
    if (v.namespace !== undefined && (typeof v.namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v.namespace))) {
      issues.push({ path: `${key}.namespace`, message: 'must be a DNS label', value: v.namespace });
    }
  }
  const providers = resolveProviders(spec);
  for (const key of Object.keys(args.secretVariables ?? {})) {
    const [type, name] = key.split('/');
    const p = providers.find(r => r.type === (type as OperatorProviderType) && r.name === name);
    if (!p) {
      issues.push({ path: `secretVariables.${key}`, message: 'names no provider of this management cluster', allowed: providers.map(r => `${r.type}/${r.name}`).join(', '), fix: 'key the variables by <type>/<name>, e.g. infrastructure/aws' });
    } else if (p.spec.configSecret) {
      issues.push({ path: `secretVariables.${key}`, message: `the provider has its own configSecret (${p.path}.configSecret)`, fix: 'give its variables one way: the configSecret or secretVariables' });
    }
  }
  return issues;
}

function toPropertyIssue(issue: ValidationIssue): PropertyIssue {
  const line = formatIssue(issue);
  return { propertyPath: issue.path, reason: line.slice(issue.path.length + 2) };
}

/**
 * A Cluster API management cluster applied through cluster-api-operator: optionally
 * cert-manager and the operator as Helm releases, then the providers' Namespaces, Vault
 * ClusterSecretStores, ExternalSecrets, Secrets made from `secretVariables` (Pulumi secrets),
 * and the operator provider objects, each after what it needs (the core provider before the
 * others, as the operator installs them). Pass the target cluster's Kubernetes provider in
 * `opts.provider`. Resource names: `<name>/<Kind>/<namespace>/<object name>`, and
 * `<name>/cert-manager`, `<name>/cluster-api-operator` for the releases.
 */
export class ManagementCluster extends pulumi.ComponentResource {
  /** True for a ManagementCluster component, also across copies of this package. */
  public static isManagementCluster(x: unknown): x is ManagementCluster {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[MANAGEMENT_CLUSTER_SYMBOL] === true;
  }

  /** Name of the management cluster. */
  public readonly clusterName: string;
  /** The manifests applied (Secrets from `secretVariables` aside, whose data never leaves Pulumi secrets). */
  public readonly manifests: readonly Manifest[];
  /** The cert-manager release, when installed. */
  public readonly certManager?: k8s.helm.v3.Release;
  /** The cluster-api-operator release, when installed. */
  public readonly operator?: k8s.helm.v3.Release;
  /** Escape hatch: every object's resource, keyed `Kind/namespace/name` (`Kind/name` for cluster-scoped ones). */
  public readonly resources: ReadonlyMap<string, pulumi.CustomResource>;

  private readonly spec: ManagementClusterSpec;

  constructor(name: string, args: ManagementClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MANAGEMENT_CLUSTER_TYPE, name, {}, opts);
    Object.defineProperty(this, MANAGEMENT_CLUSTER_SYMBOL, { value: true });
    const input = args ?? ({} as ManagementClusterArgs);
    const { installCertManager, installOperator, secretVariables, ...rest } = input;
    this.spec = { ...rest, name: input.name ?? name };
    this.clusterName = this.spec.name;
    throwIfIssues(MANAGEMENT_CLUSTER_TYPE, name, argsIssues(this.spec, input).map(toPropertyIssue));

    const secretProviders = Object.keys(secretVariables ?? {});
    const rendered = renderValidatedManagementCluster(this.spec, resolveProviders(this.spec).filter(p => secretProviders.includes(`${p.type}/${p.name}`)).map(p => p.path));
    this.manifests = rendered.manifests;

    if (installCertManager) {
      this.certManager = helmRelease(`${name}/cert-manager`, CERT_MANAGER_CHART, installCertManager, { crds: { enabled: true } }, { parent: this });
    }
    if (installOperator) {
      this.operator = helmRelease(`${name}/cluster-api-operator`, CLUSTER_API_OPERATOR_CHART, installOperator, {}, { parent: this, dependsOn: this.certManager ? [this.certManager] : [] });
    }
    const afterOperator: pulumi.Resource[] = this.operator ? [this.operator] : [];

    const resources = new Map<string, pulumi.CustomResource>();
    const key = (kind: string, namespace: string | undefined, objectName: string) => (namespace ? `${kind}/${namespace}/${objectName}` : `${kind}/${objectName}`);
    const namespaceOf = (ns: string) => resources.get(key('Namespace', undefined, ns));
    const labels = { [MANAGEMENT_CLUSTER_LABEL]: this.clusterName };
    let core: pulumi.CustomResource | undefined;
    for (const m of rendered.manifests) {
      const ns = m.metadata.namespace;
      const resourceName = `${name}/${key(m.kind, ns, m.metadata.name)}`;
      const deps: pulumi.Resource[] = [];
      if (ns && namespaceOf(ns)) deps.push(namespaceOf(ns)!);
      let resource: pulumi.CustomResource;
      if (m.kind === 'Namespace') {
        resource = new k8s.core.v1.Namespace(resourceName, { metadata: m.metadata }, { parent: this, dependsOn: toArray(opts?.dependsOn) });
      } else {
        const provider = rendered.providers.find(p => p.kind === m.kind && p.name === m.metadata.name && p.namespace === ns);
        if (provider) {
          const configSecret = (m.spec as { configSecret?: { name: string; namespace?: string } }).configSecret;
          const secretResource = configSecret && resources.get(key('ExternalSecret', configSecret.namespace ?? ns, configSecret.name));
          if (secretResource) deps.push(secretResource);
          const values = secretVariables?.[`${provider.type}/${provider.name}`];
          if (values !== undefined) {
            const secret = new k8s.core.v1.Secret(`${name}/${key('Secret', ns, variablesSecretName(provider))}`, {
              metadata: { name: variablesSecretName(provider), namespace: ns, labels },
              type: 'Opaque',
              stringData: pulumi.secret(values),
            }, { parent: this, dependsOn: ns && namespaceOf(ns) ? [namespaceOf(ns)!] : [], additionalSecretOutputs: ['data', 'stringData'] });
            resources.set(key('Secret', ns, variablesSecretName(provider)), secret);
            deps.push(secret);
          }
          deps.push(...afterOperator);
          if (provider.type !== 'core' && core) deps.push(core);
        }
        const store = m.kind === 'ExternalSecret' && resources.get(key('ClusterSecretStore', undefined, (m.spec as { secretStoreRef: { name: string } }).secretStoreRef.name));
        if (store) deps.push(store);
        resource = new k8s.apiextensions.CustomResource(resourceName, m as k8s.apiextensions.CustomResourceArgs, { parent: this, dependsOn: [...deps, ...toArray(opts?.dependsOn)] });
        if (provider?.type === 'core') core = resource;
      }
      resources.set(key(m.kind, ns, m.metadata.name), resource);
    }
    this.resources = resources;
    this.registerOutputs({ clusterName: this.clusterName });
  }

  /** The plain-data spec (without the Pulumi-only options). */
  public toSpec(): ManagementClusterSpec {
    return this.spec;
  }
}

/** The component's own `dependsOn` as a list to add to (a single resource or a plain list; an Output of a list cannot be merged). */
function toArray(deps: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource> | undefined): pulumi.Input<pulumi.Resource>[] {
  if (deps === undefined) return [];
  if (Array.isArray(deps)) return deps;
  if (pulumi.Resource.isInstance(deps)) return [deps];
  throw new Error('ManagementCluster: opts.dependsOn must be a resource or a list of resources (an Output of a list cannot be merged with the objects\' own dependencies)');
}

function helmRelease(
  resourceName: string, chart: { chart: string; version: string; repository: string; namespace: string }, install: true | HelmInstallArgs,
  defaults: Record<string, unknown>, opts: pulumi.CustomResourceOptions,
): k8s.helm.v3.Release {
  const custom = install === true ? {} : install;
  return new k8s.helm.v3.Release(resourceName, {
    chart: chart.chart,
    version: custom.version ?? chart.version,
    repositoryOpts: { repo: chart.repository },
    namespace: custom.namespace ?? chart.namespace,
    createNamespace: true,
    // The providers' objects are applied right after: wait until the webhooks answer.
    atomic: true,
    values: { ...defaults, ...(custom.values ?? {}) },
  }, opts);
}
