/**
 * What the library knows about the providers cluster-api-operator installs: their operator kinds,
 * upstream namespaces and configuration variables (with sources). Data only.
 */
import { ManagementClusterSpec, ManagementProvidersSpec, OperatorProviderSpec } from './spec';
import { OperatorProviderType } from './versions';

/** cluster-api-operator's API version (v0.28.0, CRDs in config/crd/bases). */
export const OPERATOR_API_VERSION = 'operator.cluster.x-k8s.io/v1alpha2';


/** The operator kind of each provider type, in the order the library emits them. */
export const PROVIDER_KINDS: Readonly<Record<OperatorProviderType, string>> = {
  core: 'CoreProvider',
  bootstrap: 'BootstrapProvider',
  controlPlane: 'ControlPlaneProvider',
  infrastructure: 'InfrastructureProvider',
  addon: 'AddonProvider',
};

export const PROVIDER_TYPES: readonly OperatorProviderType[] = ['core', 'bootstrap', 'controlPlane', 'infrastructure', 'addon'];

/** The operator name of the core provider (only one CoreProvider per cluster, cluster-api-operator docs). */
export const CORE_PROVIDER_NAME = 'cluster-api';

/** A configuration variable a provider's components read, and what it is for. */
export interface ProviderVariable {
  readonly name: string;
  /** What it holds, or what it switches. */
  readonly description: string;
  /** Whether it is a credential (then it belongs in a Secret from a store, never in Git). */
  readonly credential: boolean;
  /** Upstream file that reads it. */
  readonly source: string;
}

/** Upstream facts of a provider the library knows by name (its contracts are in versions.ts). */
export interface ProviderDefaults {
  readonly type: OperatorProviderType;
  readonly name: string;
  /** Upstream default namespace (its `config/default/kustomization.yaml`, as `clusterctl init` uses it). */
  readonly namespace: string;
  /** Released with Cluster API itself, so its version defaults to the Cluster API version. */
  readonly releasedWithClusterApi: boolean;
  /** The upstream repository. */
  readonly repository: string;
  /** Where the namespace comes from. */
  readonly namespaceSource: string;
  /** Variables its components read. @default - none */
  readonly variables?: readonly ProviderVariable[];
}

const CAPA = 'kubernetes-sigs/cluster-api-provider-aws v2.11.1';
const CAPZ = 'kubernetes-sigs/cluster-api-provider-azure v1.26.0';
const CAPV = 'kubernetes-sigs/cluster-api-provider-vsphere v1.16.1';

/** Providers the library knows, with their upstream facts. */
export const PROVIDER_DEFAULTS: readonly ProviderDefaults[] = [
  {
    type: 'core', name: CORE_PROVIDER_NAME, namespace: 'capi-system', releasedWithClusterApi: true,
    repository: 'https://github.com/kubernetes-sigs/cluster-api', namespaceSource: 'cluster-api v1.14.0 core/config/default/kustomization.yaml',
  },
  {
    type: 'bootstrap', name: 'kubeadm', namespace: 'capi-kubeadm-bootstrap-system', releasedWithClusterApi: true,
    repository: 'https://github.com/kubernetes-sigs/cluster-api', namespaceSource: 'cluster-api v1.14.0 bootstrap/kubeadm/config/default/kustomization.yaml',
  },
  {
    type: 'controlPlane', name: 'kubeadm', namespace: 'capi-kubeadm-control-plane-system', releasedWithClusterApi: true,
    repository: 'https://github.com/kubernetes-sigs/cluster-api', namespaceSource: 'cluster-api v1.14.0 controlplane/kubeadm/config/default/kustomization.yaml',
  },
  {
    type: 'infrastructure', name: 'docker', namespace: 'capd-system', releasedWithClusterApi: true,
    repository: 'https://github.com/kubernetes-sigs/cluster-api', namespaceSource: 'cluster-api v1.14.0 test/infrastructure/docker/config/default/kustomization.yaml',
  },
  {
    type: 'infrastructure', name: 'aws', namespace: 'capa-system', releasedWithClusterApi: false,
    repository: 'https://github.com/kubernetes-sigs/cluster-api-provider-aws', namespaceSource: `${CAPA} config/default/kustomization.yaml`,
    variables: [
      {
        name: 'AWS_B64ENCODED_CREDENTIALS', credential: true, source: `${CAPA} config/default/credentials.yaml`,
        description: 'the controller\'s own AWS credentials (`clusterawsadm bootstrap credentials encode-as-profile`), written into the `manager-bootstrap-credentials` Secret CAPA reads for its controller identity',
      },
      {
        name: 'AWS_CONTROLLER_IAM_ROLE', credential: false, source: `${CAPA} config/default/manager_iam_patch.yaml, config/rbac/serviceaccount.yaml`,
        description: 'an IAM role ARN for the controller itself (IRSA, kiam or kube2iam): the controller identity without static keys; leave AWS_B64ENCODED_CREDENTIALS empty then (docs/book/src/topics/specify-management-iam-role.md)',
      },
      {
        name: 'AUTO_CONTROLLER_IDENTITY_CREATOR', credential: false, source: `${CAPA} config/manager/manager.yaml`,
        description: 'feature gate (default true): CAPA creates the `AWSClusterControllerIdentity` named `default` that clusters without an `identityRef` use',
      },
    ],
  },
  {
    type: 'infrastructure', name: 'azure', namespace: 'capz-system', releasedWithClusterApi: false,
    repository: 'https://github.com/kubernetes-sigs/cluster-api-provider-azure', namespaceSource: `${CAPZ} config/capz/kustomization.yaml`,
    variables: [
      {
        name: 'AZURE_SUBSCRIPTION_ID_B64', credential: false, source: `${CAPZ} config/capz/credentials.yaml`,
        description: 'the subscription id, base64 (may be empty: clusters name their identity with an `AzureClusterIdentity`, whose client secret is a Secret of its own)',
      },
    ],
  },
  {
    type: 'infrastructure', name: 'vsphere', namespace: 'capv-system', releasedWithClusterApi: false,
    repository: 'https://github.com/kubernetes-sigs/cluster-api-provider-vsphere', namespaceSource: `${CAPV} config/default/kustomization.yaml`,
    variables: [
      { name: 'VSPHERE_USERNAME', credential: true, source: `${CAPV} config/base/credentials.yaml`, description: 'vCenter user of the controller (clusters without a `VSphereClusterIdentity`)' },
      { name: 'VSPHERE_PASSWORD', credential: true, source: `${CAPV} config/base/credentials.yaml`, description: 'vCenter password of that user' },
    ],
  },
  {
    type: 'addon', name: 'helm', namespace: 'caaph-system', releasedWithClusterApi: false,
    repository: 'https://github.com/kubernetes-sigs/cluster-api-addon-provider-helm', namespaceSource: 'cluster-api-addon-provider-helm v0.6.4 config/default/kustomization.yaml',
  },
];

/** The defaults of the provider of `type` named `name`, if the library knows it. */
export function providerDefaults(type: OperatorProviderType, name: string): ProviderDefaults | undefined {
  return PROVIDER_DEFAULTS.find(p => p.type === type && p.name === name);
}

/**
 * Namespace of a provider the library does not know: the cluster-api-operator Helm chart's
 * convention (v0.28.0 hack/charts/cluster-api-operator/templates/infra.yaml and its siblings:
 * `<name>-infrastructure-system`, `<name>-bootstrap-system`, ...).
 */
const OTHER_NAMESPACE_SUFFIX: Readonly<Record<OperatorProviderType, string>> = {
  core: 'system', bootstrap: 'bootstrap-system', controlPlane: 'control-plane-system', infrastructure: 'infrastructure-system', addon: 'addon-system',
};

/** A provider of the spec with its defaults filled in. */
export interface ResolvedProvider {
  readonly type: OperatorProviderType;
  readonly name: string;
  readonly kind: string;
  /** Path in the spec, e.g. `providers.infrastructure.aws`. */
  readonly path: string;
  readonly namespace: string;
  /** Undefined when neither given nor derivable (reported by validation). */
  readonly version?: string;
  readonly spec: OperatorProviderSpec;
}

const DEFAULT_PROVIDERS: ManagementProvidersSpec = { bootstrap: { kubeadm: {} }, controlPlane: { kubeadm: {} } };

/** Every provider of the spec, defaults filled in, in the order they are emitted (core first). */
export function resolveProviders(spec: ManagementClusterSpec): ResolvedProvider[] {
  const providers = spec.providers ?? {};
  const out: ResolvedProvider[] = [];
  for (const type of PROVIDER_TYPES) {
    const entries: Array<[string, OperatorProviderSpec]> = type === 'core'
      ? [[CORE_PROVIDER_NAME, providers.core ?? {}]]
      : Object.entries((providers[type] ?? DEFAULT_PROVIDERS[type] ?? {}) as Record<string, OperatorProviderSpec>).filter(([, p]) => p !== undefined);
    for (const [name, p] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const known = providerDefaults(type, name);
      const provider = p ?? {};
      out.push({
        type, name, kind: PROVIDER_KINDS[type],
        path: type === 'core' ? 'providers.core' : `providers.${type}.${name}`,
        namespace: provider.namespace ?? known?.namespace ?? `${name}-${OTHER_NAMESPACE_SUFFIX[type]}`,
        version: provider.version ?? (known?.releasedWithClusterApi ? spec.clusterApiVersion : undefined),
        spec: provider,
      });
    }
  }
  return out;
}

/** Name of the Secret a provider's ExternalSecret writes. */
export function externalSecretName(provider: Pick<ResolvedProvider, 'name' | 'spec'>): string {
  return provider.spec.configSecret?.externalSecret?.secretName ?? `${provider.name}-variables`;
}
