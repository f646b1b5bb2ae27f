/**
 * CAPV's cluster-scoped `VSphereClusterIdentity` as a plain spec: it names a Secret (keys
 * `username` and `password`) in CAPV's namespace and never carries the credentials. Both engines
 * emit it from here (cdk8s `VSphereIdentity`, Pulumi `VSphereIdentity`, which also creates the
 * Secret from Pulumi secrets). Identities are shared by many clusters: emit each once.
 */
import { ANNOTATIONS, API, Manifest, normalizeManifest, orderTopLevel } from '../../capi';
import { ValidationIssue } from '../../support/issues';
import { objectNameProblem } from '../../support/names';

/** Namespace the CAPV controller runs in by default; an identity's Secret must live there. */
export const DEFAULT_CAPV_NAMESPACE = 'capv-system';

/** A Kubernetes label selector over namespaces (labels and expressions ANDed). */
export interface VSphereNamespaceSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: readonly { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** Label every namespace carries (Kubernetes v1.21 and later): selecting namespaces by name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Which namespaces' VSphereClusters may use an identity (`spec.allowedNamespaces`). CAPV
 * (v1.16.1 pkg/identity/identity.go GetCredentials()) lets no namespace use an identity without
 * the field, and matches `selector` as a Kubernetes label selector, so `{selector: {}}` means
 * every namespace. Each case has its own factory; the default (no factory) is "no namespace".
 */
export class VSphereAllowedNamespaces {
  /** Every namespace: `allowedNamespaces: {selector: {}}`. */
  public static all(): VSphereAllowedNamespaces {
    return new VSphereAllowedNamespaces({});
  }

  /** Only these namespaces, selected by their `kubernetes.io/metadata.name` label. */
  public static names(...namespaces: string[]): VSphereAllowedNamespaces {
    return new VSphereAllowedNamespaces({ matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: namespaces }] });
  }

  /** Namespaces whose labels match. */
  public static selector(selector: VSphereNamespaceSelector): VSphereAllowedNamespaces {
    return new VSphereAllowedNamespaces(selector);
  }

  private constructor(private readonly selector: VSphereNamespaceSelector) {}

  /** The value of `spec.allowedNamespaces`. */
  public toSpec(): { selector: VSphereNamespaceSelector } {
    return { selector: { ...this.selector } };
  }

  /** Problems with the namespaces, each with the sub-path it concerns. */
  public problems(): { path: string; reason: string }[] {
    const problems: { path: string; reason: string }[] = [];
    for (const e of this.selector.matchExpressions ?? []) {
      if (e.key !== NAMESPACE_NAME_LABEL) continue;
      if ((e.values ?? []).length === 0) problems.push({ path: 'names', reason: 'an empty namespace list lets no namespace use the identity; name at least one namespace, or leave allowedNamespaces out if none is meant.' });
      (e.values ?? []).forEach((ns, i) => {
        if (objectNameProblem(ns, 'label')) problems.push({ path: `names[${i}]`, reason: `namespace ${JSON.stringify(ns)} must be a DNS-1123 label (lowercase letters, digits, '-', at most 63 characters).` });
      });
    }
    return problems;
  }
}

/** A `VSphereClusterIdentity`. */
export interface VSphereIdentitySpec {
  /** `metadata.name` of the identity (cluster-scoped), used in `infrastructure.vsphere.identity`. */
  readonly name: string;
  /**
   * Name of the Secret with the keys `username` and `password`, in CAPV's namespace
   * (`capv-system` by default). Create it outside Git (an ExternalSecret, Pulumi's VSphereIdentity).
   */
  readonly secretName: string;
  /**
   * Which namespaces' VSphereClusters may use the identity.
   * @default - none (the field is left out, and CAPV lets no namespace use the identity)
   */
  readonly allowedNamespaces?: VSphereAllowedNamespaces;
  /** Names of the CAPI clusters that use it, written as the `capi-constructs.io/clusters` annotation. @default - no annotation */
  readonly clusterNames?: readonly string[];
}

/** `metadata` of a shared (cluster-scoped) object: its name, the clusters annotation when clusters are given, and `labels`. */
export function sharedObjectMetadata(name: string, clusterNames: readonly string[] | undefined, labels?: Record<string, string>): Manifest['metadata'] {
  const clusters = [...new Set(clusterNames ?? [])];
  return { name, labels, annotations: clusters.length > 0 ? { [ANNOTATIONS.clusters]: clusters.join(',') } : undefined };
}

/** Problems with the `clusterNames` of a shared object. */
export function clusterNamesProblems(clusterNames: readonly string[] | undefined): ValidationIssue[] {
  return (clusterNames ?? []).flatMap((c, i) => (objectNameProblem(c, 'label')
    ? [{ path: `clusterNames[${i}]`, message: "must be a cluster's metadata.name (a DNS-1123 label)", value: c, fix: "use the Cluster's metadata.name" }]
    : []));
}

/** Every problem with an identity spec; empty when valid. `namePath` is the property the name came from. */
export function validateVSphereIdentity(spec: VSphereIdentitySpec, namePath = 'name'): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [path, value] of [[namePath, spec.name], ['secretName', spec.secretName]] as const) {
    if (objectNameProblem(value, 'subdomain')) {
      issues.push({ path, message: 'must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)', value, fix: `set ${path} to an object name` });
    }
  }
  for (const p of spec.allowedNamespaces?.problems() ?? []) issues.push({ path: `allowedNamespaces.${p.path}`, message: p.reason });
  issues.push(...clusterNamesProblems(spec.clusterNames));
  return issues;
}

/** The `VSphereClusterIdentity` of a spec (validate it first). */
export function renderVSphereIdentity(spec: VSphereIdentitySpec): Manifest {
  return orderTopLevel(normalizeManifest({
    apiVersion: API.infrastructure.version,
    kind: 'VSphereClusterIdentity',
    metadata: sharedObjectMetadata(spec.name, spec.clusterNames),
    spec: { secretName: spec.secretName, allowedNamespaces: spec.allowedNamespaces?.toSpec() },
  }));
}
