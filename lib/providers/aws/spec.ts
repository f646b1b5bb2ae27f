/** The AWS provider's spec sections (CAPA v2.11.1, `infrastructure.cluster.x-k8s.io/v1beta2`). */

/** Settings of the AWSCluster (CAPA v2.11, `infrastructure.cluster.x-k8s.io/v1beta2`). */
export interface AwsClusterSpec {
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /**
   * EC2 key pair for the cluster's machines. An empty string means no key.
   * @default - CAPA's default key pair name (`default`)
   */
  readonly sshKeyName?: string;
  /** Network: CAPA-managed (default) or an existing VPC. @default - managed VPC 10.0.0.0/16 over 3 AZs */
  readonly network?: AwsNetworkSpec;
  /** API server load balancer. @default - classic ELB, internet-facing */
  readonly controlPlaneLoadBalancer?: AwsLoadBalancerSpec;
  /** Tags added to every AWS resource CAPA creates for this cluster. @default - none */
  readonly additionalTags?: Record<string, string>;
  /**
   * Credentials CAPA uses for this cluster (`spec.identityRef`).
   * @default - CAPA's controller identity (`AWSClusterControllerIdentity` named `default`)
   */
  readonly identity?: AwsIdentityRef;
  /** AMI lookup settings used when a machine sets no AMI id. @default - CAPA's defaults */
  readonly imageLookup?: AwsImageLookup;
}

export interface AwsNetworkSpec {
  /** Let CAPA create and own the VPC, subnets, gateways. */
  readonly managed?: {
    /** @default '10.0.0.0/16' */
    readonly vpcCidr?: string;
    /** Number of availability zones CAPA spreads subnets over. @default 3 */
    readonly availabilityZoneCount?: number;
  };
  /**
   * Use an existing VPC (bring your own). The VPC must not carry CAPA's
   * `sigs.k8s.io/cluster-api-provider-aws/cluster/<name>=owned` tag, or CAPA deletes it with
   * the cluster. The Pulumi `CapaNetwork` component's `clusterNetwork` output fits here.
   */
  readonly existing?: {
    /** `vpc-...` */
    readonly vpcId: string;
    /** Every subnet CAPA may use, private and public (`subnet-...`). */
    readonly subnetIds: readonly string[];
  };
}

export interface AwsLoadBalancerSpec {
  /** @default 'classic' */
  readonly type?: 'classic' | 'elb' | 'alb' | 'nlb' | 'disabled';
  /** @default 'internet-facing' */
  readonly scheme?: 'internet-facing' | 'internal';
}

export interface AwsIdentityRef {
  readonly kind: 'AWSClusterStaticIdentity' | 'AWSClusterRoleIdentity' | 'AWSClusterControllerIdentity';
  readonly name: string;
}

export interface AwsImageLookup {
  /** AWS account that owns the AMIs. @default - CAPA's default org */
  readonly org?: string;
  /** Base OS, e.g. `ubuntu-24.04`. @default - CAPA's default */
  readonly baseOS?: string;
  /** Name format, e.g. `capa-ami-{{.BaseOS}}-?{{.K8sVersion}}-*`. @default - CAPA's default */
  readonly format?: string;
}

/** Settings of an AWSMachineTemplate. */
export interface AwsMachineSpec {
  /** EC2 instance type. @default 't3.large' */
  readonly instanceType?: string;
  /** A fixed AMI id (`ami-...`). @default - looked up by CAPA from the Kubernetes version */
  readonly amiId?: string;
  /** AMI lookup for this machine. @default - the cluster's imageLookup */
  readonly imageLookup?: AwsImageLookup;
  /** Root volume. @default - CAPA default (AMI's size) */
  readonly rootVolume?: {
    /** Size in GiB, at least 8. */
    readonly sizeGiB: number;
    /** @default - 'gp2'|'gp3'|'io1'|'io2'|'st1'|'sc1'|'standard', AWS default */
    readonly type?: string;
    /** @default - account default */
    readonly encrypted?: boolean;
    /** @default - volume type default */
    readonly iops?: number;
    /** @default - volume type default */
    readonly throughput?: number;
  };
  /**
   * IAM instance profile name.
   * @default 'control-plane.cluster-api-provider-aws.sigs.k8s.io' or 'nodes.cluster-api-provider-aws.sigs.k8s.io'
   */
  readonly iamInstanceProfile?: string;
  /** EC2 key pair. @default - the cluster's sshKeyName */
  readonly sshKeyName?: string;
  /** Put the machine in this subnet instead of choosing by failure domain. @default - by failure domain */
  readonly subnetId?: string;
  /** Give the instance a public IP. @default false */
  readonly publicIP?: boolean;
  /** Extra security groups by id. @default - none */
  readonly additionalSecurityGroupIds?: readonly string[];
  /** Tags on the instance. @default - none */
  readonly additionalTags?: Record<string, string>;
}

export const AWS_INSTANCE_PROFILES = {
  controlPlane: 'control-plane.cluster-api-provider-aws.sigs.k8s.io',
  nodes: 'nodes.cluster-api-provider-aws.sigs.k8s.io',
} as const;
