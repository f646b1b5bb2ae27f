// The AWS provider's rules mirror CAPA v2.11.1's webhooks (each rule cites its source in
// lib/providers/aws/validate.ts); the messages are asserted exactly.
import { AwsMachineSpec, Manifest, ManagedClusterSpec, renderManagedCluster, validateClusterSpec } from '../../lib';
import { awsSpec, problemsOf } from './fixtures';

const problems = (spec: ManagedClusterSpec) => problemsOf(() => renderManagedCluster(spec));
const cluster = (aws: Partial<NonNullable<ManagedClusterSpec['infrastructure']['aws']>>) =>
  awsSpec({ infrastructure: { aws: { region: 'eu-west-1', ...aws } }, workerPools: [] });
const machine = (aws: AwsMachineSpec) => awsSpec({ controlPlane: { replicas: 3, machine: { aws } }, workerPools: [] });
const awsCluster = (ms: readonly Manifest[]) => ms.find(m => m.kind === 'AWSCluster') as any;
const templates = (ms: readonly Manifest[]) => ms.filter(m => m.kind === 'AWSMachineTemplate') as any[];

describe('control-plane load balancer', () => {
  test('defaults to an NLB with an HTTPS health check, as CAPA v2.11.1 templates/cluster-template.yaml', () => {
    expect(awsCluster(renderManagedCluster(awsSpec()).manifests).spec.controlPlaneLoadBalancer).toEqual({ loadBalancerType: 'nlb', healthCheckProtocol: 'HTTPS' });
  });

  test('a classic load balancer keeps CAPA\'s health check default; an explicit protocol is written', () => {
    expect(awsCluster(renderManagedCluster(cluster({ controlPlaneLoadBalancer: { type: 'classic' } })).manifests).spec.controlPlaneLoadBalancer).toEqual({ loadBalancerType: 'classic' });
    expect(awsCluster(renderManagedCluster(cluster({ controlPlaneLoadBalancer: { scheme: 'internal', healthCheckProtocol: 'TCP' } })).manifests).spec.controlPlaneLoadBalancer)
      .toEqual({ loadBalancerType: 'nlb', scheme: 'internal', healthCheckProtocol: 'TCP' });
  });

  test('refuses elb and alb, an unknown health check protocol, and a health check on a disabled load balancer', () => {
    expect(problems(cluster({ controlPlaneLoadBalancer: { type: 'elb' } }))).toEqual([
      "infrastructure.aws.controlPlaneLoadBalancer.type: CAPA creates 'elb' as a gateway load balancer, which cannot carry the API server (it forwards GENEVE traffic to appliances)",
    ]);
    expect(problems(cluster({ controlPlaneLoadBalancer: { type: 'alb', healthCheckProtocol: 'ICMP' as never } }))).toEqual([
      'infrastructure.aws.controlPlaneLoadBalancer.healthCheckProtocol: unknown health check protocol',
      'infrastructure.aws.controlPlaneLoadBalancer.type: an application load balancer cannot carry the API server (TLS passthrough on 6443 needs layer 4)',
    ]);
    expect(problems(cluster({ controlPlaneLoadBalancer: { healthCheckProtocol: 'SSL' } }))).toEqual([
      "infrastructure.aws.controlPlaneLoadBalancer.healthCheckProtocol: AWS cannot health-check the API server over SSL on a network load balancer: CAPA would fail to create it",
    ]);
    expect(problems(cluster({ controlPlaneLoadBalancer: { type: 'classic', healthCheckProtocol: 'UDP' } }))).toEqual([
      "infrastructure.aws.controlPlaneLoadBalancer.healthCheckProtocol: AWS cannot health-check the API server over UDP on a classic load balancer: CAPA would fail to create it",
    ]);
    expect(problems(cluster({ controlPlaneLoadBalancer: { type: 'classic', healthCheckProtocol: 'SSL' } }))).toEqual([]);
    expect(problems(cluster({ controlPlaneLoadBalancer: { type: 'disabled', healthCheckProtocol: 'HTTPS' } }))).toEqual([
      'infrastructure.aws.controlPlaneLoadBalancer.healthCheckProtocol: healthcheck protocol cannot be set if the LoadBalancer reconciliation is disabled',
    ]);
  });
});

describe('AWS tags (CAPA v2.11.1 api/v1beta2/tags.go Validate)', () => {
  test('refuses long, reserved and ill-formed keys and values on the cluster and the machines', () => {
    expect(problems(cluster({
      additionalTags: { ['k'.repeat(129)]: 'v', team: 'x'.repeat(257), 'aws:owner': 'me', 'cost#center': 'a,b', '': 'empty' },
    }))).toEqual([
      // (the error cuts the long key in the path)
      expect.stringMatching(/^infrastructure\.aws\.additionalTags\.k+\.\.\. \(163 characters\): the tag key has 129 characters; AWS allows at most 128$/),
      'infrastructure.aws.additionalTags.team: the tag value has 257 characters; AWS allows at most 256',
      'infrastructure.aws.additionalTags.aws:owner: the aws: prefix is reserved for tags AWS creates',
      'infrastructure.aws.additionalTags.cost#center: the tag key may only have letters, digits, spaces and _ . : / = + - @',
      'infrastructure.aws.additionalTags.cost#center: the tag value may only have letters, digits, spaces and _ . : / = + - @',
      'infrastructure.aws.additionalTags: a tag key cannot be empty',
    ]);
    expect(problems(machine({ additionalTags: { 'aws:x': 'y' } }))).toEqual([
      'controlPlane.machine.aws.additionalTags.aws:x: the aws: prefix is reserved for tags AWS creates',
    ]);
  });

  test('allows 50 tags and the full character set, refuses 51', () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`team/k8s_${i}:a=b+c-d@e.f g`, 'Value 1/2 @x']));
    expect(problems(cluster({ additionalTags: tags(50) }))).toEqual([]);
    expect(problems(machine({ additionalTags: tags(51) }))).toEqual(['controlPlane.machine.aws.additionalTags: 51 tags; AWS allows at most 50 user tags on a resource']);
  });
});

test('sshKeyName is printable ASCII without surrounding spaces (CAPA v2.11.1 webhooks/sshkeyname.go)', () => {
  const message = 'the key pair name must be printable ASCII and must not start or end with a space (CAPA refuses it)';
  expect(problems(cluster({ sshKeyName: ' ops' }))).toEqual([`infrastructure.aws.sshKeyName: ${message}`]);
  expect(problems(machine({ sshKeyName: 'clé' }))).toEqual([`controlPlane.machine.aws.sshKeyName: ${message}`]);
  expect(problems(cluster({ sshKeyName: 'ops team/key 1' }))).toEqual([]);
  expect(problems(cluster({ sshKeyName: 'x' }))).toEqual([]);
  expect(problems(cluster({ sshKeyName: '' }))).toEqual([]);
  // A long invalid name: CAPA's pattern has nested quantifiers (Go's regexp is linear, JavaScript's
  // backtracks), so copying it would never return here (exponential), not merely be slow.
  expect(problems(cluster({ sshKeyName: `${'a '.repeat(5000)}\u0000` }))).toEqual([`infrastructure.aws.sshKeyName: ${message}`]);
});

test('availabilityZoneCount has CAPA\'s lower bound and no upper bound (CRD: minimum 1)', () => {
  expect(problems(cluster({ network: { managed: { availabilityZoneCount: 8 } } }))).toEqual([]);
  expect(problems(cluster({ network: { managed: { availabilityZoneCount: 0 } } }))).toEqual(['infrastructure.aws.network.managed.availabilityZoneCount: must be an integer >= 1']);
});

test('IPv6 and dual-stack pod or service networks are refused: the provider sets up no IPv6 VPC', () => {
  const message = 'IPv6 and dual-stack pod or service networks need an IPv6 VPC, which the AWS provider does not set up: the VPC could not route these addresses';
  expect(problems(awsSpec({ network: { podCidrs: ['192.168.0.0/16', 'fd00:10::/56'], serviceCidrs: ['fd00:20::/108'] } }))).toEqual([
    `network.podCidrs[1]: ${message}`,
    `network.serviceCidrs[0]: ${message}`,
  ]);
  // The Dev provider has no such rule.
  expect(validateClusterSpec({ name: 'dev', version: 'v1.34.1', infrastructure: { dev: {} }, network: { podCidrs: ['fd00:10::/56'] } })).toEqual([]);
});

describe('volumes (CAPA v2.11.1 webhooks/awsmachinetemplate_webhook.go, awsmachine_webhook.go)', () => {
  test('io1/io2 need iops, throughput is gp3 only, root throughput is 125 to 2000 MiB/s', () => {
    expect(problems(machine({
      rootVolume: { sizeGiB: 50, type: 'io2', throughput: 3000 },
      nonRootVolumes: [
        { deviceName: '/dev/sdb', sizeGiB: 100, type: 'io1' },
        { deviceName: '/dev/sdc', sizeGiB: 100, type: 'gp2', throughput: 200 },
        { deviceName: '/dev/sdd', sizeGiB: 100, type: 'gp3', throughput: -1 },
      ],
    }))).toEqual([
      "controlPlane.machine.aws.rootVolume.iops: iops required if type is 'io1' or 'io2'",
      "controlPlane.machine.aws.rootVolume.throughput: throughput is valid only for type 'gp3'",
      'controlPlane.machine.aws.rootVolume.throughput: must be an integer from 125 to 2000',
      "controlPlane.machine.aws.nonRootVolumes[0].iops: iops required if type is 'io1' or 'io2'",
      "controlPlane.machine.aws.nonRootVolumes[1].throughput: throughput is valid only for type 'gp3'",
      'controlPlane.machine.aws.nonRootVolumes[2].throughput: must be an integer >= 0',
    ]);
  });

  test('the old minimums (iops >= 100, non-root throughput >= 125) are gone: CAPA has none', () => {
    expect(problems(machine({
      rootVolume: { sizeGiB: 50, type: 'gp3', iops: 50, throughput: 125 },
      nonRootVolumes: [{ deviceName: '/dev/sdb', sizeGiB: 100, type: 'gp3', iops: 50, throughput: 10 }],
    }))).toEqual([]);
  });

  test('non-root volumes need a device name, each its own', () => {
    expect(problems(machine({
      nonRootVolumes: [{ deviceName: '', sizeGiB: 10 }, { deviceName: '/dev/sdb', sizeGiB: 4 }, { deviceName: '/dev/sdb', sizeGiB: 10 }],
    }))).toEqual([
      'controlPlane.machine.aws.nonRootVolumes[0].deviceName: non root volume should have device name',
      'controlPlane.machine.aws.nonRootVolumes[1].sizeGiB: must be an integer from 8 to 65536',
      'controlPlane.machine.aws.nonRootVolumes[2].deviceName: another volume uses this device name: EC2 refuses to launch the instance',
    ]);
  });

  test('renders non-root volumes as CAPA volumes', () => {
    const [cp] = templates(renderManagedCluster(machine({
      nonRootVolumes: [{ deviceName: '/dev/sdb', sizeGiB: 100, type: 'gp3', throughput: 250, encrypted: true }],
    })).manifests);
    expect(cp.spec.template.spec.nonRootVolumes).toEqual([{ deviceName: '/dev/sdb', size: 100, type: 'gp3', throughput: 250, encrypted: true }]);
  });
});

describe('instance metadata and spot options', () => {
  test('IMDSv2 is the default on every AWS machine template; CAPA defaults are not written', () => {
    for (const t of templates(renderManagedCluster(awsSpec()).manifests)) {
      expect(t.spec.template.spec.instanceMetadataOptions).toEqual({ httpTokens: 'required' });
    }
    const [optional] = templates(renderManagedCluster(machine({ instanceMetadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 } })).manifests);
    expect(optional.spec.template.spec.instanceMetadataOptions).toBeUndefined();
    const [hops] = templates(renderManagedCluster(machine({ instanceMetadataOptions: { httpPutResponseHopLimit: 2, instanceMetadataTags: 'enabled' } })).manifests);
    expect(hops.spec.template.spec.instanceMetadataOptions).toEqual({ httpTokens: 'required', httpPutResponseHopLimit: 2, instanceMetadataTags: 'enabled' });
  });

  test('instance metadata values are the CRD\'s', () => {
    expect(problems(machine({ instanceMetadataOptions: { httpTokens: 'v1' as never, httpPutResponseHopLimit: 65, httpEndpoint: 'on' as never } }))).toEqual([
      'controlPlane.machine.aws.instanceMetadataOptions.httpTokens: unknown httpTokens value',
      'controlPlane.machine.aws.instanceMetadataOptions.httpEndpoint: unknown httpEndpoint value',
      'controlPlane.machine.aws.instanceMetadataOptions.httpPutResponseHopLimit: must be an integer from 1 to 64',
    ]);
  });

  test('a disabled metadata endpoint is refused: cloud-init could not bootstrap the machine (stricter than CAPA)', () => {
    expect(problems(machine({ instanceMetadataOptions: { httpEndpoint: 'disabled' } }))).toEqual([
      'controlPlane.machine.aws.instanceMetadataOptions.httpEndpoint: cloud-init reads the bootstrap data and the node name from the instance metadata service: with it disabled the machine never joins the cluster',
    ]);
  });

  test('spot market options: an empty object or a decimal max price', () => {
    const [spot] = templates(renderManagedCluster(machine({ spotMarketOptions: {} })).manifests);
    expect(spot.spec.template.spec.spotMarketOptions).toEqual({});
    const [priced] = templates(renderManagedCluster(machine({ spotMarketOptions: { maxPrice: '0.05' } })).manifests);
    expect(priced.spec.template.spec.spotMarketOptions).toEqual({ maxPrice: '0.05' });
    expect(problems(machine({ spotMarketOptions: { maxPrice: '$0.05' } }))).toEqual([
      'controlPlane.machine.aws.spotMarketOptions.maxPrice: must be a price in USD written as a decimal number',
    ]);
  });

  test('unknown properties in the new sections are errors', () => {
    expect(problems(machine({ spotMarketOptions: { maxprice: '1' } as never, instanceMetadataOptions: { httptokens: 'required' } as never }))).toEqual([
      expect.stringMatching(/^controlPlane\.machine\.aws\.instanceMetadataOptions\.httptokens: unknown property: did you mean "httpTokens"\?/),
      expect.stringMatching(/^controlPlane\.machine\.aws\.spotMarketOptions\.maxprice: unknown property: did you mean "maxPrice"\?/),
    ]);
  });
});

test('amiId with imageLookup stays refused (stricter than CAPA, which ignores the lookup)', () => {
  expect(problems(machine({ amiId: 'ami-0123abcd', imageLookup: { baseOS: 'ubuntu-24.04' } }))).toEqual(['controlPlane.machine.aws.imageLookup: amiId and imageLookup are mutually exclusive']);
});
