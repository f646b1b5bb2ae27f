import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { isKnown, PropertyIssue, show, throwIfIssues } from './_issues';
import { DNS1123_LABEL_MAX, DNS1123_SUBDOMAIN_MAX, objectNameProblem } from '../../core/names';

/** Pulumi type token of {@link CapaStaticIdentity}. */
export const CAPA_STATIC_IDENTITY_TYPE = 'capi-constructs:aws:CapaStaticIdentity';
/** Pulumi type token of {@link CapaRoleIdentity}. */
export const CAPA_ROLE_IDENTITY_TYPE = 'capi-constructs:aws:CapaRoleIdentity';
/** API version CAPA v2.11.1 serves its identity kinds at. */
export const CAPA_IDENTITY_API_VERSION = 'infrastructure.cluster.x-k8s.io/v1beta2';
/** Namespace the CAPA controller runs in by default; the static identity's Secret must live there. */
export const DEFAULT_CAPA_NAMESPACE = 'capa-system';
/**
 * Annotation listing the clusters that use an identity (comma-separated). Identities are cluster-scoped
 * and not tied to one CAPI cluster, and a label value cannot hold a list, hence an annotation.
 */
export const CLUSTERS_ANNOTATION = 'capi-constructs.io/clusters';

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

/** Fields both identity components share. */
export interface CapaIdentityCommonArgs {
  /**
   * `metadata.name` of the identity object (cluster-scoped), used in `AWSCluster.spec.identityRef`.
   * @default - the component name
   */
  readonly identityName?: string;

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
  readonly clusterNames?: string[];
}

/** Arguments of {@link CapaStaticIdentity}. */
export interface CapaStaticIdentityArgs extends CapaIdentityCommonArgs {
  /** AWS access key id (Secret key `AccessKeyID`). Required; stored as a Pulumi secret. */
  readonly accessKeyId: pulumi.Input<string>;
  /** AWS secret access key (Secret key `SecretAccessKey`). Required; stored as a Pulumi secret. */
  readonly secretAccessKey: pulumi.Input<string>;
  /**
   * AWS session token for temporary credentials (Secret key `SessionToken`); stored as a Pulumi secret.
   * @default - no `SessionToken` key
   */
  readonly sessionToken?: pulumi.Input<string>;
  /**
   * Name of the Secret holding the credentials (`spec.secretRef`, immutable once the identity exists).
   * @default - `<identityName>-credentials`
   */
  readonly secretName?: string;
  /**
   * Namespace the CAPA controller runs in: CAPA reads the Secret from there, not from the cluster's namespace.
   * @default 'capa-system'
   */
  readonly controllerNamespace?: string;
}

/** Arguments of {@link CapaRoleIdentity}. */
export interface CapaRoleIdentityArgs extends CapaIdentityCommonArgs {
  /** ARN of the IAM role CAPA assumes (`spec.roleARN`). Required. */
  readonly roleArn: pulumi.Input<string>;
  /**
   * The identity whose credentials assume the role (`spec.sourceIdentityRef`): required on create by
   * CAPA's webhook. Pass another component's `identityRef`, or
   * `{ kind: CapaIdentityKind.CONTROLLER, name: 'default' }` for the controller's own credentials.
   */
  readonly sourceIdentityRef: CapaIdentityRef;
  /**
   * Name of the assumed-role session (`spec.sessionName`).
   * @default - CAPA's own session name
   */
  readonly sessionName?: pulumi.Input<string>;
  /**
   * Session duration in seconds before CAPA renews it (`spec.durationSeconds`), 900 to 43200.
   * @default - CAPA's default (the STS default of one hour)
   */
  readonly durationSeconds?: number;
  /**
   * External id the role's trust policy requires (`spec.externalID`). CAPA allows any string, a
   * passphrase included, so it is stored as a Pulumi secret; as a consequence the whole `spec` of the
   * identity shows as `[secret]` in previews.
   * @default - no external id
   */
  readonly externalId?: pulumi.Input<string>;
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

function commonIssues(name: string, args: CapaIdentityCommonArgs): PropertyIssue[] {
  const issues: PropertyIssue[] = [];
  const identityName = args.identityName ?? name;
  const p = nameProblem(identityName, 'subdomain');
  if (p) {
    issues.push({ propertyPath: 'identityName', reason: `identity name ${show(identityName)} ${p}; set identityName (it defaults to the component name).` });
  }
  for (const problem of args.allowedNamespaces?.problems() ?? []) {
    issues.push({ propertyPath: `allowedNamespaces.${problem.path}`, reason: problem.reason });
  }
  (args.clusterNames ?? []).forEach((c, i) => {
    const cp = nameProblem(c, 'label');
    if (cp) issues.push({ propertyPath: `clusterNames[${i}]`, reason: `cluster name ${show(c)} ${cp}; use the Cluster's metadata.name.` });
  });
  return issues;
}

/** Every problem with {@link CapaStaticIdentityArgs}; empty when valid. Pure. */
export function validateCapaStaticIdentityArgs(name: string, args: CapaStaticIdentityArgs): PropertyIssue[] {
  const issues = commonIssues(name, args);
  for (const field of ['accessKeyId', 'secretAccessKey'] as const) {
    const value = args[field];
    if (value === undefined || value === null || (isKnown(value) && value === '')) {
      issues.push({ propertyPath: field, reason: `${field} is required and must not be empty; pass it from stack config as a secret, e.g. config.requireSecret('${field}').` });
    }
  }
  if (args.secretName !== undefined) {
    const p = nameProblem(args.secretName, 'subdomain');
    if (p) issues.push({ propertyPath: 'secretName', reason: `Secret name ${show(args.secretName)} ${p}; fix it or leave it out for "<identityName>-credentials".` });
  }
  if (args.controllerNamespace !== undefined) {
    const p = nameProblem(args.controllerNamespace, 'label');
    if (p) issues.push({ propertyPath: 'controllerNamespace', reason: `namespace ${show(args.controllerNamespace)} ${p}; give the namespace the CAPA controller runs in (default "${DEFAULT_CAPA_NAMESPACE}").` });
  }
  return issues;
}

/** Every problem with {@link CapaRoleIdentityArgs}; empty when valid. Pure. */
export function validateCapaRoleIdentityArgs(name: string, args: CapaRoleIdentityArgs): PropertyIssue[] {
  const issues = commonIssues(name, args);
  if (args.roleArn === undefined || (isKnown(args.roleArn) && !ROLE_ARN.test(args.roleArn))) {
    issues.push({ propertyPath: 'roleArn', reason: `roleArn ${show(args.roleArn)} is not an IAM role ARN; give one like "arn:aws:iam::123456789012:role/capa-tenant".` });
  }
  const ref = args.sourceIdentityRef;
  const kinds = Object.values(CapaIdentityKind) as string[];
  if (ref === undefined) {
    issues.push({ propertyPath: 'sourceIdentityRef', reason: `sourceIdentityRef is required: CAPA's webhook rejects a role identity without one. Use another identity's identityRef or { kind: CapaIdentityKind.CONTROLLER, name: 'default' }.` });
  } else {
    if (!kinds.includes(ref.kind)) {
      issues.push({ propertyPath: 'sourceIdentityRef.kind', reason: `kind ${show(ref.kind)} is not an identity kind; use one of ${kinds.join(', ')}.` });
    }
    const np = nameProblem(ref.name, 'subdomain');
    if (np) issues.push({ propertyPath: 'sourceIdentityRef.name', reason: `name ${show(ref.name)} ${np}.` });
    if (ref.kind === CapaIdentityKind.CONTROLLER && ref.name !== 'default') {
      issues.push({ propertyPath: 'sourceIdentityRef.name', reason: `the AWSClusterControllerIdentity is a singleton named "default", got ${show(ref.name)}; use name 'default'.` });
    }
  }
  const d = args.durationSeconds;
  if (d !== undefined && (!Number.isInteger(d) || d < 900 || d > 43200)) {
    issues.push({ propertyPath: 'durationSeconds', reason: `durationSeconds ${show(d)} is out of range; CAPA accepts whole seconds from 900 (15 minutes) to 43200 (12 hours).` });
  }
  if (isKnown(args.sessionName) && !SESSION_NAME.test(args.sessionName)) {
    issues.push({ propertyPath: 'sessionName', reason: `sessionName ${show(args.sessionName)} is not an STS session name; use 2 to 64 letters, digits or "+=,.@_-".` });
  }
  return issues;
}

/** `metadata` of an identity object: its name, and the clusters annotation when clusters are given. Pure. */
export function identityMetadata(identityName: string, clusterNames: readonly string[] | undefined): { name: string; annotations?: Record<string, string> } {
  const clusters = [...new Set(clusterNames ?? [])];
  return clusters.length === 0 ? { name: identityName } : { name: identityName, annotations: { [CLUSTERS_ANNOTATION]: clusters.join(',') } };
}

/** Spec fields both identity kinds share; leaves `allowedNamespaces` out when no namespace is allowed. */
function commonSpec(args: CapaIdentityCommonArgs): Record<string, unknown> {
  const allowed = args.allowedNamespaces?.toSpec();
  return allowed === undefined ? {} : { allowedNamespaces: allowed };
}

/**
 * CAPA credentials from an access key: an `AWSClusterStaticIdentity` (cluster-scoped) and the Secret
 * it points to, in the CAPA controller's namespace (`capa-system` by default). Every credential is a
 * Pulumi secret (the Secret's whole `stringData` is wrapped), so nothing is stored in plain text in the
 * state or outputs. CAPA later adds an ownerReference to the Secret; that is expected.
 *
 * Pass the Kubernetes provider of the management cluster as `provider` in `opts`; the children inherit
 * it. Children: `${name}-secret` and `${name}-identity` (which depends on the Secret).
 */
export class CapaStaticIdentity extends pulumi.ComponentResource {
  /** For `AWSCluster.spec.identityRef` (known at construction). */
  public readonly identityRef: CapaIdentityRef;
  public readonly secretName: string;
  public readonly secretNamespace: string;
  /** Escape hatch: the AWSClusterStaticIdentity object. */
  public readonly identity: k8s.apiextensions.CustomResource;
  /** Escape hatch: the credentials Secret. */
  public readonly secret: k8s.core.v1.Secret;

  constructor(name: string, args: CapaStaticIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CAPA_STATIC_IDENTITY_TYPE, name, {}, opts);
    throwIfIssues(CAPA_STATIC_IDENTITY_TYPE, name, validateCapaStaticIdentityArgs(name, args));

    const identityName = args.identityName ?? name;
    this.identityRef = { kind: CapaIdentityKind.STATIC, name: identityName };
    this.secretName = args.secretName ?? `${identityName}-credentials`;
    this.secretNamespace = args.controllerNamespace ?? DEFAULT_CAPA_NAMESPACE;
    const metadata = identityMetadata(identityName, args.clusterNames);

    const credentials: Record<string, pulumi.Input<string>> = {
      AccessKeyID: pulumi.secret(args.accessKeyId),
      SecretAccessKey: pulumi.secret(args.secretAccessKey),
    };
    if (args.sessionToken !== undefined) credentials.SessionToken = pulumi.secret(args.sessionToken);

    this.secret = new k8s.core.v1.Secret(`${name}-secret`, {
      metadata: { ...metadata, name: this.secretName, namespace: this.secretNamespace },
      type: 'Opaque',
      stringData: pulumi.secret(credentials),
    }, { parent: this });

    this.identity = new k8s.apiextensions.CustomResource(`${name}-identity`, {
      apiVersion: CAPA_IDENTITY_API_VERSION,
      kind: CapaIdentityKind.STATIC,
      metadata,
      spec: { secretRef: this.secretName, ...commonSpec(args) },
    }, { parent: this, dependsOn: [this.secret] });

    this.registerOutputs({ identityRef: this.identityRef, secretName: this.secretName, secretNamespace: this.secretNamespace });
  }
}

/**
 * An `AWSClusterRoleIdentity` (cluster-scoped): CAPA assumes `roleArn` with the credentials of
 * `sourceIdentityRef` (the controller identity, a static identity or another role identity). The
 * external id, if any, is a Pulumi secret. Pass the management cluster's Kubernetes provider in `opts`.
 * Child: `${name}-identity`.
 */
export class CapaRoleIdentity extends pulumi.ComponentResource {
  /** For `AWSCluster.spec.identityRef` or another role identity's `sourceIdentityRef`. */
  public readonly identityRef: CapaIdentityRef;
  /** Escape hatch: the AWSClusterRoleIdentity object. */
  public readonly identity: k8s.apiextensions.CustomResource;

  constructor(name: string, args: CapaRoleIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CAPA_ROLE_IDENTITY_TYPE, name, {}, opts);
    throwIfIssues(CAPA_ROLE_IDENTITY_TYPE, name, validateCapaRoleIdentityArgs(name, args));

    const identityName = args.identityName ?? name;
    this.identityRef = { kind: CapaIdentityKind.ROLE, name: identityName };
    const spec: Record<string, unknown> = {
      roleARN: args.roleArn,
      sourceIdentityRef: { kind: args.sourceIdentityRef.kind, name: args.sourceIdentityRef.name },
      ...commonSpec(args),
    };
    if (args.sessionName !== undefined) spec.sessionName = args.sessionName;
    if (args.durationSeconds !== undefined) spec.durationSeconds = args.durationSeconds;
    if (args.externalId !== undefined) spec.externalID = pulumi.secret(args.externalId);

    this.identity = new k8s.apiextensions.CustomResource(`${name}-identity`, {
      apiVersion: CAPA_IDENTITY_API_VERSION,
      kind: CapaIdentityKind.ROLE,
      metadata: identityMetadata(identityName, args.clusterNames),
      spec,
    }, { parent: this });

    this.registerOutputs({ identityRef: this.identityRef });
  }
}
