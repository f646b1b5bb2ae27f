import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AwsRoleIdentitySpec, AwsStaticIdentitySpec, CapaIdentityKind, CapaIdentityRef, renderAwsRoleIdentity, renderAwsStaticIdentity,
  validateAwsRoleIdentity, validateAwsStaticIdentity,
} from '../providers/aws/identities';
import { throwIfIssues } from './_construct-issues';
import { RenderedApiObject } from './_rendered-object';
import { cdk8sYamlIssues } from './_yaml-safety';

/** Props of an AwsStaticIdentity: the core spec, with the name defaulting to the construct id. */
export interface AwsStaticIdentityProps extends Omit<AwsStaticIdentitySpec, 'name'> {
  /** `metadata.name` of the identity. @default - the construct id */
  readonly name?: string;
}

/** Props of an AwsRoleIdentity: the core spec, with the name defaulting to the construct id. */
export interface AwsRoleIdentityProps extends Omit<AwsRoleIdentitySpec, 'name'> {
  /** `metadata.name` of the identity. @default - the construct id */
  readonly name?: string;
}

/**
 * CAPA's `AWSClusterStaticIdentity` (cluster-scoped): CAPA reads an access key from the Secret
 * `secretName` in its own namespace. The construct never carries the keys: create the Secret
 * outside Git (an ExternalSecret, a sealed secret, Pulumi's CapaStaticIdentity). Identities are
 * shared by many clusters: put each in one chart of its own (or a shared chart), not in every
 * cluster's chart, and reference it from `infrastructure.aws.identity` with `identityRef`.
 */
export class AwsStaticIdentity extends Construct {
  /** For `infrastructure.aws.identity` of the clusters that use it. */
  public readonly identityRef: CapaIdentityRef;
  /** The identity object. */
  public readonly identity: ApiObject;

  constructor(scope: Construct, id: string, props: AwsStaticIdentityProps) {
    super(scope, id);
    const spec: AwsStaticIdentitySpec = { ...props, name: props.name ?? id };
    throwIfIssues(this, validateAwsStaticIdentity(spec));
    this.identityRef = { kind: CapaIdentityKind.STATIC, name: spec.name };
    const manifest = renderAwsStaticIdentity(spec);
    throwIfIssues(this, cdk8sYamlIssues([manifest]));
    this.identity = new RenderedApiObject(this, 'Resource', manifest, () => manifest);
  }
}

/**
 * CAPA's `AWSClusterRoleIdentity` (cluster-scoped): CAPA assumes `roleArn` with the credentials
 * of `sourceIdentityRef`. Emit it once, in a chart of its own or a shared chart.
 */
export class AwsRoleIdentity extends Construct {
  /** For `infrastructure.aws.identity`, or another role identity's `sourceIdentityRef`. */
  public readonly identityRef: CapaIdentityRef;
  /** The identity object. */
  public readonly identity: ApiObject;

  constructor(scope: Construct, id: string, props: AwsRoleIdentityProps) {
    super(scope, id);
    const spec: AwsRoleIdentitySpec = { ...props, name: props.name ?? id };
    throwIfIssues(this, validateAwsRoleIdentity(spec));
    this.identityRef = { kind: CapaIdentityKind.ROLE, name: spec.name };
    const manifest = renderAwsRoleIdentity(spec);
    throwIfIssues(this, cdk8sYamlIssues([manifest]));
    this.identity = new RenderedApiObject(this, 'Resource', manifest, () => manifest);
  }
}
