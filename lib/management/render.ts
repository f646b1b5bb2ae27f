/**
 * Renders a management cluster to what cluster-api-operator v0.28 reads: a Namespace per
 * provider namespace, the Vault ClusterSecretStores, an ExternalSecret (external-secrets.io/v1) per provider that reads its
 * variables from a store, and one operator provider object per provider, core first.
 */
import { Manifest } from '../capi';
import { CapiValidationError } from '../support/issues';
import { externalSecretName, OPERATOR_API_VERSION, resolveProviders, ResolvedProvider } from './catalog';
import { ManagementClusterSpec, VaultSecretStoreSpec } from './spec';
import { validateManagementCluster } from './validate';

/** The label every object of a management cluster carries, with the management cluster's name. */
export const MANAGEMENT_CLUSTER_LABEL = 'capi-constructs.io/management-cluster';

/** external-secrets' API version (v2.9.0 serves `v1` only; `v1beta1` is no longer served). */
export const EXTERNAL_SECRETS_API_VERSION = 'external-secrets.io/v1';

/** external-secrets' default refresh interval (the ExternalSecret CRD's default, v2.9.0). */
export const DEFAULT_REFRESH_INTERVAL = '1h';

/** The rendered management cluster. */
export interface RenderedManagementCluster {
  readonly name: string;
  /** Namespaces, ClusterSecretStores, ExternalSecrets, then the providers (core first): the order to apply them in. */
  readonly manifests: readonly Manifest[];
  /** The providers with their defaults filled in, in the order of their objects. */
  readonly providers: readonly ResolvedProvider[];
}

/** Validates the spec (throwing one CapiValidationError with every problem) and renders it. */
export function renderManagementCluster(spec: ManagementClusterSpec): RenderedManagementCluster {
  const issues = validateManagementCluster(spec);
  if (issues.length > 0) throw new CapiValidationError(issues, `management cluster ${JSON.stringify(typeof spec?.name === 'string' ? spec.name : '')}`);
  return renderValidatedManagementCluster(spec);
}

/**
 * Renders a spec that validated cleanly. `secretVariables` names the providers (by `path`) whose
 * variables an engine puts into a Secret of its own (Pulumi secrets): their configSecret points
 * to `<name>-variables` in their namespace.
 */
export function renderValidatedManagementCluster(spec: ManagementClusterSpec, secretVariables: readonly string[] = []): RenderedManagementCluster {
  const providers = resolveProviders(spec);
  const labels = { [MANAGEMENT_CLUSTER_LABEL]: spec.name };
  const namespaces = [...new Set(providers.map(p => p.namespace))].sort();
  const manifests: Manifest[] = namespaces.map(ns => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } }));
  for (const store of spec.secretStores ?? []) manifests.push(renderVaultStore(store, labels));
  for (const p of providers) {
    const es = p.spec.configSecret?.externalSecret;
    if (es) manifests.push(renderExternalSecret(p, es, labels));
  }
  for (const p of providers) manifests.push(renderProvider(p, labels, secretVariables.includes(p.path)));
  return { name: spec.name, manifests, providers };
}

/** Name of the Secret an engine creates from secret values for a provider. */
export function variablesSecretName(provider: Pick<ResolvedProvider, 'name'>): string {
  return `${provider.name}-variables`;
}

function renderExternalSecret(p: ResolvedProvider, es: NonNullable<NonNullable<ResolvedProvider['spec']['configSecret']>['externalSecret']>, labels: Record<string, string>): Manifest {
  const name = externalSecretName(p);
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ExternalSecret',
    metadata: { name, namespace: p.namespace, labels },
    spec: {
      refreshInterval: es.refreshInterval ?? DEFAULT_REFRESH_INTERVAL,
      secretStoreRef: { kind: es.storeKind ?? 'ClusterSecretStore', name: es.storeName },
      // Owner: the Secret goes with the ExternalSecret; the provider's objects read it on install and upgrade.
      target: { name, creationPolicy: 'Owner' },
      data: es.variables.map(v => ({
        secretKey: v.variable,
        remoteRef: compact({ key: v.remoteKey, property: v.property, version: v.version, decodingStrategy: v.decodingStrategy }),
      })),
    },
  };
}

function renderProvider(p: ResolvedProvider, labels: Record<string, string>, fromSecretValues: boolean): Manifest {
  const s = p.spec;
  const manager = s.manager && compact({
    featureGates: s.manager.featureGates && Object.keys(s.manager.featureGates).length > 0 ? sortKeys(s.manager.featureGates) : undefined,
    maxConcurrentReconciles: s.manager.maxConcurrentReconciles,
    verbosity: s.manager.verbosity,
    additionalArgs: s.manager.additionalArgs && Object.keys(s.manager.additionalArgs).length > 0 ? sortKeys(s.manager.additionalArgs) : undefined,
  });
  let configSecret: { name: string; namespace?: string } | undefined;
  if (s.configSecret?.existingSecret) configSecret = compact({ name: s.configSecret.existingSecret.name, namespace: s.configSecret.existingSecret.namespace });
  else if (s.configSecret?.externalSecret) configSecret = { name: externalSecretName(p), namespace: p.namespace };
  else if (fromSecretValues) configSecret = { name: variablesSecretName(p), namespace: p.namespace };
  return {
    apiVersion: OPERATOR_API_VERSION,
    kind: p.kind,
    metadata: { name: p.name, namespace: p.namespace, labels },
    spec: compact({
      version: p.version,
      fetchConfig: s.fetchConfig && compact({ url: s.fetchConfig.url, oci: s.fetchConfig.oci }),
      manager: manager && Object.keys(manager).length > 0 ? manager : undefined,
      configSecret,
    }),
  };
}

function renderVaultStore(store: VaultSecretStoreSpec, labels: Record<string, string>): Manifest {
  const auth = store.kubernetesAuth;
  return {
    apiVersion: EXTERNAL_SECRETS_API_VERSION,
    kind: 'ClusterSecretStore',
    metadata: { name: store.name, labels },
    spec: {
      provider: {
        vault: compact({
          server: store.server,
          path: store.path ?? 'secret',
          version: store.kvVersion ?? 'v2',
          namespace: store.vaultNamespace,
          caProvider: store.caProvider && { type: store.caProvider.type, name: store.caProvider.name, namespace: store.caProvider.namespace, key: store.caProvider.key },
          auth: {
            kubernetes: compact({
              mountPath: auth.mountPath ?? 'kubernetes',
              role: auth.role,
              serviceAccountRef: auth.serviceAccount && { name: auth.serviceAccount.name, namespace: auth.serviceAccount.namespace },
            }),
          },
        }),
      },
    },
  };
}

function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function sortKeys<T>(o: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}
