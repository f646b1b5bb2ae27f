import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import {
  AllowedNamespaces, AwsIdentityCommonSpec, CapaIdentityKind, CapaIdentityRef, DEFAULT_CAPA_NAMESPACE, identityMetadata,
  renderAwsRoleIdentity, renderAwsStaticIdentity, validateAwsRoleIdentity, validateAwsStaticIdentity,
} from '../../providers/aws/identities';
import { ValidationIssue } from '../../support/issues';
import { objectNameProblem } from '../../support/names';
import { isKnown, PropertyIssue, show, throwIfIssues } from './_issues';

/** Pulumi type token of {@link CapaStaticIdentity}. */
export const CAPA_STATIC_IDENTITY_TYPE = 'capi-constructs:aws:CapaStaticIdentity';
/** Pulumi type token of {@link CapaRoleIdentity}. */
export const CAPA_ROLE_IDENTITY_TYPE = 'capi-constructs:aws:CapaRoleIdentity';

export { AllowedNamespaces, CapaIdentityKind, DEFAULT_CAPA_NAMESPACE };
export type { CapaIdentityRef };

/** Fields both identity components share. */
export interface CapaIdentityCommonArgs extends Omit<AwsIdentityCommonSpec, 'name' | 'clusterNames'> {
  /**
   * `metadata.name` of the identity object (cluster-scoped), used in `AWSCluster.spec.identityRef`.
   * @default - the component name
   */
  readonly identityName?: string;

  /**
   * Names of the CAPI clusters that use this identity, written as the annotation
   * `capi-constructs.io/clusters: "a,b"` so tools can tell which clusters depend on it.
   * @default - no annotation
   */
  readonly clusterNames?: readonly string[];
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

/** Placeholders the core validates in place of values that are not known yet (Pulumi Outputs). */
const UNKNOWN_ROLE_ARN = 'arn:aws:iam::000000000000:role/pulumi-input';
const UNKNOWN_SESSION_NAME = 'pulumi-input';

function toPropertyIssues(issues: readonly ValidationIssue[], namePath: string): PropertyIssue[] {
  return issues.map(i => ({ propertyPath: i.path === 'name' ? namePath : i.path, reason: i.message }));
}

function namespaceProblem(value: unknown): string | undefined {
  return objectNameProblem(value as string, 'label')
    ? "must be a DNS-1123 label (lowercase letters, digits, '-', starting and ending with a letter or digit, at most 63 characters)"
    : undefined;
}

/** Every problem with {@link CapaStaticIdentityArgs}; empty when valid. Pure. */
export function validateCapaStaticIdentityArgs(name: string, args: CapaStaticIdentityArgs): PropertyIssue[] {
  const identityName = args.identityName ?? name;
  const issues = toPropertyIssues(validateAwsStaticIdentity({
    name: identityName, allowedNamespaces: args.allowedNamespaces, clusterNames: args.clusterNames,
    secretName: args.secretName ?? `${identityName}-credentials`,
    // A derived Secret name is only wrong when the identity name is, which is reported already.
  }, 'identityName').filter(i => i.path !== 'secretName' || args.secretName !== undefined), 'identityName');
  for (const field of ['accessKeyId', 'secretAccessKey'] as const) {
    const value = args[field];
    if (value === undefined || value === null || (isKnown(value) && value === '')) {
      issues.push({ propertyPath: field, reason: `${field} is required and must not be empty; pass it from stack config as a secret, e.g. config.requireSecret('${field}').` });
    }
  }
  if (args.controllerNamespace !== undefined) {
    const p = namespaceProblem(args.controllerNamespace);
    if (p) issues.push({ propertyPath: 'controllerNamespace', reason: `namespace ${show(args.controllerNamespace)} ${p}; give the namespace the CAPA controller runs in (default "${DEFAULT_CAPA_NAMESPACE}").` });
  }
  return issues;
}

/** Every problem with {@link CapaRoleIdentityArgs}; empty when valid. Pure. */
export function validateCapaRoleIdentityArgs(name: string, args: CapaRoleIdentityArgs): PropertyIssue[] {
  return toPropertyIssues(validateAwsRoleIdentity(roleSpec(name, args), 'identityName'), 'identityName');
}

/** The core spec of a role identity, with placeholders where a value is an unresolved Input. */
function roleSpec(name: string, args: CapaRoleIdentityArgs) {
  return {
    name: args.identityName ?? name,
    allowedNamespaces: args.allowedNamespaces,
    clusterNames: args.clusterNames,
    roleArn: args.roleArn === undefined || isKnown(args.roleArn) ? args.roleArn as string : UNKNOWN_ROLE_ARN,
    sourceIdentityRef: args.sourceIdentityRef,
    sessionName: args.sessionName === undefined || isKnown(args.sessionName) ? args.sessionName as string | undefined : UNKNOWN_SESSION_NAME,
    durationSeconds: args.durationSeconds,
  };
}

/**
 * CAPA credentials from an access key: an `AWSClusterStaticIdentity` (cluster-scoped, rendered by
 * the core) and the Secret it points to, in the CAPA controller's namespace (`capa-system` by
 * default). Every credential is a Pulumi secret (the Secret's whole `stringData` is wrapped), so
 * nothing is stored in plain text in the state or outputs. CAPA later adds an ownerReference to
 * the Secret; that is expected.
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

    const credentials: Record<string, pulumi.Input<string>> = {
      AccessKeyID: pulumi.secret(args.accessKeyId),
      SecretAccessKey: pulumi.secret(args.secretAccessKey),
    };
    if (args.sessionToken !== undefined) credentials.SessionToken = pulumi.secret(args.sessionToken);

    this.secret = new k8s.core.v1.Secret(`${name}-secret`, {
      metadata: { ...identityMetadata(identityName, args.clusterNames), name: this.secretName, namespace: this.secretNamespace },
      type: 'Opaque',
      stringData: pulumi.secret(credentials),
    }, { parent: this });

    const manifest = renderAwsStaticIdentity({ name: identityName, secretName: this.secretName, allowedNamespaces: args.allowedNamespaces, clusterNames: args.clusterNames });
    this.identity = new k8s.apiextensions.CustomResource(`${name}-identity`, manifest as k8s.apiextensions.CustomResourceArgs, { parent: this, dependsOn: [this.secret] });

    this.registerOutputs({ identityRef: this.identityRef, secretName: this.secretName, secretNamespace: this.secretNamespace });
  }
}

/**
 * An `AWSClusterRoleIdentity` (cluster-scoped, rendered by the core): CAPA assumes `roleArn` with
 * the credentials of `sourceIdentityRef` (the controller identity, a static identity or another
 * role identity). The external id, if any, is a Pulumi secret. Pass the management cluster's
 * Kubernetes provider in `opts`. Child: `${name}-identity`.
 */
export class CapaRoleIdentity extends pulumi.ComponentResource {
  /** For `AWSCluster.spec.identityRef` or another role identity's `sourceIdentityRef`. */
  public readonly identityRef: CapaIdentityRef;
  /** Escape hatch: the AWSClusterRoleIdentity object. */
  public readonly identity: k8s.apiextensions.CustomResource;

  constructor(name: string, args: CapaRoleIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CAPA_ROLE_IDENTITY_TYPE, name, {}, opts);
    throwIfIssues(CAPA_ROLE_IDENTITY_TYPE, name, validateCapaRoleIdentityArgs(name, args));

    const spec = roleSpec(name, args);
    this.identityRef = { kind: CapaIdentityKind.ROLE, name: spec.name };
    const manifest = renderAwsRoleIdentity(spec);
    // Inputs go back in place of the placeholders the core saw; the external id is a secret.
    const body: Record<string, unknown> = { ...(manifest.spec as Record<string, unknown>), roleARN: args.roleArn };
    if (args.sessionName !== undefined) body.sessionName = args.sessionName;
    if (args.externalId !== undefined) body.externalID = pulumi.secret(args.externalId);
    this.identity = new k8s.apiextensions.CustomResource(`${name}-identity`, { ...manifest, spec: body } as k8s.apiextensions.CustomResourceArgs, { parent: this });

    this.registerOutputs({ identityRef: this.identityRef });
  }
}
