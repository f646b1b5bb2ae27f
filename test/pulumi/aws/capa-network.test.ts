import * as pulumi from '@pulumi/pulumi';
import { inputPropertiesErrorOf, installMocks, MOCK_AZS, Registered, settle, valueOf } from './_mocks';

// Mocks first, then the module under test (imported in beforeAll).
const registered = installMocks();
let net: typeof import('../../../lib/pulumi/aws/capa-network');

beforeAll(async () => {
  net = await import('../../../lib/pulumi/aws/capa-network');
});

/** Child resource options, seen through a (legacy, SDK-side) transformation on the component. */
const childOptions = new Map<string, pulumi.CustomResourceOptions>();
const recordOptions: pulumi.ResourceTransformation = a => {
  childOptions.set(a.name, a.opts);
  return undefined;
};

async function build(name: string, args?: import('../../../lib/pulumi/aws/capa-network').CapaNetworkArgs) {
  const c = new net.CapaNetwork(name, args, { transformations: [recordOptions] });
  await valueOf(c.subnetsByAz);
  await valueOf(c.natGatewayIds);
  await settle(registered);
  const mine = registered.filter(r => r.name.startsWith(`${name}-`));
  const one = (n: string) => mine.find(r => r.name === `${name}-${n}`)!;
  return { c, mine, one };
}

const count = (rs: Registered[]) => rs.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.type]: (acc[r.type] ?? 0) + 1 }), {});

describe('CapaNetwork', () => {
  test('creates a VPC with private and public subnets, gateways and routes in three of the region\'s zones', async () => {
    const { c, mine, one } = await build('net', { clusterNames: ['prod-eu-1', 'prod-eu-2'] });
    expect(count(mine)).toEqual({
      'aws:ec2/vpc:Vpc': 1,
      'aws:ec2/internetGateway:InternetGateway': 1,
      'aws:ec2/subnet:Subnet': 6,
      'aws:ec2/routeTable:RouteTable': 4,
      'aws:ec2/route:Route': 4,
      'aws:ec2/routeTableAssociation:RouteTableAssociation': 6,
      'aws:ec2/eip:Eip': 3,
      'aws:ec2/natGateway:NatGateway': 3,
    });
    expect(one('vpc').inputs).toMatchObject({ cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true });
    expect(one('private-0').inputs).toMatchObject({ cidrBlock: '10.0.0.0/20', availabilityZone: 'mock-1a', vpcId: 'net-vpc-id' });
    expect(one('private-2').inputs).toMatchObject({ cidrBlock: '10.0.32.0/20', availabilityZone: 'mock-1c' });
    expect(one('public-1').inputs).toMatchObject({ cidrBlock: '10.0.144.0/20', availabilityZone: 'mock-1b', mapPublicIpOnLaunch: false });
    expect(one('public-default').inputs).toMatchObject({ destinationCidrBlock: '0.0.0.0/0', gatewayId: 'net-igw-id', routeTableId: 'net-public-rt-id' });
    expect(one('private-2-default').inputs).toMatchObject({ destinationCidrBlock: '0.0.0.0/0', natGatewayId: 'net-nat-2-id' });
    expect(one('private-2-rta').inputs).toEqual({ subnetId: 'net-private-2-id', routeTableId: 'net-private-2-rt-id' });
    expect(one('public-2-rta').inputs).toEqual({ subnetId: 'net-public-2-id', routeTableId: 'net-public-rt-id' });
    expect(one('nat-1').inputs).toMatchObject({ subnetId: 'net-public-1-id' });
    expect(one('nat-1-eip').inputs).toMatchObject({ domain: 'vpc' });
    expect(await valueOf(c.availabilityZones)).toEqual(MOCK_AZS.slice(0, 3));
    expect(await valueOf(c.urn)).toContain('::capi-constructs:aws:CapaNetwork::net');
  });

  test('tags subnets and route tables for the cloud provider and CAPA, and never with CAPA\'s ownership tag', async () => {
    const { mine, one } = await build('tags', { clusterNames: ['a', 'b'], tags: { team: 'platform' } });
    expect(one('private-1').inputs.tags).toEqual({
      team: 'platform',
      'Name': 'tags-private-1',
      'kubernetes.io/cluster/a': 'shared',
      'kubernetes.io/cluster/b': 'shared',
      'kubernetes.io/role/internal-elb': '1',
    });
    expect(one('public-0').inputs.tags).toEqual({
      team: 'platform',
      'Name': 'tags-public-0',
      'kubernetes.io/cluster/a': 'shared',
      'kubernetes.io/cluster/b': 'shared',
      'kubernetes.io/role/elb': '1',
    });
    expect(one('private-0-rt').inputs.tags).toMatchObject({ 'kubernetes.io/cluster/a': 'shared', 'Name': 'tags-private-0-rt' });
    expect(one('vpc').inputs.tags).toEqual({ team: 'platform', Name: 'tags-vpc' });
    for (const r of mine) {
      for (const key of Object.keys(r.inputs.tags ?? {})) expect(key.startsWith('sigs.k8s.io/cluster-api-provider-aws/')).toBe(false);
    }
  });

  test('ignores changes to the tag keys CAPA manages on subnets only', async () => {
    await build('ign', { capaManagedTagKeys: ['cost-center', 'env'] });
    expect(childOptions.get('ign-private-0')!.ignoreChanges).toEqual(['tags["cost-center"]', 'tags["env"]']);
    expect(childOptions.get('ign-public-2')!.ignoreChanges).toEqual(['tags["cost-center"]', 'tags["env"]']);
    expect(childOptions.get('ign-vpc')!.ignoreChanges).toBeUndefined();
    expect(registered.find(r => r.name === 'ign-private-0')!.inputs.tags).not.toHaveProperty('env');
  });

  test('shares one NAT gateway between every private subnet with NatGatewayStrategy.SINGLE', async () => {
    const { mine, c } = await build('single', { natGateways: net.NatGatewayStrategy.SINGLE, availabilityZones: ['eu-west-1a', 'eu-west-1b'] });
    expect(mine.filter(r => r.type === 'aws:ec2/natGateway:NatGateway').map(r => r.name)).toEqual(['single-nat-0']);
    expect(mine.filter(r => r.type === 'aws:ec2/eip:Eip')).toHaveLength(1);
    const privateRoutes = mine.filter(r => /^single-private-\d-default$/.test(r.name));
    expect(privateRoutes.map(r => r.inputs.natGatewayId)).toEqual(['single-nat-0-id', 'single-nat-0-id']);
    expect(await valueOf(c.natGatewayIds)).toEqual(['single-nat-0-id']);
  });

  test('uses the given zones, CIDR and subnet size, and outputs subnets by zone and role', async () => {
    const { c, one } = await build('given', {
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      cidrBlock: '172.20.0.0/20',
      subnetPrefixLength: 24,
      clusterNames: ['x'],
    });
    expect(one('private-1').inputs).toMatchObject({ cidrBlock: '172.20.1.0/24', availabilityZone: 'eu-west-1b' });
    expect(one('public-0').inputs).toMatchObject({ cidrBlock: '172.20.8.0/24', availabilityZone: 'eu-west-1a' });
    expect(await valueOf(c.subnetsByAz)).toEqual({
      'eu-west-1a': { private: 'given-private-0-id', public: 'given-public-0-id' },
      'eu-west-1b': { private: 'given-private-1-id', public: 'given-public-1-id' },
    });
    expect(await valueOf(c.privateSubnetIds)).toEqual(['given-private-0-id', 'given-private-1-id']);
    expect(await valueOf(c.publicSubnetIds)).toEqual(['given-public-0-id', 'given-public-1-id']);
    expect(c.subnets.map(s => [s.role, s.zoneIndex, s.cidrBlock])).toEqual([
      ['private', 0, '172.20.0.0/24'], ['private', 1, '172.20.1.0/24'], ['public', 0, '172.20.8.0/24'], ['public', 1, '172.20.9.0/24'],
    ]);
  });

  test('existingNetwork holds the VPC and every subnet, private first, ready for the cluster', async () => {
    const { c } = await build('existing', { availabilityZoneCount: 2 });
    expect(c.existingNetwork.subnetIds).toHaveLength(4);
    expect(await valueOf(c.existingNetwork.vpcId)).toBe('existing-vpc-id');
    expect(await Promise.all(c.existingNetwork.subnetIds.map(valueOf))).toEqual([
      'existing-private-0-id', 'existing-private-1-id', 'existing-public-0-id', 'existing-public-1-id',
    ]);
  });

  test('throws when a tag is CAPA\'s ownership tag, with a reason that explains the deletion risk', () => {
    expect(() => new net.CapaNetwork('owned', { tags: { 'sigs.k8s.io/cluster-api-provider-aws/cluster/prod': 'owned' } }))
      .toThrow(/tags\["sigs.k8s.io\/cluster-api-provider-aws\/cluster\/prod"\]: tag "sigs.k8s.io\/cluster-api-provider-aws\/cluster\/prod"="owned" is CAPA's ownership tag.*deletes its subnets and the VPC/);
  });

  test('throws one InputPropertiesError listing every bad argument', () => {
    const err = inputPropertiesErrorOf(() => new net.CapaNetwork('bad', {
      cidrBlock: '10.0.1.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1a', 'EU'],
      availabilityZoneCount: 2,
      natGateways: 'Many' as never,
      clusterNames: ['Prod'],
      tags: { 'kubernetes.io/cluster/prod': 'owned', Name: 'x' },
      capaManagedTagKeys: ['kubernetes.io/role/elb'],
    }));
    expect(err.errors.map(e => e.propertyPath)).toEqual([
      'cidrBlock',
      'availabilityZoneCount',
      'availabilityZones[1]',
      'availabilityZones[2]',
      'natGateways',
      'clusterNames[0]',
      'tags["kubernetes.io/cluster/prod"]',
      'tags["Name"]',
      'capaManagedTagKeys[0]',
    ]);
    expect(err.message).toContain('Invalid arguments for capi-constructs:aws:CapaNetwork "bad": 9 problems:');
    expect(err.errors[0].reason).toContain('did you mean "10.0.0.0/16"?');
    expect(err.errors[6].reason).toContain('list the cluster in clusterNames instead: clusterNames: ["prod"]');
  });
});

describe('validateCapaNetworkArgs and tag helpers', () => {
  test('pickZones takes the first zones of the region', () => {
    expect(net.pickZones('n', MOCK_AZS, 2)).toEqual(['mock-1a', 'mock-1b']);
  });

  test('throws when the region has fewer zones than availabilityZoneCount', () => {
    expect(() => net.pickZones('toomany', MOCK_AZS, 5)).toThrow(
      'CapaNetwork "toomany": availabilityZoneCount is 5 but the region offers 4 zone(s) without opt-in (mock-1a, mock-1b, mock-1c, mock-1d)');
  });

  test('accepts the defaults', () => {
    expect(net.validateCapaNetworkArgs({})).toEqual([]);
  });

  test('throws when the zones do not fit the VPC at the chosen subnet size', () => {
    expect(net.validateCapaNetworkArgs({ cidrBlock: '10.0.0.0/24', subnetPrefixLength: 26, availabilityZoneCount: 3 })).toEqual([{
      propertyPath: 'subnetPrefixLength',
      reason: '3 availability zones need 3 private and 3 public /26 subnets, but each half of 10.0.0.0/24 holds only 2; ' +
        'use a longer subnet prefix (e.g. /27), a larger VPC CIDR or fewer zones.',
    }]);
  });

  test('throws when the VPC prefix is outside /16../28', () => {
    expect(net.validateCapaNetworkArgs({ cidrBlock: '10.0.0.0/8' })[0].reason).toContain('AWS allows /16 to /28 for a VPC');
  });

  test('capaSubnetTags gives the load-balancer role tag by subnet role', () => {
    expect(net.capaSubnetTags(net.SubnetRole.PUBLIC, 'n', ['c'])).toEqual({ 'Name': 'n', 'kubernetes.io/cluster/c': 'shared', 'kubernetes.io/role/elb': '1' });
    expect(net.capaSubnetTags(net.SubnetRole.PRIVATE, 'n', [])).toEqual({ 'Name': 'n', 'kubernetes.io/role/internal-elb': '1' });
  });
});
