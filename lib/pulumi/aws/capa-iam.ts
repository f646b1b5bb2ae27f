import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { isKnown, PropertyIssue, show, throwIfIssues } from './_issues';
import {
  CAPA_IAM_NAME_SUFFIX,
  CAPA_POLICIES,
  CAPA_ROLES,
  capaPolicyStatements,
  CapaPolicyKey,
  CapaRoleKey,
  IAM_POLICY_VERSION,
  IamStatement,
} from './capa-iam-policies';

/** Pulumi type token of {@link CapaIam}. */
export const CAPA_IAM_TYPE = 'capi-constructs:aws:CapaIam';

/** Arguments of {@link CapaIam}. Every field is optional: `{}` reproduces clusterawsadm's default stack. */
export interface CapaIamArgs {
  /**
   * Leave out everything that only serves EKS (clusterawsadm config `spec.eks.disable: true`): the
   * `controllers-eks` policy, the `eks-controlplane` role and the two AWS-managed EKS policies on the
   * nodes role. Use it when the management cluster only runs CAPA's unmanaged (kubeadm) clusters.
   * @default false (the EKS parts are created, as in clusterawsadm's default template)
   */
  readonly disableEks?: boolean;

  /**
   * ARN of an IAM policy set as the permissions boundary of every role.
   * @default - no permissions boundary (as upstream)
   */
  readonly permissionsBoundary?: pulumi.Input<string>;

  /**
   * IAM path of every role, instance profile and policy: `/` or `/<segments>/`. CAPA refers to the
   * instance profiles by name and the controllers policy passes `role/*.cluster-api-provider-aws.sigs.k8s.io`,
   * which matches roles under any path.
   * @default '/'
   */
  readonly path?: string;

  /**
   * AWS partition written into the few ARNs upstream does not wildcard (AWS-managed policy ARNs, the
   * `iam:GetPolicy` resource and the Fargate service-linked role): `aws`, `aws-cn`, `aws-us-gov`, ...
   * @default 'aws'
   */
  readonly partition?: string;

  /**
   * Tags added to every role, instance profile and policy.
   * @default - no tags (as upstream)
   */
  readonly tags?: Record<string, string>;
}

/** A trust or permission policy document in IAM's JSON shape. */
export interface IamPolicyDocument {
  readonly Version: string;
  readonly Statement: readonly (IamStatement | IamTrustStatement)[];
}

/** A statement of a role's trust policy. */
export interface IamTrustStatement {
  readonly Effect: 'Allow';
  readonly Principal: { readonly Service: readonly string[] };
  readonly Action: readonly string[];
}

/** One role as {@link planCapaIam} lays it out. */
export interface PlannedCapaRole {
  readonly key: CapaRoleKey;
  /** Short form of the name, used in Pulumi resource names (`control-plane`, `nodes`, ...). */
  readonly slug: string;
  readonly name: string;
  readonly assumeRolePolicy: IamPolicyDocument;
  /** ARNs of AWS-managed policies to attach. */
  readonly awsManagedPolicyArns: readonly string[];
  /** Name of the instance profile wrapping the role, if it has one. */
  readonly instanceProfileName?: string;
}

/** One customer-managed policy as {@link planCapaIam} lays it out. */
export interface PlannedCapaPolicy {
  readonly key: CapaPolicyKey;
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  readonly document: IamPolicyDocument;
  /** Keys of the roles it is attached to. */
  readonly roles: readonly CapaRoleKey[];
}

/** Everything {@link CapaIam} creates, as plain data. */
export interface CapaIamPlan {
  readonly roles: readonly PlannedCapaRole[];
  readonly policies: readonly PlannedCapaPolicy[];
}

const DEFAULT_PARTITION = 'aws';
const IAM_PATH = /^\/$|^\/[\u0021-\u007E]+\/$/;
const PARTITION = /^aws(-[a-z]+)*$/;
const POLICY_ARN = /^arn:aws(-[a-z]+)*:iam::(\d{12}|aws):policy\/.+$/;

const slugOf = (name: string) => name.slice(0, -CAPA_IAM_NAME_SUFFIX.length);

/**
 * Lays out the roles, instance profiles, policies and attachments of clusterawsadm's bootstrap
 * template (CAPA v2.11.1) as plain data. Pure: {@link CapaIam} turns the result into resources.
 */
export function planCapaIam(options: Pick<CapaIamArgs, 'disableEks' | 'partition'> = {}): CapaIamPlan {
  const eks = !options.disableEks;
  const partition = options.partition ?? DEFAULT_PARTITION;
  const statements = capaPolicyStatements(partition);
  const roles = CAPA_ROLES.filter(r => eks || !r.eksOnly).map((r): PlannedCapaRole => ({
    key: r.key,
    slug: slugOf(r.name),
    name: r.name,
    assumeRolePolicy: {
      Version: IAM_POLICY_VERSION,
      Statement: [{ Effect: 'Allow', Principal: { Service: [r.trustedService] }, Action: ['sts:AssumeRole'] }],
    },
    awsManagedPolicyArns: eks ? r.eksAwsManagedPolicies.map(p => `arn:${partition}:iam::aws:policy/${p}`) : [],
    instanceProfileName: r.instanceProfile?.name,
  }));
  const policies = CAPA_POLICIES.filter(p => eks || !p.eksOnly).map((p): PlannedCapaPolicy => ({
    key: p.key,
    slug: slugOf(p.name),
    name: p.name,
    description: p.description,
    document: { Version: IAM_POLICY_VERSION, Statement: statements[p.key] },
    roles: p.roles,
  }));
  return { roles, policies };
}

/** Every problem with {@link CapaIamArgs}; empty when they are valid. Pure. */
export function validateCapaIamArgs(args: CapaIamArgs): PropertyIssue[] {
  const issues: PropertyIssue[] = [];
  if (args.path !== undefined && (args.path.length > 512 || !IAM_PATH.test(args.path))) {
    issues.push({
      propertyPath: 'path',
      reason: `IAM path ${show(args.path)} is not valid: it must be "/" or start and end with "/" (e.g. "/capi/"), ` +
        'hold printable ASCII without spaces and be at most 512 characters. Fix the path or leave it out for "/".',
    });
  }
  if (args.partition !== undefined && !PARTITION.test(args.partition)) {
    issues.push({
      propertyPath: 'partition',
      reason: `partition ${show(args.partition)} is not an AWS partition; use "aws", "aws-cn", "aws-us-gov" or another ` +
        '"aws-..." partition name, or leave it out for "aws".',
    });
  }
  if (isKnown(args.permissionsBoundary) && !POLICY_ARN.test(args.permissionsBoundary)) {
    issues.push({
      propertyPath: 'permissionsBoundary',
      reason: `permissionsBoundary ${show(args.permissionsBoundary)} is not an IAM policy ARN; give one like ` +
        '"arn:aws:iam::123456789012:policy/capa-boundary", or leave it out for no boundary.',
    });
  }
  issues.push(...awsTagIssues(args.tags, 'tags'));
  return issues;
}

/**
 * Problems with AWS resource tags: key 1..128 characters and not under the reserved `aws:` prefix,
 * value at most 256 characters. Shared by the AWS components.
 */
export function awsTagIssues(tags: Record<string, string> | undefined, propertyPath: string): PropertyIssue[] {
  const issues: PropertyIssue[] = [];
  for (const [key, value] of Object.entries(tags ?? {})) {
    const at = `${propertyPath}[${show(key)}]`;
    if (key.length === 0 || key.length > 128 || key.toLowerCase().startsWith('aws:')) {
      issues.push({
        propertyPath: at,
        reason: `tag key ${show(key)} is not allowed: AWS tag keys have 1 to 128 characters and must not start with ` +
          '"aws:" (reserved for AWS). Rename the tag.',
      });
    }
    if (typeof value !== 'string' || value.length > 256) {
      issues.push({
        propertyPath: at,
        reason: `tag value ${show(value)} is not allowed: AWS tag values are strings of at most 256 characters. Shorten it.`,
      });
    }
  }
  return issues;
}

/**
 * The AWS IAM prerequisites of Cluster API Provider AWS (CAPA) v2.11.1: what
 * `clusterawsadm bootstrap iam create-cloudformation-stack` creates with its default template, as
 * Pulumi resources. Four roles (`control-plane`, `controllers`, `nodes`, `eks-controlplane`), three
 * instance profiles, four customer-managed policies and their attachments, all with the fixed upstream
 * names `<x>.cluster-api-provider-aws.sigs.k8s.io` (no random suffixes: CAPA's templates and the
 * controllers policy's `iam:PassRole` rely on those names). IAM names are global to an account, so
 * create one `CapaIam` per AWS account.
 *
 * Resources are named `${name}-<role>-role`, `${name}-<role>-profile`, `${name}-<policy>-policy` and
 * `${name}-<role>-<policy>` for attachments.
 */
export class CapaIam extends pulumi.ComponentResource {
  /** Instance profile of control-plane machines (`AWSMachineTemplate.spec.template.spec.iamInstanceProfile`). */
  public readonly controlPlaneInstanceProfileName: pulumi.Output<string>;
  /** Instance profile of worker machines. */
  public readonly nodesInstanceProfileName: pulumi.Output<string>;
  /** Instance profile for machines that run the CAPA controllers themselves. */
  public readonly controllersInstanceProfileName: pulumi.Output<string>;
  public readonly controlPlaneRoleName: pulumi.Output<string>;
  public readonly controlPlaneRoleArn: pulumi.Output<string>;
  public readonly nodesRoleName: pulumi.Output<string>;
  public readonly nodesRoleArn: pulumi.Output<string>;
  /** Role whose permissions the CAPA controllers need (assume it, or run on its instance profile). */
  public readonly controllersRoleName: pulumi.Output<string>;
  public readonly controllersRoleArn: pulumi.Output<string>;
  /** The EKS control-plane role; undefined with `disableEks`. */
  public readonly eksControlPlaneRoleName: pulumi.Output<string | undefined>;
  public readonly eksControlPlaneRoleArn: pulumi.Output<string | undefined>;
  public readonly controlPlanePolicyArn: pulumi.Output<string>;
  public readonly nodesPolicyArn: pulumi.Output<string>;
  /** The controllers policy, e.g. to attach to the principal of an `AWSClusterStaticIdentity`. */
  public readonly controllersPolicyArn: pulumi.Output<string>;
  /** The controllers' EKS policy; undefined with `disableEks`. */
  public readonly controllersEksPolicyArn: pulumi.Output<string | undefined>;
  /** Escape hatch: the roles by key (`eksControlPlane` is absent with `disableEks`). */
  public readonly roles: Readonly<Partial<Record<CapaRoleKey, aws.iam.Role>>>;
  /** Escape hatch: the customer-managed policies by key (`controllersEks` is absent with `disableEks`). */
  public readonly policies: Readonly<Partial<Record<CapaPolicyKey, aws.iam.Policy>>>;
  /** Escape hatch: the instance profiles by role key. */
  public readonly instanceProfiles: Readonly<Partial<Record<CapaRoleKey, aws.iam.InstanceProfile>>>;

  constructor(name: string, args: CapaIamArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(CAPA_IAM_TYPE, name, {}, opts);
    throwIfIssues(CAPA_IAM_TYPE, name, validateCapaIamArgs(args));

    const plan = planCapaIam(args);
    const parent = { parent: this };
    const common = { path: args.path, tags: args.tags };

    const roles: Partial<Record<CapaRoleKey, aws.iam.Role>> = {};
    const profiles: Partial<Record<CapaRoleKey, aws.iam.InstanceProfile>> = {};
    for (const r of plan.roles) {
      const role = new aws.iam.Role(`${name}-${r.slug}-role`, {
        ...common,
        name: r.name,
        assumeRolePolicy: JSON.stringify(r.assumeRolePolicy),
        permissionsBoundary: args.permissionsBoundary,
      }, parent);
      roles[r.key] = role;
      for (const arn of r.awsManagedPolicyArns) {
        new aws.iam.RolePolicyAttachment(`${name}-${r.slug}-${arn.split('/').pop()}`, { role: role.name, policyArn: arn }, parent);
      }
      if (r.instanceProfileName) {
        profiles[r.key] = new aws.iam.InstanceProfile(`${name}-${r.slug}-profile`, {
          ...common,
          name: r.instanceProfileName,
          role: role.name,
        }, parent);
      }
    }

    const policies: Partial<Record<CapaPolicyKey, aws.iam.Policy>> = {};
    for (const p of plan.policies) {
      const policy = new aws.iam.Policy(`${name}-${p.slug}-policy`, {
        ...common,
        name: p.name,
        description: p.description,
        policy: JSON.stringify(p.document),
      }, parent);
      policies[p.key] = policy;
      for (const roleKey of p.roles) {
        const role = roles[roleKey]!;
        const roleSlug = plan.roles.find(r => r.key === roleKey)!.slug;
        new aws.iam.RolePolicyAttachment(`${name}-${roleSlug}-${p.slug}`, { role: role.name, policyArn: policy.arn }, parent);
      }
    }

    this.roles = roles;
    this.policies = policies;
    this.instanceProfiles = profiles;
    const optional = (o: { name?: pulumi.Output<string>; arn?: pulumi.Output<string> } | undefined, field: 'name' | 'arn') =>
      o?.[field] ?? pulumi.output<string | undefined>(undefined);
    this.controlPlaneInstanceProfileName = profiles.controlPlane!.name;
    this.nodesInstanceProfileName = profiles.nodes!.name;
    this.controllersInstanceProfileName = profiles.controllers!.name;
    this.controlPlaneRoleName = roles.controlPlane!.name;
    this.controlPlaneRoleArn = roles.controlPlane!.arn;
    this.nodesRoleName = roles.nodes!.name;
    this.nodesRoleArn = roles.nodes!.arn;
    this.controllersRoleName = roles.controllers!.name;
    this.controllersRoleArn = roles.controllers!.arn;
    this.eksControlPlaneRoleName = optional(roles.eksControlPlane, 'name');
    this.eksControlPlaneRoleArn = optional(roles.eksControlPlane, 'arn');
    this.controlPlanePolicyArn = policies.controlPlane!.arn;
    this.nodesPolicyArn = policies.nodes!.arn;
    this.controllersPolicyArn = policies.controllers!.arn;
    this.controllersEksPolicyArn = optional(policies.controllersEks, 'arn');

    this.registerOutputs({
      controlPlaneInstanceProfileName: this.controlPlaneInstanceProfileName,
      nodesInstanceProfileName: this.nodesInstanceProfileName,
      controllersInstanceProfileName: this.controllersInstanceProfileName,
      controlPlaneRoleName: this.controlPlaneRoleName,
      controlPlaneRoleArn: this.controlPlaneRoleArn,
      nodesRoleName: this.nodesRoleName,
      nodesRoleArn: this.nodesRoleArn,
      controllersRoleName: this.controllersRoleName,
      controllersRoleArn: this.controllersRoleArn,
      eksControlPlaneRoleName: this.eksControlPlaneRoleName,
      eksControlPlaneRoleArn: this.eksControlPlaneRoleArn,
      controlPlanePolicyArn: this.controlPlanePolicyArn,
      nodesPolicyArn: this.nodesPolicyArn,
      controllersPolicyArn: this.controllersPolicyArn,
      controllersEksPolicyArn: this.controllersEksPolicyArn,
    });
  }
}
