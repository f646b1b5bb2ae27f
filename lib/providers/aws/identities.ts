/**
 * CAPA's cluster-scoped identities as plain specs: an `AWSClusterStaticIdentity` (which points
 * to a Secret by name and never carries keys) and an `AWSClusterRoleIdentity`. Both engines emit
 * them from here: cdk8s with the AwsStaticIdentity / AwsRoleIdentity constructs, Pulumi with
 * CapaStaticIdentity / CapaRoleIdentity (which also create the Secret from Pulumi secrets).
 * Identities are shared by many clusters: emit each once, not once per cluster.
 */
import { ANNOTATIONS, API, Manifest } from '../../capi';
import { ValidationIssue } from '../../support/issues';
import { DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN_MAX, objectNameProblem } from '../../support/names';

/**
 * Annotation listing the clusters that use an identity (comma-separated). Identities are cluster-scoped
 * and not tied to one CAPI cluster, and a label value cannot hold a list, hence an annotation.
 */
export const CLUSTERS_ANNOTATION = ANNOTATIONS.clusters;

/** Namespace the CAPA controller runs in by default; a static identity's Secret must live there. */
export const DEFAULT_CAPA_NAMESPACE = 'capa-system';

/** The identity kinds an `AWSCluster.spec.identityRef` or a role identity's source may name. */
export enum CapaIdentityKind {
  /** The controller's own credentials; a singleton named `default`. */
  CONTROLLER = 'AWSClusterControllerIdentity',
  ROLE = 'AWSClusterRoleIdentity',
  STATIC = 'AWSClusterStaticIdentity',
}

/** A reference to an identity, shaped like `AWSCluster.spec.identityRef` (`{kind, name}`, no apiVersion). */
export interface CapaIdentityRef {
  readonly kind: CapaIdentityKind;
  readonly name: string;
}

/** A Kubernetes label selector, as in `allowedNamespaces.selector`. */
export interface NamespaceSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/**
 * Which namespaces may use an identity (`spec.allowedNamespaces`). CAPA's semantics differ from the
 * usual Kubernetes ones, so each case has its own factory: `all()` writes `{}` (every namespace),
 * `none()` leaves the field out (no namespace), `names(...)` and `selector(...)` restrict it (both
 * together give the union). An empty list or empty selector would also mean "no namespace" and is
 * rejected as a likely mistake: use `none()`.
 */
export class AllowedNamespaces {
  /** Every namespace: writes `allowedNamespaces: {}`. */
  public static all(): AllowedNamespaces {
    return new AllowedNamespaces({});
  }

  /** No namespace: the field is left out (CAPA's default). */
  public static none(): AllowedNamespaces {
    return new AllowedNamespaces(undefined);
  }

  /** Only these namespaces: `allowedNamespaces: {list: [...]}`. */
  public static names(...namespaces: string[]): AllowedNamespaces {
    return new AllowedNamespaces({ list: namespaces });
  }

  /** Namespaces whose labels match (labels and expressions ANDed): `allowedNamespaces: {selector: ...}`. */
  public static selector(selector: NamespaceSelector): AllowedNamespaces {
    return new AllowedNamespaces({ selector });
  }

  /** Namespaces in the list or matching the selector (the union). */
  public static namesOrSelector(namespaces: string[], selector: NamespaceSelector): AllowedNamespaces {
    return new AllowedNamespaces({ list: namespaces, selector });
  }

  private constructor(private readonly spec: { list?: string[]; selector?: NamespaceSelector } | undefined) {}

  /** The value of `spec.allowedNamespaces`, or undefined when the field must be left out. */
  public toSpec(): { list?: string[]; selector?: NamespaceSelector } | undefined {
    return this.spec === undefined ? undefined : { ...this.spec };
  }

  /** Problems with the namespaces or the selector, each with the sub-path it concerns. */
  public problems(): { path: string; reason: string }[] {
    const problems: { path: string; reason: string }[] = [];
    const list = this.spec?.list;
    if (list !== undefined && list.length === 0) {
      problems.push({ path: 'list', reason: 'an empty namespace list lets no namespace use the identity; use AllowedNamespaces.none() if that is meant, or name at least one namespace.' });
    }
    (list ?? []).forEach((ns, i) => {
      const p = nameProblem(ns, 'label');
      if (p) problems.push({ path: `list[${i}]`, reason: `namespace ${show(ns)}: ${p}.` });
    });
    const sel = this.spec?.selector;
    if (sel !== undefined && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
      problems.push({ path: 'selector', reason: 'an empty selector matches no namespace in CAPA (unlike Kubernetes selectors); use AllowedNamespaces.all() for every namespace or give matchLabels/matchExpressions.' });
    }
    return problems;
  }
}

/** Fields both identity kinds share. */
export interface AwsIdentityCommonSpec {
  /** `metadata.name` of the identity object (cluster-scoped), used in `AWSCluster.spec.identityRef`. */
  readonly name: string;
  /**
   * Which namespaces' AWSClusters may use the identity.
   * @default AllowedNamespaces.none() (the field is left out, and CAPA lets no namespace use the identity)
   */
  readonly allowedNamespaces?: AllowedNamespaces;
  /**
   * Names of the CAPI clusters that use this identity, written as the annotation
   * `capi-constructs.io/clusters: "a,b"` so tools can tell which clusters depend on it.
   * @default - no annotation
   */
  readonly clusterNames?: readonly string[];
}

/** An `AWSClusterStaticIdentity`: CAPA reads an access key from a Secret. */
export interface AwsStaticIdentitySpec extends AwsIdentityCommonSpec {
  /**
   * Name of the Secret holding the credentials (keys `AccessKeyID`, `SecretAccessKey` and
   * optionally `SessionToken`) in the CAPA controller's namespace (`capa-system` by default):
   * `spec.secretRef`, immutable once the identity exists. Create the Secret outside Git (for
   * example with an ExternalSecret, or Pulumi's CapaStaticIdentity).
   */
  readonly secretName: string;
}

/** An `AWSClusterRoleIdentity`: CAPA assumes a role with the credentials of another identity. */
export interface AwsRoleIdentitySpec extends AwsIdentityCommonSpec {
  /** ARN of the IAM role CAPA assumes (`spec.roleARN`). */
  readonly roleArn: string;
  /**
   * The identity whose credentials assume the role (`spec.sourceIdentityRef`): required on
   * create by CAPA's webhook. `{ kind: CapaIdentityKind.CONTROLLER, name: 'default' }` for the
   * controller's own credentials.
   */
  readonly sourceIdentityRef: CapaIdentityRef;
  /** Name of the assumed-role session (`spec.sessionName`). @default - CAPA's own session name */
  readonly sessionName?: string;
  /** Session duration in seconds (`spec.durationSeconds`), 900 to 43200. @default - CAPA's default (one hour) */
  readonly durationSeconds?: number;
  /**
   * External id the role's trust policy requires (`spec.externalID`). It is stored in the
   * identity object in plain text (CAPA's API has no Secret reference for it): Pulumi marks it
   * secret; in Git it is visible to every reader of the repository.
   * @default - no external id
   */
  readonly externalId?: string;
}

const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/.+$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

function nameProblem(name: unknown, kind: 'label' | 'subdomain'): string | undefined {
  const max = kind === 'label' ? DNS1123_LABEL_MAX : DNS1123_SUBDOMAIN_MAX;
  if (objectNameProblem(name as string, kind)) {
    return `must be a DNS-1123 ${kind} (lowercase letters, digits, '-'${kind === 'subdomain' ? " and '.'" : ''}, ` +
      `starting and ending with a letter or digit, at most ${max} characters)`;
  }
  return undefined;
}

function issue(path: string, message: string): ValidationIssue {
  return { path, message };
}

function commonProblems(spec: AwsIdentityCommonSpec, namePath: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const p = nameProblem(spec.name, 'subdomain');
  if (p) issues.push(issue(namePath, `identity name ${show(spec.name)} ${p}; set ${namePath}${namePath === 'identityName' ? ' (it defaults to the component name)' : ''}.`));
  for (const problem of spec.allowedNamespaces?.problems() ?? []) issues.push(issue(`allowedNamespaces.${problem.path}`, problem.reason));
  (spec.clusterNames ?? []).forEach((c, i) => {
    const cp = nameProblem(c, 'label');
    if (cp) issues.push(issue(`clusterNames[${i}]`, `cluster name ${show(c)} ${cp}; use the Cluster's metadata.name.`));
  });
  return issues;
}

/**
 * Every problem with a static identity spec; empty when valid. `namePath` is the property the
 * name came from (the Pulumi component calls it `identityName`).
 */
export function validateAwsStaticIdentity(spec: AwsStaticIdentitySpec, namePath = 'name'): ValidationIssue[] {
  const issues = commonProblems(spec, namePath);
  const p = nameProblem(spec.secretName, 'subdomain');
  if (p) issues.push(issue('secretName', `Secret name ${show(spec.secretName)} ${p}; fix it or leave it out for "<identityName>-credentials".`));
  return issues;
}

/** Every problem with a role identity spec; empty when valid. Values that are not known yet are passed in as `undefined`-free placeholders by the engines. */
export function validateAwsRoleIdentity(spec: AwsRoleIdentitySpec, namePath = 'name'): ValidationIssue[] {
  const issues = commonProblems(spec, namePath);
  if (typeof spec.roleArn !== 'string' || !ROLE_ARN.test(spec.roleArn)) {
    issues.push(issue('roleArn', `roleArn ${show(spec.roleArn)} is not an IAM role ARN; give one like "arn:aws:iam::123456789012:role/capa-tenant".`));
  }
  const ref = spec.sourceIdentityRef;
  const kinds = Object.values(CapaIdentityKind) as string[];
  if (ref === undefined) {
    issues.push(issue('sourceIdentityRef', `sourceIdentityRef is required: CAPA's webhook rejects a role identity without one. Use another identity's identityRef or { kind: CapaIdentityKind.CONTROLLER, name: 'default' }.`));
  } else {
    if (!kinds.includes(ref.kind)) issues.push(issue('sourceIdentityRef.kind', `kind ${show(ref.kind)} is not an identity kind; use one of ${kinds.join(', ')}.`));
    const np = nameProblem(ref.name, 'subdomain');
    if (np) issues.push(issue('sourceIdentityRef.name', `name ${show(ref.name)} ${np}.`));
    if (ref.kind === CapaIdentityKind.CONTROLLER && ref.name !== 'default') {
      issues.push(issue('sourceIdentityRef.name', `the AWSClusterControllerIdentity is a singleton named "default", got ${show(ref.name)}; use name 'default'.`));
    }
  }
  const d = spec.durationSeconds;
  if (d !== undefined && (!Number.isInteger(d) || d < 900 || d > 43200)) {
    issues.push(issue('durationSeconds', `durationSeconds ${show(d)} is out of range; CAPA accepts whole seconds from 900 (15 minutes) to 43200 (12 hours).`));
  }
  if (spec.sessionName !== undefined && (typeof spec.sessionName !== 'string' || !SESSION_NAME.test(spec.sessionName))) {
    issues.push(issue('sessionName', `sessionName ${show(spec.sessionName)} is not an STS session name; use 2 to 64 letters, digits or "+=,.@_-".`));
  }
  return issues;
}

/** `metadata` of an identity object: its name, and the clusters annotation when clusters are given. Pure. */
export function identityMetadata(identityName: string, clusterNames: readonly string[] | undefined): { name: string; annotations?: Record<string, string> } {
  const clusters = [...new Set(clusterNames ?? [])];
  return clusters.length === 0 ? { name: identityName } : { name: identityName, annotations: { [CLUSTERS_ANNOTATION]: clusters.join(',') } };
}

/** Spec fields both identity kinds share; leaves `allowedNamespaces` out when no namespace is allowed. */
function commonSpec(args: AwsIdentityCommonSpec): Record<string, unknown> {
  const allowed = args.allowedNamespaces?.toSpec();
  return allowed === undefined ? {} : { allowedNamespaces: allowed };
}

/** The `AWSClusterStaticIdentity` of a spec (validate it first). */
export function renderAwsStaticIdentity(spec: AwsStaticIdentitySpec): Manifest {
  return {
    apiVersion: API.infrastructure.version,
    kind: CapaIdentityKind.STATIC,
    metadata: identityMetadata(spec.name, spec.clusterNames),
    spec: { secretRef: spec.secretName, ...commonSpec(spec) },
  };
}

/** The `AWSClusterRoleIdentity` of a spec (validate it first). */
export function renderAwsRoleIdentity(spec: AwsRoleIdentitySpec): Manifest {
  const body: Record<string, unknown> = {
    roleARN: spec.roleArn,
    sourceIdentityRef: { kind: spec.sourceIdentityRef.kind, name: spec.sourceIdentityRef.name },
    ...commonSpec(spec),
  };
  if (spec.sessionName !== undefined) body.sessionName = spec.sessionName;
  if (spec.durationSeconds !== undefined) body.durationSeconds = spec.durationSeconds;
  if (spec.externalId !== undefined) body.externalID = spec.externalId;
  return { apiVersion: API.infrastructure.version, kind: CapaIdentityKind.ROLE, metadata: identityMetadata(spec.name, spec.clusterNames), spec: body };
}

/** Quotes a value for a message: strings in JSON quotes, the rest as compact JSON. */
function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
