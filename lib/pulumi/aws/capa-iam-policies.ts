/**
 * The IAM data of CAPA v2.11.1's `clusterawsadm bootstrap iam create-cloudformation-stack` default
 * template, as TypeScript data (the library must not read the upstream files at runtime).
 *
 * Derived from kubernetes-sigs/cluster-api-provider-aws tag v2.11.1 (commit
 * eaa4c99b64d76179cb37e465808f6f00360d0bcc), `cmd/clusterawsadm/cloudformation/bootstrap/fixtures/
 * default.yaml` and `with_eks_disable.yaml` (Apache-2.0). Statement order and action order follow the
 * fixture; the one action the fixture repeats (`ec2:DescribeInstanceTypes` in the controllers policy)
 * is listed once. `test/pulumi/aws/capa-iam.test.ts` holds this data against the upstream summary.
 */

/** Version of CAPA whose bootstrap template this data reproduces. */
export const CAPA_IAM_VERSION = 'v2.11.1';

/** Suffix of every IAM name in the template; the controllers policy only passes roles named `*<suffix>`. */
export const CAPA_IAM_NAME_SUFFIX = '.cluster-api-provider-aws.sigs.k8s.io';

/** IAM policy document version used by every upstream policy. */
export const IAM_POLICY_VERSION = '2012-10-17';

/** The roles of the template, by short key. */
export type CapaRoleKey = 'controlPlane' | 'controllers' | 'nodes' | 'eksControlPlane';

/** The customer-managed policies of the template, by short key. */
export type CapaPolicyKey = 'controlPlane' | 'nodes' | 'controllers' | 'controllersEks';

/** One statement of an IAM policy document, in IAM's own field names. */
export interface IamStatement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** One role of the template. */
export interface CapaRoleData {
  readonly key: CapaRoleKey;
  /** CloudFormation logical id upstream (kept for traceability and tests). */
  readonly logicalId: string;
  /** The fixed IAM role name. */
  readonly name: string;
  /** The AWS service trusted to assume the role. */
  readonly trustedService: string;
  /**
   * Names of AWS-managed policies attached to the role (ARN `arn:<partition>:iam::aws:policy/<name>`).
   * Every one of them serves EKS: the EKS-disabled template attaches none.
   */
  readonly eksAwsManagedPolicies: readonly string[];
  /** Logical id and name of the instance profile wrapping this role, if any. */
  readonly instanceProfile?: { readonly logicalId: string; readonly name: string };
  /** True when the role only exists with EKS support enabled. */
  readonly eksOnly: boolean;
}

/** One customer-managed policy of the template. */
export interface CapaPolicyData {
  readonly key: CapaPolicyKey;
  readonly logicalId: string;
  readonly name: string;
  readonly description: string;
  /** Roles the policy is attached to, in upstream order. */
  readonly roles: readonly CapaRoleKey[];
  /** True when the policy only exists with EKS support enabled. */
  readonly eksOnly: boolean;
}

const n = (prefix: string) => `${prefix}${CAPA_IAM_NAME_SUFFIX}`;

/** The four roles, in the order the component creates them. */
export const CAPA_ROLES: readonly CapaRoleData[] = [
  {
    key: 'controlPlane',
    logicalId: 'AWSIAMRoleControlPlane',
    name: n('control-plane'),
    trustedService: 'ec2.amazonaws.com',
    eksAwsManagedPolicies: [],
    instanceProfile: { logicalId: 'AWSIAMInstanceProfileControlPlane', name: n('control-plane') },
    eksOnly: false,
  },
  {
    key: 'controllers',
    logicalId: 'AWSIAMRoleControllers',
    name: n('controllers'),
    trustedService: 'ec2.amazonaws.com',
    eksAwsManagedPolicies: [],
    instanceProfile: { logicalId: 'AWSIAMInstanceProfileControllers', name: n('controllers') },
    eksOnly: false,
  },
  {
    key: 'nodes',
    logicalId: 'AWSIAMRoleNodes',
    name: n('nodes'),
    trustedService: 'ec2.amazonaws.com',
    eksAwsManagedPolicies: ['AmazonEKSWorkerNodePolicy', 'AmazonEKS_CNI_Policy'],
    instanceProfile: { logicalId: 'AWSIAMInstanceProfileNodes', name: n('nodes') },
    eksOnly: false,
  },
  {
    key: 'eksControlPlane',
    logicalId: 'AWSIAMRoleEKSControlPlane',
    name: n('eks-controlplane'),
    trustedService: 'eks.amazonaws.com',
    eksAwsManagedPolicies: ['AmazonEKSClusterPolicy'],
    eksOnly: true,
  },
];

/** The four customer-managed policies, in upstream order, without their documents. */
export const CAPA_POLICIES: readonly CapaPolicyData[] = [
  {
    key: 'controlPlane',
    logicalId: 'AWSIAMManagedPolicyCloudProviderControlPlane',
    name: n('control-plane'),
    description: 'For the Kubernetes Cloud Provider AWS Control Plane',
    roles: ['controlPlane'],
    eksOnly: false,
  },
  {
    key: 'nodes',
    logicalId: 'AWSIAMManagedPolicyCloudProviderNodes',
    name: n('nodes'),
    description: 'For the Kubernetes Cloud Provider AWS nodes',
    roles: ['controlPlane', 'nodes'],
    eksOnly: false,
  },
  {
    key: 'controllers',
    logicalId: 'AWSIAMManagedPolicyControllers',
    name: n('controllers'),
    description: 'For the Kubernetes Cluster API Provider AWS Controllers',
    roles: ['controllers', 'controlPlane'],
    eksOnly: false,
  },
  {
    key: 'controllersEks',
    logicalId: 'AWSIAMManagedPolicyControllersEKS',
    name: n('controllers-eks'),
    description: 'For the Kubernetes Cluster API Provider AWS Controllers',
    roles: ['controllers', 'controlPlane'],
    eksOnly: true,
  },
];

/**
 * The statements of each customer-managed policy. Upstream writes ARNs with an `arn:*:` wildcard
 * except for a few that use the configured partition (`aws` by default), so those depend on it.
 */
export function capaPolicyStatements(partition: string): Readonly<Record<CapaPolicyKey, readonly IamStatement[]>> {
  return {
    controlPlane: [
      {
        Effect: 'Allow',
        Action: [
          'autoscaling:DescribeAutoScalingGroups', 'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeTags', 'ec2:AssignIpv6Addresses', 'ec2:DescribeInstances',
          'ec2:DescribeImages', 'ec2:DescribeRegions', 'ec2:DescribeRouteTables',
          'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVolumes',
          'ec2:CreateSecurityGroup', 'ec2:CreateTags', 'ec2:CreateVolume', 'ec2:ModifyInstanceAttribute',
          'ec2:ModifyVolume', 'ec2:AttachVolume', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:CreateRoute',
          'ec2:DeleteRoute', 'ec2:DeleteSecurityGroup', 'ec2:DeleteVolume', 'ec2:DetachVolume',
          'ec2:RevokeSecurityGroupIngress', 'ec2:DescribeVpcs', 'elasticloadbalancing:AddTags',
          'elasticloadbalancing:AttachLoadBalancerToSubnets',
          'elasticloadbalancing:ApplySecurityGroupsToLoadBalancer', 'elasticloadbalancing:SetSecurityGroups',
          'elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateLoadBalancerPolicy',
          'elasticloadbalancing:CreateLoadBalancerListeners', 'elasticloadbalancing:ConfigureHealthCheck',
          'elasticloadbalancing:DeleteLoadBalancer', 'elasticloadbalancing:DeleteLoadBalancerListeners',
          'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeLoadBalancerAttributes',
          'elasticloadbalancing:DetachLoadBalancerFromSubnets',
          'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
          'elasticloadbalancing:ModifyLoadBalancerAttributes',
          'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
          'elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer',
          'elasticloadbalancing:CreateListener', 'elasticloadbalancing:CreateTargetGroup',
          'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:DeleteTargetGroup',
          'elasticloadbalancing:DeregisterTargets', 'elasticloadbalancing:DescribeListeners',
          'elasticloadbalancing:DescribeLoadBalancerPolicies', 'elasticloadbalancing:DescribeTargetGroups',
          'elasticloadbalancing:DescribeTargetHealth', 'elasticloadbalancing:ModifyListener',
          'elasticloadbalancing:ModifyTargetGroup', 'elasticloadbalancing:RegisterTargets',
          'elasticloadbalancing:SetLoadBalancerPoliciesOfListener', 'iam:CreateServiceLinkedRole',
          'kms:DescribeKey',
        ],
        Resource: ['*'],
      },
    ],
    nodes: [
      {
        Effect: 'Allow',
        Action: [
          'ec2:AssignIpv6Addresses', 'ec2:DescribeInstances', 'ec2:DescribeRegions', 'ec2:CreateTags',
          'ec2:DescribeTags', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeInstanceTypes',
          'ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer',
          'ecr:GetRepositoryPolicy', 'ecr:DescribeRepositories', 'ecr:ListImages', 'ecr:BatchGetImage',
        ],
        Resource: ['*'],
      },
      {
        Effect: 'Allow',
        Action: ['secretsmanager:DeleteSecret', 'secretsmanager:GetSecretValue'],
        Resource: ['arn:*:secretsmanager:*:*:secret:aws.cluster.x-k8s.io/*'],
      },
      {
        Effect: 'Allow',
        Action: [
          'ssm:UpdateInstanceInformation', 'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel',
          's3:GetEncryptionConfiguration',
        ],
        Resource: ['*'],
      },
    ],
    controllers: [
      {
        Effect: 'Allow',
        Action: [
          'ec2:DescribeIpamPools', 'ec2:AllocateIpamPoolCidr', 'ec2:AttachNetworkInterface',
          'ec2:DetachNetworkInterface', 'ec2:AllocateAddress', 'ec2:AssignIpv6Addresses',
          'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', 'ec2:AssociateRouteTable',
          'ec2:AssociateVpcCidrBlock', 'ec2:AttachInternetGateway', 'ec2:AuthorizeSecurityGroupIngress',
          'ec2:CreateCarrierGateway', 'ec2:CreateInternetGateway', 'ec2:CreateEgressOnlyInternetGateway',
          'ec2:CreateNatGateway', 'ec2:CreateNetworkInterface', 'ec2:CreateRoute', 'ec2:CreateRouteTable',
          'ec2:CreateSecurityGroup', 'ec2:CreateSubnet', 'ec2:CreateTags', 'ec2:CreateVpc',
          'ec2:CreateVpcEndpoint', 'ec2:DisassociateVpcCidrBlock', 'ec2:ModifyVpcAttribute',
          'ec2:ModifyVpcEndpoint', 'ec2:DeleteCarrierGateway', 'ec2:DeleteInternetGateway',
          'ec2:DeleteEgressOnlyInternetGateway', 'ec2:DeleteNatGateway', 'ec2:DeleteRouteTable',
          'ec2:ReplaceRoute', 'ec2:DeleteSecurityGroup', 'ec2:DeleteSubnet', 'ec2:DeleteTags',
          'ec2:DeleteVpc', 'ec2:DeleteVpcEndpoints', 'ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses',
          'ec2:DescribeAvailabilityZones', 'ec2:DescribeCarrierGateways', 'ec2:DescribeInstances',
          'ec2:DescribeInstanceTypes', 'ec2:DescribeInternetGateways',
          'ec2:DescribeEgressOnlyInternetGateways', 'ec2:DescribeImages', 'ec2:DescribeNatGateways',
          'ec2:DescribeNetworkInterfaces', 'ec2:DescribeNetworkInterfaceAttribute', 'ec2:DescribeRouteTables',
          'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'ec2:DescribeDhcpOptions',
          'ec2:DescribeVpcAttribute', 'ec2:DescribeVpcEndpoints', 'ec2:DescribeVolumes', 'ec2:DescribeTags',
          'ec2:DetachInternetGateway', 'ec2:DisassociateRouteTable', 'ec2:DisassociateAddress',
          'ec2:ModifyInstanceAttribute', 'ec2:ModifyNetworkInterfaceAttribute', 'ec2:ModifySubnetAttribute',
          'ec2:ReleaseAddress', 'ec2:RevokeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress',
          'ec2:RunInstances', 'ec2:TerminateInstances', 'ec2:GetSecurityGroupsForVpc', 'tag:GetResources',
          'elasticloadbalancing:AddTags', 'elasticloadbalancing:CreateLoadBalancer',
          'elasticloadbalancing:ConfigureHealthCheck', 'elasticloadbalancing:DeleteLoadBalancer',
          'elasticloadbalancing:DeleteTargetGroup', 'elasticloadbalancing:DescribeLoadBalancers',
          'elasticloadbalancing:DescribeLoadBalancerAttributes', 'elasticloadbalancing:DescribeTargetGroups',
          'elasticloadbalancing:ApplySecurityGroupsToLoadBalancer', 'elasticloadbalancing:SetSecurityGroups',
          'elasticloadbalancing:DescribeTags', 'elasticloadbalancing:ModifyLoadBalancerAttributes',
          'elasticloadbalancing:RegisterInstancesWithLoadBalancer',
          'elasticloadbalancing:DeregisterInstancesFromLoadBalancer', 'elasticloadbalancing:RemoveTags',
          'elasticloadbalancing:SetSubnets', 'elasticloadbalancing:ModifyTargetGroupAttributes',
          'elasticloadbalancing:CreateTargetGroup', 'elasticloadbalancing:DescribeListeners',
          'elasticloadbalancing:CreateListener', 'elasticloadbalancing:DescribeTargetHealth',
          'elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets',
          'elasticloadbalancing:DeleteListener', 'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeInstanceRefreshes', 'autoscaling:DeleteLifecycleHook',
          'autoscaling:DescribeLifecycleHooks', 'autoscaling:PutLifecycleHook', 'ec2:CreateLaunchTemplate',
          'ec2:CreateLaunchTemplateVersion', 'ec2:DescribeLaunchTemplates',
          'ec2:DescribeLaunchTemplateVersions', 'ec2:DeleteLaunchTemplate',
          'ec2:DeleteLaunchTemplateVersions', 'ec2:DescribeKeyPairs', 'ec2:ModifyInstanceMetadataOptions',
          'eks:CreateAccessEntry', 'eks:DeleteAccessEntry', 'eks:DescribeAccessEntry',
          'eks:UpdateAccessEntry', 'eks:ListAccessEntries', 'eks:AssociateAccessPolicy',
          'eks:DisassociateAccessPolicy', 'eks:ListAssociatedAccessPolicies',
        ],
        Resource: ['*'],
      },
      {
        Effect: 'Allow',
        Action: [
          'autoscaling:CancelInstanceRefresh', 'autoscaling:CreateAutoScalingGroup',
          'autoscaling:UpdateAutoScalingGroup', 'autoscaling:CreateOrUpdateTags',
          'autoscaling:StartInstanceRefresh', 'autoscaling:DeleteAutoScalingGroup', 'autoscaling:DeleteTags',
        ],
        Resource: ['arn:*:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/*'],
      },
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: [
          'arn:*:iam::*:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling',
        ],
        Condition: { 'StringLike': { 'iam:AWSServiceName': 'autoscaling.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: [
          
          'arn:*:iam::*:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing',
        ],
        Condition: { 'StringLike': { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: ['arn:*:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot'],
        Condition: { 'StringLike': { 'iam:AWSServiceName': 'spot.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: ['arn:*:iam::*:role/*.cluster-api-provider-aws.sigs.k8s.io'],
      },
      {
        Effect: 'Allow',
        Action: ['secretsmanager:CreateSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:TagResource'],
        Resource: ['arn:*:secretsmanager:*:*:secret:aws.cluster.x-k8s.io/*'],
      },
    ],
    controllersEks: [
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameter'],
        Resource: ['arn:*:ssm:*:*:parameter/aws/service/eks/optimized-ami/*'],
      },
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: ['arn:*:iam::*:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS'],
        Condition: { 'StringLike': { 'iam:AWSServiceName': 'eks.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: [
          
          'arn:*:iam::*:role/aws-service-role/eks-nodegroup.amazonaws.com/AWSServiceRoleForAmazonEKSNodegroup',
        ],
        Condition: { 'StringLike': { 'iam:AWSServiceName': 'eks-nodegroup.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole'],
        Resource: [
          
          `arn:${partition}:iam::*:role/aws-service-role/eks-fargate-pods.amazonaws.com/AWSServiceRoleForAmazonEKSForFargate`,
        ],
        Condition: { 'StringLike': { 'iam:AWSServiceName': 'eks-fargate.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['iam:GetRole', 'iam:ListAttachedRolePolicies'],
        Resource: ['arn:*:iam::*:role/*'],
      },
      {
        Effect: 'Allow',
        Action: ['iam:GetPolicy'],
        Resource: [`arn:${partition}:iam::aws:policy/AmazonEKSClusterPolicy`],
      },
      {
        Effect: 'Allow',
        Action: [
          'eks:DescribeCluster', 'eks:ListClusters', 'eks:CreateCluster', 'eks:TagResource',
          'eks:UpdateClusterVersion', 'eks:DeleteCluster', 'eks:UpdateClusterConfig', 'eks:UntagResource',
          'eks:UpdateNodegroupVersion', 'eks:DescribeNodegroup', 'eks:DeleteNodegroup',
          'eks:UpdateNodegroupConfig', 'eks:CreateNodegroup', 'eks:AssociateEncryptionConfig',
          'eks:ListIdentityProviderConfigs', 'eks:AssociateIdentityProviderConfig',
          'eks:DescribeIdentityProviderConfig', 'eks:DisassociateIdentityProviderConfig',
        ],
        Resource: ['arn:*:eks:*:*:cluster/*', 'arn:*:eks:*:*:nodegroup/*/*/*'],
      },
      {
        Effect: 'Allow',
        Action: [
          'ec2:AssociateVpcCidrBlock', 'ec2:DisassociateVpcCidrBlock', 'eks:ListAddons', 'eks:CreateAddon',
          'eks:DescribeAddonVersions', 'eks:DescribeAddon', 'eks:DeleteAddon', 'eks:UpdateAddon',
          'eks:TagResource', 'eks:DescribeFargateProfile', 'eks:CreateFargateProfile',
          'eks:DeleteFargateProfile',
        ],
        Resource: ['*'],
      },
      {
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: ['*'],
        Condition: { 'StringEquals': { 'iam:PassedToService': 'eks.amazonaws.com' } },
      },
      {
        Effect: 'Allow',
        Action: ['kms:CreateGrant', 'kms:DescribeKey'],
        Resource: ['*'],
        Condition: { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/cluster-api-provider-aws-*' } },
      },
    ],
  };
}
