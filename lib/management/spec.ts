/**
 * The management cluster as plain data: which Cluster API providers it runs (through
 * cluster-api-operator v0.28, `operator.cluster.x-k8s.io/v1alpha2`), at which versions, with
 * which manager settings, and where their configuration variables (credentials) come from.
 * Credentials are always references: a Secret that exists, or an ExternalSecret that reads them
 * from a secret store such as HashiCorp Vault. No field of this spec holds a credential value.
 */

/**
 * Where the operator fetches a provider's components and metadata.yaml from instead of the
 * provider's GitHub releases, e.g. an air-gapped mirror. Exactly one of `url` and `oci`
 * (cluster-api-operator v0.28 `FetchConfiguration`: "Must specify one and only one of {oci, url,
 * selector}").
 */
export interface ProviderFetchConfig {
  /**
   * Releases of a GitHub (or GitHub-like) repository, e.g.
   * `https://github.com/kubernetes-sigs/cluster-api-provider-aws/releases`.
   * @default - not set (then `oci` must be)
   */
  readonly url?: string;
  /**
   * An OCI artifact holding the components and metadata, e.g.
   * `registry.example.com/capi/capa-components:v2.11.1`.
   * @default - not set (then `url` must be)
   */
  readonly oci?: string;
}

/** Settings of a provider's controller manager (operator `spec.manager`). */
export interface ProviderManagerSettings {
  /**
   * Feature gates passed as `--feature-gates` to the manager, e.g.
   * `{ MachineTaintPropagation: true }` on the core provider.
   * @default - the provider's own defaults
   */
  readonly featureGates?: Readonly<Record<string, boolean>>;
  /**
   * How many objects each controller reconciles at once (`maxConcurrentReconciles`).
   * @default - the provider's default (10 for Cluster API's controllers)
   */
  readonly maxConcurrentReconciles?: number;
  /**
   * Log verbosity (`--v`), 0 to 10.
   * @default - the operator's default (1)
   */
  readonly verbosity?: number;
  /**
   * More flags for the manager container, e.g. `{ '--sync-period': '10m' }`.
   * @default - none
   */
  readonly additionalArgs?: Readonly<Record<string, string>>;
}

/** A Secret that exists in the management cluster (created outside this library). */
export interface ExistingSecretRef {
  /** Name of the Secret. */
  readonly name: string;
  /**
   * Namespace of the Secret.
   * @default - the provider's namespace
   */
  readonly namespace?: string;
}

/** One configuration variable of a provider, read from a secret store. */
export interface ExternalSecretVariable {
  /** The variable (the key in the Secret the provider reads), e.g. `AWS_B64ENCODED_CREDENTIALS`. */
  readonly variable: string;
  /** Key of the secret in the store, e.g. `capi/aws` (a Vault KV path below the store's mount). */
  readonly remoteKey: string;
  /**
   * Property of the remote secret, when it is a map, e.g. `b64credentials`.
   * @default - the whole remote value
   */
  readonly property?: string;
  /**
   * Version of the remote secret.
   * @default - the newest
   */
  readonly version?: string;
  /**
   * How external-secrets decodes the remote value.
   * @default 'None'
   */
  readonly decodingStrategy?: 'Auto' | 'Base64' | 'Base64URL' | 'None';
}

/**
 * An `ExternalSecret` (external-secrets.io/v1) that writes the provider's variables into a
 * Secret, from a `ClusterSecretStore` or `SecretStore` (e.g. HashiCorp Vault).
 */
export interface ProviderExternalSecret {
  /** Name of the store to read from. */
  readonly storeName: string;
  /**
   * Kind of the store. A `SecretStore` must live in the provider's namespace.
   * @default 'ClusterSecretStore'
   */
  readonly storeKind?: 'ClusterSecretStore' | 'SecretStore';
  /** The variables, each read from the store. At least one. */
  readonly variables: readonly ExternalSecretVariable[];
  /**
   * Name of the ExternalSecret and of the Secret it writes (in the provider's namespace).
   * @default - `<provider name>-variables`
   */
  readonly secretName?: string;
  /**
   * How often external-secrets reads the store again (a Go duration such as `1h` or `15m`).
   * @default '1h'
   */
  readonly refreshInterval?: string;
}

/**
 * Where the operator reads the provider's configuration variables from (its `configSecret`):
 * exactly one of `existingSecret` and `externalSecret`. In Pulumi, the ManagementCluster
 * component's `secretVariables` is a third way (a Secret made from Pulumi secrets).
 */
export interface ProviderConfigSecret {
  /** A Secret created outside this library. @default - not set */
  readonly existingSecret?: ExistingSecretRef;
  /** An ExternalSecret this library renders. @default - not set */
  readonly externalSecret?: ProviderExternalSecret;
}

/** One Cluster API provider installed by cluster-api-operator. */
export interface OperatorProviderSpec {
  /**
   * The pinned provider version, full `vX.Y.Z`.
   * @default - the Cluster API version for the providers released with it (core, kubeadm
   * bootstrap and control plane, docker); required for every other provider
   */
  readonly version?: string;
  /**
   * The version running in the management cluster now, when there is one: the version checks
   * refuse a downgrade from it and a skip larger than `clusterctl upgrade` allows.
   * @default - not installed yet (a first install)
   */
  readonly installedVersion?: string;
  /**
   * Namespace of the provider (and of its controller).
   * @default - the provider's upstream namespace (`capi-system`, `capa-system`, ...; see
   * `PROVIDER_DEFAULTS`), `<name>-<type>-system` for others (the operator Helm chart's convention)
   */
  readonly namespace?: string;
  /**
   * The Cluster API contract this release implements (its metadata.yaml), for a provider or
   * release the library's version table does not know.
   * @default - from the version table (an unknown provider without it is reported)
   */
  readonly contract?: string;
  /** Fetch the components from a mirror. @default - the provider's GitHub releases */
  readonly fetchConfig?: ProviderFetchConfig;
  /** Controller manager settings. @default - the provider's defaults */
  readonly manager?: ProviderManagerSettings;
  /** Where the provider's variables come from. @default - no configuration secret */
  readonly configSecret?: ProviderConfigSecret;
}

/** The providers of a management cluster, by type and operator name. */
export interface ManagementProvidersSpec {
  /** Cluster API itself (`CoreProvider` `cluster-api`). @default - installed with the Cluster API version */
  readonly core?: OperatorProviderSpec;
  /** Bootstrap providers by name. @default - `{ kubeadm: {} }` */
  readonly bootstrap?: Readonly<Record<string, OperatorProviderSpec>>;
  /** Control-plane providers by name. @default - `{ kubeadm: {} }` */
  readonly controlPlane?: Readonly<Record<string, OperatorProviderSpec>>;
  /**
   * Infrastructure providers by operator name: `aws`, `docker` (the Dev kinds), `vsphere`,
   * `azure`, or any other.
   * @default - none
   */
  readonly infrastructure?: Readonly<Record<string, OperatorProviderSpec>>;
  /** Add-on providers by name, e.g. `helm` (CAAPH, which delivers the clusters' add-ons). @default - none */
  readonly addon?: Readonly<Record<string, OperatorProviderSpec>>;
}

/**
 * A HashiCorp Vault store of external-secrets (v1 `ClusterSecretStore`) that the providers'
 * ExternalSecrets read from. It authenticates with Vault's Kubernetes auth method, with the
 * token of a service account: no credential is written down.
 */
export interface VaultSecretStoreSpec {
  /** Name of the ClusterSecretStore, the `storeName` the providers' ExternalSecrets give. */
  readonly name: string;
  /** Vault's address, e.g. `https://vault.example.com:8200`. */
  readonly server: string;
  /**
   * Mount path of the KV secrets engine.
   * @default 'secret'
   */
  readonly path?: string;
  /**
   * Version of the KV secrets engine.
   * @default 'v2'
   */
  readonly kvVersion?: 'v1' | 'v2';
  /** Vault's Kubernetes auth method. */
  readonly kubernetesAuth: {
    /** The Vault role bound to the service account. */
    readonly role: string;
    /**
     * Where the auth method is mounted in Vault.
     * @default 'kubernetes'
     */
    readonly mountPath?: string;
    /**
     * The service account whose token Vault checks.
     * @default - external-secrets' own service account
     */
    readonly serviceAccount?: { readonly name: string; readonly namespace: string };
  };
  /**
   * Vault Enterprise namespace.
   * @default - none
   */
  readonly vaultNamespace?: string;
  /**
   * A Secret or ConfigMap holding the CA certificate that signed Vault's certificate.
   * @default - the system roots
   */
  readonly caProvider?: { readonly type: 'Secret' | 'ConfigMap'; readonly name: string; readonly namespace: string; readonly key: string };
}

/** A management cluster: the Cluster API it runs, and its providers. */
export interface ManagementClusterSpec {
  /** Name of the management cluster, put on every object as a label. A DNS label. */
  readonly name: string;
  /** Kubernetes version of the management cluster itself, full `vX.Y.Z`. */
  readonly kubernetesVersion: string;
  /** Cluster API version, full `vX.Y.Z`, e.g. `v1.14.0`. */
  readonly clusterApiVersion: string;
  /** The providers. @default - core, kubeadm bootstrap and control plane only */
  readonly providers?: ManagementProvidersSpec;
  /**
   * Vault stores the providers' ExternalSecrets read from, rendered as ClusterSecretStores.
   * @default - none (the stores exist already)
   */
  readonly secretStores?: readonly VaultSecretStoreSpec[];
}
