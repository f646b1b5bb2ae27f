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
  /**
   * API server load balancer. CAPA refuses to change most of its settings on an existing
   * cluster (see AwsLoadBalancerSpec).
   * @default - a network load balancer (`nlb`), internet-facing, health-checked over HTTPS, as CAPA's own cluster template
   */
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

/**
 * The API server load balancer (AWSCluster `spec.controlPlaneLoadBalancer`). CAPA keeps the
 * cluster's endpoint (the load balancer's DNS name) for good, and its webhook refuses changing
 * the scheme, the health check protocol (unless the type is `classic`) and a change to or from
 * `disabled` on an existing cluster: choose these settings when the cluster is created.
 */
export interface AwsLoadBalancerSpec {
  /**
   * `nlb` (network), `classic` (deprecated by CAPA) or `disabled` (the endpoint is managed
   * elsewhere). `alb` and `elb` are refused: an application load balancer cannot pass TLS
   * through and CAPA turns `elb` into a gateway load balancer; neither can serve the API server.
   * @default 'nlb'
   */
  readonly type?: 'classic' | 'elb' | 'alb' | 'nlb' | 'disabled';
  /** @default 'internet-facing' */
  readonly scheme?: 'internet-facing' | 'internal';
  /**
   * Protocol of the health check on the API server port. Not allowed with `disabled`.
   * @default - 'HTTPS' for `nlb` (as CAPA's cluster template); CAPA's default (TCP) for `classic`
   */
  readonly healthCheckProtocol?: 'TCP' | 'SSL' | 'HTTP' | 'HTTPS' | 'TLS' | 'UDP';
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
  readonly rootVolume?: AwsVolumeSpec;
  /** Extra EBS volumes, each at its own device name. @default - none */
  readonly nonRootVolumes?: readonly AwsNonRootVolumeSpec[];
  /**
   * Instance metadata service (IMDS) settings. Settings equal to CAPA's defaults are not
   * written to the template, so spelling out CAPA's values (`httpTokens: 'optional'`) renders
   * the same template as older versions of this library did.
   * @default - IMDSv2 only (`httpTokens: 'required'`), otherwise CAPA's defaults
   */
  readonly instanceMetadataOptions?: AwsInstanceMetadataOptions;
  /**
   * Run the machines as Spot instances (`{}` caps the price at the on-demand price).
   * @default - on-demand instances
   */
  readonly spotMarketOptions?: AwsSpotMarketOptions;
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

/** An EBS volume (CAPA `Volume`). */
export interface AwsVolumeSpec {
  /** Size in GiB, at least 8. */
  readonly sizeGiB: number;
  /** 'gp2'|'gp3'|'io1'|'io2'|'st1'|'sc1'|'standard'. @default - AWS default */
  readonly type?: string;
  /** @default - account default */
  readonly encrypted?: boolean;
  /** Provisioned IOPS; required for `io1` and `io2`. @default - volume type default */
  readonly iops?: number;
  /** Throughput in MiB/s; only for `gp3` (125 to 2000 on the root volume). @default - volume type default */
  readonly throughput?: number;
}

/** An extra EBS volume. */
export interface AwsNonRootVolumeSpec extends AwsVolumeSpec {
  /** Device name, e.g. `/dev/sdb`. */
  readonly deviceName: string;
}

/** Instance metadata options (CAPA `InstanceMetadataOptions`); see the EC2 documentation. */
export interface AwsInstanceMetadataOptions {
  /**
   * `required` allows only IMDSv2 (session tokens); `optional` also serves IMDSv1, which a
   * server-side request forgery can use to read the node's credentials.
   * @default 'required' (CAPA's own default is 'optional')
   */
  readonly httpTokens?: 'required' | 'optional';
  /** @default 'enabled' */
  readonly httpEndpoint?: 'enabled' | 'disabled';
  /**
   * How many network hops a metadata response may travel, 1 to 64. With 1, pods outside the
   * host network cannot reach the metadata service with IMDSv2; raise it to 2 for add-ons that need it.
   * @default 1
   */
  readonly httpPutResponseHopLimit?: number;
  /** @default 'disabled' */
  readonly httpProtocolIpv6?: 'enabled' | 'disabled';
  /** Serve the instance tags from the metadata service. @default 'disabled' */
  readonly instanceMetadataTags?: 'enabled' | 'disabled';
}

/** Spot instance settings (CAPA `SpotMarketOptions`). */
export interface AwsSpotMarketOptions {
  /** Highest hourly price in USD, a decimal like `0.05`. @default - the on-demand price */
  readonly maxPrice?: string;
}

export const AWS_INSTANCE_PROFILES = {
  controlPlane: 'control-plane.cluster-api-provider-aws.sigs.k8s.io',
  nodes: 'nodes.cluster-api-provider-aws.sigs.k8s.io',
} as const;
