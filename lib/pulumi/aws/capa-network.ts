import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { PropertyIssue, show, throwIfIssues } from './_issues';
import { awsTagIssues } from './capa-iam';
import { cidrProblem, requireCidr } from '../../support/cidr';
import { planSubnetCidrs, subnetPlanProblem } from './subnet-plan';
import { objectNameProblem } from '../../support/names';

/** Pulumi type token of {@link CapaNetwork}. */
export const CAPA_NETWORK_TYPE = 'capi-constructs:aws:CapaNetwork';

/** How many NAT gateways give the private subnets their way out. */
export enum NatGatewayStrategy {
  /** One NAT gateway (and Elastic IP) in each zone's public subnet: a zone outage only cuts that zone. */
  ONE_PER_AZ = 'OnePerAz',
  /** One NAT gateway in the first zone, shared by every private subnet: cheaper, a single point of failure. */
  SINGLE = 'Single',
}

/** Subnet roles, as CAPA and the AWS cloud provider see them. */
export enum SubnetRole {
  PUBLIC = 'public',
  PRIVATE = 'private',
}

/** Tag key prefix of CAPA's ownership tag; `<prefix><cluster>=owned` on a VPC makes CAPA manage and delete it. */
export const CAPA_OWNERSHIP_TAG_PREFIX = 'sigs.k8s.io/cluster-api-provider-aws/cluster/';
/** Tag key prefix the AWS cloud provider uses to find a cluster's subnets. */
export const CLOUD_PROVIDER_CLUSTER_TAG_PREFIX = 'kubernetes.io/cluster/';
/** Marks public subnets for internet-facing load balancers of `Service type=LoadBalancer`. */
export const ELB_ROLE_TAG = 'kubernetes.io/role/elb';
/** Marks private subnets for internal load balancers. */
export const INTERNAL_ELB_ROLE_TAG = 'kubernetes.io/role/internal-elb';

/** Arguments of {@link CapaNetwork}. */
export interface CapaNetworkArgs {
  /**
   * IPv4 CIDR of the VPC, /16 to /28.
   * @default '10.0.0.0/16'
   */
  readonly cidrBlock?: string;

  /**
   * Prefix length of every subnet. The VPC is split into blocks of this size: private subnets take
   * blocks 0, 1, 2, ... of the lower half, public subnets the same positions in the upper half, so
   * adding a zone later never moves an existing subnet (see `planSubnetCidrs`).
   * @default - the VPC's prefix length + 4 (a /16 VPC gets /20 subnets, room for 8 zones)
   */
  readonly subnetPrefixLength?: number;

  /**
   * Availability zones to use, one private and one public subnet in each (e.g. `['eu-west-1a', 'eu-west-1b']`).
   * Mutually exclusive with `availabilityZoneCount`.
   * @default - the first `availabilityZoneCount` zones of the provider's region that need no opt-in
   */
  readonly availabilityZones?: string[];

  /**
   * Number of zones to take from the region (`aws.getAvailabilityZones`, state `available`, zones
   * that need no opt-in, in the order AWS lists them). Ignored when `availabilityZones` is given.
   * @default 3
   */
  readonly availabilityZoneCount?: number;

  /**
   * One NAT gateway per zone or a single shared one.
   * @default NatGatewayStrategy.ONE_PER_AZ
   */
  readonly natGateways?: NatGatewayStrategy;

  /**
   * Names of the CAPI clusters that will use this network. Every subnet and route table gets
   * `kubernetes.io/cluster/<name>=shared`, which the AWS cloud provider needs and which CAPA itself
   * writes on BYO subnets (feature gate TagUnmanagedNetworkResources, on by default); setting the same
   * value here keeps Pulumi and CAPA from undoing each other. Add a cluster here before pointing it
   * at the network.
   * @default - no cluster tags; CAPA adds them on reconcile, and the next `pulumi up --refresh` removes them again
   */
  readonly clusterNames?: string[];

  /**
   * Tag keys that CAPA copies onto these subnets from `AWSCluster.spec.additionalTags` of the
   * clusters using the network. CapaNetwork does not set them and ignores their changes on the
   * subnets (`ignoreChanges: ['tags["<key>"]']`), so whatever CAPA writes is kept. Refresh the stack
   * (`pulumi up --refresh`) to record CAPA's values before the next update.
   * @default - none: any tag CAPA adds is removed when Pulumi next updates a refreshed subnet
   */
  readonly capaManagedTagKeys?: string[];

  /**
   * Tags added to every resource. Must not hold CAPA's ownership tag
   * (`sigs.k8s.io/cluster-api-provider-aws/cluster/<name>`): with `owned` CAPA takes the VPC over and
   * deletes it with the cluster. The `Name` tag and the Kubernetes tags are set by the component.
   * @default - only the `Name` tag and the Kubernetes tags
   */
  readonly tags?: Record<string, string>;
}

/** One subnet of a {@link CapaNetwork}. */
export interface CapaSubnet {
  readonly role: SubnetRole;
  /** Position of its zone in the zone list. */
  readonly zoneIndex: number;
  readonly availabilityZone: pulumi.Output<string>;
  readonly cidrBlock: string;
  readonly id: pulumi.Output<string>;
}

/**
 * The value for a ManagedCluster's existing-network settings (`infrastructure.aws.network.existing`):
 * the VPC and every subnet CAPA may use, private first, then public, in zone order. A plain array of
 * Outputs, so its length is known at construction.
 */
export interface ExistingNetwork {
  readonly vpcId: pulumi.Output<string>;
  readonly subnetIds: pulumi.Output<string>[];
}

const DEFAULT_CIDR = '10.0.0.0/16';
const DEFAULT_ZONE_COUNT = 3;
const ZONE_NAME = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/** The tags of one subnet: user tags, Name, the load-balancer role tag and one shared tag per cluster. Pure. */
export function capaSubnetTags(role: SubnetRole, name: string, clusterNames: readonly string[], tags: Record<string, string> = {}): Record<string, string> {
  return {
    ...tags,
    ...clusterSharedTags(clusterNames),
    Name: name,
    [role === SubnetRole.PUBLIC ? ELB_ROLE_TAG : INTERNAL_ELB_ROLE_TAG]: '1',
  };
}

/** `kubernetes.io/cluster/<name>=shared` for each cluster. Pure. */
export function clusterSharedTags(clusterNames: readonly string[]): Record<string, string> {
  return Object.fromEntries(clusterNames.map(c => [`${CLOUD_PROVIDER_CLUSTER_TAG_PREFIX}${c}`, 'shared']));
}

/**
 * The first `count` of the region's zones; throws (failing the deployment) with a clear message when
 * the region has fewer. Pure.
 */
export function pickZones(component: string, regionZones: readonly string[], count: number): string[] {
  if (regionZones.length < count) {
    throw new Error(`CapaNetwork "${component}": availabilityZoneCount is ${count} but the region offers ${regionZones.length} ` +
      `zone(s) without opt-in (${regionZones.join(', ')}); lower availabilityZoneCount or list availabilityZones explicitly.`);
  }
  return regionZones.slice(0, count);
}

function zoneCountOf(args: CapaNetworkArgs): number {
  return args.availabilityZones?.length ?? args.availabilityZoneCount ?? DEFAULT_ZONE_COUNT;
}

function subnetPrefixOf(args: CapaNetworkArgs, cidr: string): number {
  return args.subnetPrefixLength ?? requireCidr(cidr).prefix + 4;
}

/** Every problem with {@link CapaNetworkArgs}; empty when they are valid. Pure. */
export function validateCapaNetworkArgs(args: CapaNetworkArgs): PropertyIssue[] {
  const issues: PropertyIssue[] = [];
  const add = (propertyPath: string, reason: string) => issues.push({ propertyPath, reason });

  const cidr = args.cidrBlock ?? DEFAULT_CIDR;
  const problem = cidrProblem(cidr, 'ipv4');
  if (problem) {
    add('cidrBlock', `${problem}. Give the VPC's network address, e.g. "10.0.0.0/16".`);
  } else if (requireCidr(cidr).prefix < 16 || requireCidr(cidr).prefix > 28) {
    add('cidrBlock', `VPC CIDR ${show(cidr)} has prefix /${requireCidr(cidr).prefix}; AWS allows /16 to /28 for a VPC. Use e.g. "10.0.0.0/16".`);
  }

  if (args.availabilityZones !== undefined && args.availabilityZoneCount !== undefined) {
    add('availabilityZoneCount', `availabilityZones (${show(args.availabilityZones)}) and availabilityZoneCount ` +
      `(${show(args.availabilityZoneCount)}) are mutually exclusive; give the zone names or a count, not both.`);
  }
  if (args.availabilityZones !== undefined) {
    if (args.availabilityZones.length === 0) add('availabilityZones', 'availabilityZones is empty; list at least one zone, e.g. ["eu-west-1a"], or leave it out to use the region\'s zones.');
    args.availabilityZones.forEach((z, i) => {
      if (typeof z !== 'string' || !ZONE_NAME.test(z)) {
        add(`availabilityZones[${i}]`, `${show(z)} is not an availability zone name; use names like "eu-west-1a" (lowercase letters, digits and "-").`);
      } else if (args.availabilityZones!.indexOf(z) !== i) {
        add(`availabilityZones[${i}]`, `zone ${show(z)} is listed twice; list each zone once (one private and one public subnet are created per zone).`);
      }
    });
  }
  const count = args.availabilityZoneCount;
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
    add('availabilityZoneCount', `availabilityZoneCount ${show(count)} is not allowed; give a whole number of zones, 1 or more (default ${DEFAULT_ZONE_COUNT}).`);
  }

  if (!problem && issues.every(i => !i.propertyPath.startsWith('availabilityZone'))) {
    const prefix = subnetPrefixOf(args, cidr);
    const planProblem = subnetPlanProblem(cidr, zoneCountOf(args), prefix);
    if (planProblem) add('subnetPrefixLength', `${planProblem}.`);
  }

  if (args.natGateways !== undefined && !Object.values(NatGatewayStrategy).includes(args.natGateways)) {
    add('natGateways', `natGateways ${show(args.natGateways)} is not a NatGatewayStrategy; use NatGatewayStrategy.ONE_PER_AZ ("OnePerAz") or NatGatewayStrategy.SINGLE ("Single").`);
  }

  const clusters = args.clusterNames ?? [];
  clusters.forEach((c, i) => {
    if (objectNameProblem(c, 'label')) {
      add(`clusterNames[${i}]`, `${show(c)} is not a cluster name; CAPI cluster names are lowercase letters, digits and "-", at most 63 characters. Use the Cluster's metadata.name.`);
    } else if (clusters.indexOf(c) !== i) {
      add(`clusterNames[${i}]`, `cluster ${show(c)} is listed twice; list each cluster once.`);
    }
  });

  const tags = args.tags ?? {};
  issues.push(...awsTagIssues(tags, 'tags'));
  for (const key of Object.keys(tags)) {
    const at = `tags[${show(key)}]`;
    if (key.startsWith(CAPA_OWNERSHIP_TAG_PREFIX)) {
      add(at, `tag ${show(key)}=${show(tags[key])} is CAPA's ownership tag. On a bring-your-own VPC it must never be set: with "owned" ` +
        'CAPA treats the VPC as its own, rewrites it and deletes its subnets and the VPC when the cluster is deleted. Remove the tag; ' +
        'CAPA needs no tag on a network it does not own.');
    } else if (key.startsWith(CLOUD_PROVIDER_CLUSTER_TAG_PREFIX)) {
      add(at, `tag ${show(key)} is set by CapaNetwork (value "shared", the value CAPA writes on BYO subnets). Remove it from tags and ` +
        `list the cluster in clusterNames instead: clusterNames: [${show(key.slice(CLOUD_PROVIDER_CLUSTER_TAG_PREFIX.length))}].`);
    } else if (key === ELB_ROLE_TAG || key === INTERNAL_ELB_ROLE_TAG || key === 'Name') {
      add(at, `tag ${show(key)} is set by CapaNetwork on the resources it belongs on; remove it from tags.`);
    }
  }

  (args.capaManagedTagKeys ?? []).forEach((key, i) => {
    const at = `capaManagedTagKeys[${i}]`;
    if (key in tags || key === 'Name' || key === ELB_ROLE_TAG || key === INTERNAL_ELB_ROLE_TAG || key.startsWith(CLOUD_PROVIDER_CLUSTER_TAG_PREFIX)) {
      add(at, `tag key ${show(key)} is both set by this component and listed as CAPA-managed; a key is either set here or left to CAPA. ` +
        'Remove it from capaManagedTagKeys (or from tags).');
    } else if (key.length === 0 || key.length > 128 || key.includes('"')) {
      add(at, `${show(key)} is not a tag key; AWS tag keys have 1 to 128 characters. Use the key exactly as in AWSCluster.spec.additionalTags.`);
    }
  });
  return issues;
}

/**
 * A bring-your-own network for CAPA clusters: a VPC, one private and one public subnet per
 * availability zone, an internet gateway, NAT gateways (one per zone or a single one) with Elastic
 * IPs, route tables and associations, and the tags the AWS cloud provider and CAPA expect
 * (`kubernetes.io/cluster/<name>=shared` on subnets and route tables, `kubernetes.io/role/elb=1` on
 * public and `kubernetes.io/role/internal-elb=1` on private subnets). It never sets CAPA's `owned` tag,
 * so CAPA treats the VPC as unmanaged and leaves it in place when a cluster is deleted.
 *
 * Feed {@link CapaNetwork.existingNetwork} to the ManagedCluster's `infrastructure.aws.network.existing`.
 * Children are named `${name}-vpc`, `${name}-igw`, `${name}-private-<i>`, `${name}-public-<i>`,
 * `${name}-nat-<i>`, ... where `<i>` is the zone's position.
 */
export class CapaNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  /** The VPC's CIDR. */
  public readonly cidrBlock: string;
  /** Zone names, in subnet order. */
  public readonly availabilityZones: pulumi.Output<string[]>;
  public readonly publicSubnetIds: pulumi.Output<string[]>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  /** Every subnet with its role, zone and CIDR: private ones first, then public, in zone order. */
  public readonly subnets: CapaSubnet[];
  /** Subnet ids by zone name and role: `{ 'eu-west-1a': { private: 'subnet-..', public: 'subnet-..' } }`. */
  public readonly subnetsByAz: pulumi.Output<Record<string, Record<SubnetRole, string>>>;
  public readonly internetGatewayId: pulumi.Output<string>;
  public readonly natGatewayIds: pulumi.Output<string[]>;
  /** Ready for `infrastructure.aws.network.existing` of a ManagedCluster. */
  public readonly existingNetwork: ExistingNetwork;
  /** Escape hatch: the VPC resource. */
  public readonly vpc: aws.ec2.Vpc;

  constructor(name: string, args: CapaNetworkArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(CAPA_NETWORK_TYPE, name, {}, opts);
    throwIfIssues(CAPA_NETWORK_TYPE, name, validateCapaNetworkArgs(args));

    const parent = { parent: this };
    this.cidrBlock = args.cidrBlock ?? DEFAULT_CIDR;
    const zoneCount = zoneCountOf(args);
    const cidrs = planSubnetCidrs(this.cidrBlock, zoneCount, subnetPrefixOf(args, this.cidrBlock));
    const clusters = args.clusterNames ?? [];
    const userTags = args.tags ?? {};
    const tagged = (suffix: string, extra: Record<string, string> = {}) => ({ ...userTags, ...extra, Name: `${name}-${suffix}` });
    const routeTableTags = (suffix: string) => tagged(suffix, clusterSharedTags(clusters));
    const zones = this.resolveZones(name, args, zoneCount);
    const indexes = [...Array(zoneCount).keys()];

    this.vpc = new aws.ec2.Vpc(`${name}-vpc`, {
      cidrBlock: this.cidrBlock,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: tagged('vpc'),
    }, parent);
    const vpcId = this.vpc.id;
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId, tags: tagged('igw') }, parent);

    const subnetOpts: pulumi.CustomResourceOptions = {
      parent: this,
      ignoreChanges: (args.capaManagedTagKeys ?? []).map(k => `tags["${k}"]`),
    };
    const makeSubnet = (role: SubnetRole, i: number) => {
      const cidrBlock = cidrs[role][i];
      const subnet = new aws.ec2.Subnet(`${name}-${role}-${i}`, {
        vpcId,
        cidrBlock,
        availabilityZone: zones[i],
        mapPublicIpOnLaunch: false,
        tags: capaSubnetTags(role, `${name}-${role}-${i}`, clusters, userTags),
      }, subnetOpts);
      return { role, zoneIndex: i, availabilityZone: zones[i], cidrBlock, id: subnet.id, subnet };
    };
    const privateSubnets = indexes.map(i => makeSubnet(SubnetRole.PRIVATE, i));
    const publicSubnets = indexes.map(i => makeSubnet(SubnetRole.PUBLIC, i));

    const publicRouteTable = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId, tags: routeTableTags('public-rt') }, parent);
    new aws.ec2.Route(`${name}-public-default`, {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    }, parent);
    publicSubnets.forEach(s => new aws.ec2.RouteTableAssociation(`${name}-public-${s.zoneIndex}-rta`, {
      subnetId: s.id,
      routeTableId: publicRouteTable.id,
    }, parent));

    const natIndexes = (args.natGateways ?? NatGatewayStrategy.ONE_PER_AZ) === NatGatewayStrategy.SINGLE ? [0] : indexes;
    const nats = natIndexes.map(i => {
      const eip = new aws.ec2.Eip(`${name}-nat-${i}-eip`, { domain: 'vpc', tags: tagged(`nat-${i}-eip`) }, parent);
      return new aws.ec2.NatGateway(`${name}-nat-${i}`, {
        allocationId: eip.allocationId,
        subnetId: publicSubnets[i].id,
        tags: tagged(`nat-${i}`),
      }, { parent: this, dependsOn: [igw] });
    });

    privateSubnets.forEach(s => {
      const i = s.zoneIndex;
      const routeTable = new aws.ec2.RouteTable(`${name}-private-${i}-rt`, { vpcId, tags: routeTableTags(`private-${i}-rt`) }, parent);
      new aws.ec2.Route(`${name}-private-${i}-default`, {
        routeTableId: routeTable.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: nats[Math.min(i, nats.length - 1)].id,
      }, parent);
      new aws.ec2.RouteTableAssociation(`${name}-private-${i}-rta`, { subnetId: s.id, routeTableId: routeTable.id }, parent);
    });

    this.vpcId = vpcId;
    this.availabilityZones = pulumi.all(zones);
    this.privateSubnetIds = pulumi.all(privateSubnets.map(s => s.id));
    this.publicSubnetIds = pulumi.all(publicSubnets.map(s => s.id));
    this.subnets = [...privateSubnets, ...publicSubnets].map(({ subnet: _subnet, ...info }) => info);
    this.subnetsByAz = pulumi.all([this.availabilityZones, this.privateSubnetIds, this.publicSubnetIds]).apply(([azs, priv, pub]) =>
      Object.fromEntries(azs.map((az, i) => [az, { [SubnetRole.PRIVATE]: priv[i], [SubnetRole.PUBLIC]: pub[i] }])) as Record<string, Record<SubnetRole, string>>);
    this.internetGatewayId = igw.id;
    this.natGatewayIds = pulumi.all(nats.map(n => n.id));
    this.existingNetwork = { vpcId, subnetIds: this.subnets.map(s => s.id) };

    this.registerOutputs({
      vpcId: this.vpcId,
      cidrBlock: this.cidrBlock,
      availabilityZones: this.availabilityZones,
      privateSubnetIds: this.privateSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
      subnetsByAz: this.subnetsByAz,
      internetGatewayId: this.internetGatewayId,
      natGatewayIds: this.natGatewayIds,
      existingNetwork: this.existingNetwork,
    });
  }

  /** Zone names as Outputs: the given ones, or the first `count` of the region's zones. */
  private resolveZones(name: string, args: CapaNetworkArgs, count: number): pulumi.Output<string>[] {
    if (args.availabilityZones) return args.availabilityZones.map(z => pulumi.output(z));
    const region = aws.getAvailabilityZonesOutput({
      state: 'available',
      filters: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    }, { parent: this });
    const names = region.names.apply(all => pickZones(name, all, count));
    return [...Array(count).keys()].map(i => names.apply(n => n[i]));
  }
}
