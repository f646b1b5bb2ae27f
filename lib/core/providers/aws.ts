import { isCidr } from '../cidr';
import { checkEnum, checkInteger, checkNonEmptyString, InfrastructureProvider, IssueSink, MachineRole } from './provider';

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

const VOLUME_TYPES = ['standard', 'io1', 'io2', 'gp2', 'gp3', 'sc1', 'st1'];
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const OWNED_TAG = /^sigs\.k8s\.io\/cluster-api-provider-aws\/cluster\//;

export const awsProvider: InfrastructureProvider<AwsClusterSpec, AwsMachineSpec> = {
  id: 'aws',
  clusterKind: 'AWSCluster',
  machineTemplateKind: 'AWSMachineTemplate',
  // As CAPA's cluster templates: the in-tree AWS cloud provider is gone, so kubelets and the
  // controller manager run with an external cloud provider, and nodes take the EC2 host name.
  kubeadmDefaults: {
    kubeletExtraArgs: { 'cloud-provider': 'external' },
    controllerManagerExtraArgs: { 'cloud-provider': 'external' },
    nodeName: '{{ ds.meta_data.local_hostname }}',
  },

  validateCluster(spec: AwsClusterSpec, report: IssueSink): void {
    if (typeof spec.region !== 'string' || !REGION.test(spec.region)) {
      report({ path: 'region', message: 'must be an AWS region name', value: spec.region, allowed: 'e.g. eu-west-1, us-east-2', fix: 'set infrastructure.aws.region' });
    }
    const net = spec.network ?? {};
    if (net.managed && net.existing) {
      report({ path: 'network', message: 'managed and existing are mutually exclusive', fix: 'keep only one of network.managed or network.existing' });
    }
    if (net.managed) {
      if (net.managed.vpcCidr !== undefined && !isCidr(net.managed.vpcCidr, 'ipv4')) {
        report({ path: 'network.managed.vpcCidr', message: 'must be an IPv4 CIDR', value: net.managed.vpcCidr, allowed: 'e.g. 10.0.0.0/16', fix: 'write the block as a.b.c.d/n' });
      }
      checkInteger(report, 'network.managed.availabilityZoneCount', net.managed.availabilityZoneCount, 1, 6);
    }
    if (net.existing) {
      if (typeof net.existing.vpcId !== 'string' || !/^vpc-[0-9a-f]+$/.test(net.existing.vpcId)) {
        report({ path: 'network.existing.vpcId', message: 'must be a VPC id', value: net.existing.vpcId, allowed: 'vpc- followed by hex digits', fix: 'pass the id of the existing VPC' });
      }
      const ids = net.existing.subnetIds ?? [];
      if (ids.length === 0) {
        report({ path: 'network.existing.subnetIds', message: 'an existing network needs at least one subnet', value: ids, fix: 'list the private and public subnets CAPA may use' });
      }
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (typeof id !== 'string' || !/^subnet-[0-9a-f]+$/.test(id)) {
          report({ path: `network.existing.subnetIds[${i}]`, message: 'must be a subnet id', value: id, allowed: 'subnet- followed by hex digits' });
        } else if (seen.has(id)) {
          report({ path: `network.existing.subnetIds[${i}]`, message: 'duplicate subnet id (CAPA keys subnets by id)', value: id, fix: 'list each subnet once' });
        }
        seen.add(id);
      });
    }
    const lb = spec.controlPlaneLoadBalancer ?? {};
    checkEnum(report, 'controlPlaneLoadBalancer.type', lb.type, ['classic', 'elb', 'alb', 'nlb', 'disabled'], 'load balancer type');
    checkEnum(report, 'controlPlaneLoadBalancer.scheme', lb.scheme, ['internet-facing', 'internal'], 'load balancer scheme');
    if (lb.type === 'alb') {
      report({ path: 'controlPlaneLoadBalancer.type', message: 'an application load balancer cannot carry the API server (TLS passthrough on 6443 needs layer 4)', value: lb.type, allowed: 'classic, elb, nlb, disabled', fix: "use 'nlb'" });
    }
    if (spec.identity) {
      checkEnum(report, 'identity.kind', spec.identity.kind, ['AWSClusterStaticIdentity', 'AWSClusterRoleIdentity', 'AWSClusterControllerIdentity'], 'identity kind');
      checkNonEmptyString(report, 'identity.name', spec.identity.name ?? '', 'name the identity object');
      if (spec.identity.kind === 'AWSClusterControllerIdentity' && spec.identity.name !== 'default') {
        report({ path: 'identity.name', message: 'the controller identity is a singleton named "default"', value: spec.identity.name, allowed: 'default', fix: "set identity.name to 'default'" });
      }
    }
    for (const key of Object.keys(spec.additionalTags ?? {})) {
      if (OWNED_TAG.test(key)) {
        report({ path: `additionalTags.${key}`, message: "CAPA's ownership tag is reserved: CAPA sets it and deletes what carries it with the cluster", value: key, fix: 'remove this tag' });
      }
    }
  },

  validateMachine(spec: AwsMachineSpec | undefined, _role: MachineRole, report: IssueSink): void {
    if (!spec) return;
    if (spec.instanceType !== undefined && (typeof spec.instanceType !== 'string' || !/^[a-z0-9-]+\.[a-z0-9]+$/.test(spec.instanceType))) {
      report({ path: 'instanceType', message: 'must be an EC2 instance type', value: spec.instanceType, allowed: 'e.g. t3.large, m6i.xlarge' });
    }
    if (spec.amiId !== undefined && !/^ami-[0-9a-f]+$/.test(spec.amiId)) {
      report({ path: 'amiId', message: 'must be an AMI id', value: spec.amiId, allowed: 'ami- followed by hex digits' });
    }
    if (spec.amiId !== undefined && spec.imageLookup !== undefined) {
      report({ path: 'imageLookup', message: 'amiId and imageLookup are mutually exclusive', fix: 'keep only one' });
    }
    if (spec.rootVolume) {
      checkInteger(report, 'rootVolume.sizeGiB', spec.rootVolume.sizeGiB, 8, 65536, 'AWS and CAPA need at least 8 GiB');
      checkEnum(report, 'rootVolume.type', spec.rootVolume.type, VOLUME_TYPES, 'EBS volume type');
      checkInteger(report, 'rootVolume.iops', spec.rootVolume.iops, 100);
      checkInteger(report, 'rootVolume.throughput', spec.rootVolume.throughput, 125);
    }
    checkNonEmptyString(report, 'iamInstanceProfile', spec.iamInstanceProfile);
    if (spec.subnetId !== undefined && !/^subnet-[0-9a-f]+$/.test(spec.subnetId)) {
      report({ path: 'subnetId', message: 'must be a subnet id', value: spec.subnetId, allowed: 'subnet- followed by hex digits' });
    }
  },

  renderClusterSpec(spec: AwsClusterSpec): Record<string, unknown> {
    const net = spec.network ?? {};
    const lb = spec.controlPlaneLoadBalancer;
    let network: Record<string, unknown>;
    if (net.existing) {
      network = { vpc: { id: net.existing.vpcId }, subnets: net.existing.subnetIds.map(id => ({ id })) };
    } else {
      network = {
        vpc: {
          cidrBlock: net.managed?.vpcCidr ?? '10.0.0.0/16',
          availabilityZoneUsageLimit: net.managed?.availabilityZoneCount ?? 3,
        },
      };
    }
    return {
      region: spec.region,
      sshKeyName: spec.sshKeyName,
      network,
      controlPlaneLoadBalancer: lb && (lb.type || lb.scheme) ? { loadBalancerType: lb.type, scheme: lb.scheme } : undefined,
      additionalTags: nonEmpty(spec.additionalTags),
      identityRef: spec.identity ? { kind: spec.identity.kind, name: spec.identity.name } : undefined,
      imageLookupOrg: spec.imageLookup?.org,
      imageLookupBaseOS: spec.imageLookup?.baseOS,
      imageLookupFormat: spec.imageLookup?.format,
    };
  },

  renderMachineSpec(spec: AwsMachineSpec | undefined, role: MachineRole, cluster: AwsClusterSpec): Record<string, unknown> {
    const m = spec ?? {};
    return {
      instanceType: m.instanceType ?? 't3.large',
      ami: m.amiId ? { id: m.amiId } : undefined,
      imageLookupOrg: m.imageLookup?.org,
      imageLookupBaseOS: m.imageLookup?.baseOS,
      imageLookupFormat: m.imageLookup?.format,
      rootVolume: m.rootVolume
        ? { size: m.rootVolume.sizeGiB, type: m.rootVolume.type, encrypted: m.rootVolume.encrypted, iops: m.rootVolume.iops, throughput: m.rootVolume.throughput }
        : undefined,
      iamInstanceProfile: m.iamInstanceProfile ?? (role === 'control-plane' ? AWS_INSTANCE_PROFILES.controlPlane : AWS_INSTANCE_PROFILES.nodes),
      sshKeyName: m.sshKeyName ?? cluster.sshKeyName,
      subnet: m.subnetId ? { id: m.subnetId } : undefined,
      publicIP: m.publicIP,
      additionalSecurityGroups: m.additionalSecurityGroupIds && m.additionalSecurityGroupIds.length > 0 ? m.additionalSecurityGroupIds.map(id => ({ id })) : undefined,
      additionalTags: nonEmpty(m.additionalTags),
    };
  },
};

function nonEmpty<T extends object>(o: T | undefined): T | undefined {
  return o && Object.keys(o).length > 0 ? o : undefined;
}
