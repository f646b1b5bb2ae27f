import { CapiValidationError, renderManagedCluster, validateClusterSpec } from '../../lib';
import { awsSpec, devSpec, problemsOf } from './fixtures';

const problems = (spec: Parameters<typeof renderManagedCluster>[0]) => problemsOf(() => renderManagedCluster(spec));

test('a valid spec has no problems', () => {
  expect(validateClusterSpec(devSpec())).toEqual([]);
  expect(validateClusterSpec(awsSpec())).toEqual([]);
});

test('throws one error listing every problem with path, value, allowed values and fix', () => {
  let error: CapiValidationError | undefined;
  try {
    renderManagedCluster(devSpec({ name: 'Bad_Name', version: 'v1.34', controlPlane: { replicas: 2 } }));
  } catch (e) {
    error = e as CapiValidationError;
  }
  expect(CapiValidationError.isCapiValidationError(error)).toBe(true);
  expect(error!.issues.map(i => i.path)).toEqual(['name', 'version', 'controlPlane.replicas']);
  expect(error!.message).toContain('3 problems');
  expect(error!.message).toContain('version: a minor-only version is rejected by CAPI\'s webhooks (got "v1.34"; allowed: vX.Y.Z, e.g. v1.34.2). Fix: write the patch version too, e.g. v1.34.0');
  expect(error!.message).toContain('controlPlane.replicas: an even number of control-plane machines does not help');
});

test('throws when names are not DNS-1123 labels or too long', () => {
  expect(problems(devSpec({ name: 'a'.repeat(64), workerPools: [] }))).toEqual(['name: the name has 64 characters; at most 63 are allowed (the cluster name is copied into label values by CAPI)']);
  expect(problems(devSpec({ namespace: 'Team A' }))[0]).toMatch(/^namespace: the name must be a DNS-1123 label/);
  expect(problems(devSpec({ workerPools: [{ name: 'Pool' }] }))[0]).toMatch(/^workerPools\[0\]\.name: the name must be a DNS-1123 label/);
  expect(problems(devSpec({ name: 'c'.repeat(40), workerPools: [{ name: 'p'.repeat(30) }] }))).toEqual([
    `workerPools[0].name: the MachineDeployment name "${'c'.repeat(40)}-${'p'.repeat(30)}" has 71 characters; CAPI copies it into a label value, at most 63`,
  ]);
});

test('throws when CIDRs are malformed or overlap', () => {
  expect(problems(devSpec({ network: { podCidrs: ['10.0.0.0/33'] } }))).toEqual(['network.podCidrs[0]: is not a CIDR block (or has host bits set)']);
  expect(problems(devSpec({ network: { podCidrs: ['10.0.0.0/8'], serviceCidrs: ['10.96.0.0/12'] } }))).toEqual([
    'network.serviceCidrs[0]: the service network overlaps the pod network 10.0.0.0/8',
  ]);
  expect(problems(devSpec({ network: { podCidrs: ['10.0.0.0/16', '10.1.0.0/16'] } }))).toEqual(['network.podCidrs: two blocks must be one IPv4 and one IPv6 (dual-stack)']);
  expect(problems(awsSpec({ network: { podCidrs: ['10.0.0.0/12'] } }))).toEqual([
    'network.podCidrs[0]: overlaps the VPC 10.0.0.0/16: pods or services would be unreachable from parts of the network',
  ]);
});

test('throws when control-plane replicas are even, zero or too many', () => {
  expect(problems(devSpec({ controlPlane: { replicas: 4 } }))[0]).toMatch(/4 machines tolerate as many failures as 3/);
  expect(problems(devSpec({ controlPlane: { replicas: 0 } }))).toEqual(['controlPlane.replicas: must be an odd integer >= 1']);
  expect(problems(devSpec({ controlPlane: { replicas: 11 } }))[0]).toMatch(/more than 9 etcd members/);
});

test('throws when the control-plane surge is not 0 or 1, or 0 with one machine', () => {
  expect(problems(devSpec({ controlPlane: { replicas: 3, rollout: { maxSurge: 2 } } }))).toEqual(['controlPlane.rollout.maxSurge: KubeadmControlPlane only supports a surge of 0 or 1']);
  expect(problems(devSpec({ controlPlane: { replicas: 1, rollout: { maxSurge: 0 } } }))[0]).toMatch(/deletes the only API server/);
});

test('throws when certificatesExpiryDays is below 7 or rollout.after is not a time', () => {
  expect(problems(devSpec({ controlPlane: { replicas: 1, rollout: { certificatesExpiryDays: 3, after: 'tomorrow' } } }))).toEqual([
    'controlPlane.rollout.certificatesExpiryDays: must be an integer >= 7',
    'controlPlane.rollout.after: must be an RFC 3339 time',
  ]);
});

test('throws when a MachineDeployment could never roll (maxSurge and maxUnavailable 0)', () => {
  expect(problems(devSpec({ workerPools: [{ name: 'a', rollout: { maxSurge: 0 } }] }))).toEqual([
    'workerPools[0].rollout: maxSurge and maxUnavailable cannot both be 0: the rollout could never replace a machine',
  ]);
  expect(problems(devSpec({ workerPools: [{ name: 'a', rollout: { maxSurge: '0%', maxUnavailable: '0%' } }] }))).toHaveLength(1);
  // Any whole percentage, as CAPI's webhook: a surge of 150% adds one and a half pools' worth of machines.
  expect(problems(devSpec({ workerPools: [{ name: 'a', rollout: { maxSurge: '150%' } }] }))).toEqual([]);
  expect(problems(devSpec({ workerPools: [{ name: 'a', rollout: { maxSurge: '1.5%' } }] }))).toEqual(['workerPools[0].rollout.maxSurge: must be a non-negative integer or a percentage']);
});

test('throws when versions are not full, outside the window, or skewed', () => {
  expect(problems(devSpec({ version: 'v1.30.2' }))).toEqual(['version: Kubernetes v1.30 is outside the supported window of Cluster API v1.14.0']);
  expect(problems(devSpec({ version: 'v1.30.2', supportedVersions: { oldest: 'v1.30', newest: 'v1.36' } }))).toEqual([]);
  const skew = (pool: string, cp: string) => `workerPools[0].version: a kubeadm pool must run the control plane's minor (${cp}): CAPI's KubeadmVersionSkew preflight check stops a pool on ${pool} from creating or replacing machines`;
  expect(problems(devSpec({ workerPools: [{ name: 'a', version: 'v1.35.0' }] }))).toEqual([skew('v1.35', 'v1.34')]);
  expect(problems(devSpec({ version: 'v1.35.0', workerPools: [{ name: 'a', version: 'v1.34.3' }] }))).toEqual([skew('v1.34', 'v1.35')]);
  // Patch releases may differ either way, as CAPI's preflight checks compare minors only.
  expect(problems(devSpec({ version: 'v1.34.1', workerPools: [{ name: 'a', version: 'v1.34.3' }, { name: 'b', version: 'v1.34.0' }] }))).toEqual([]);
});

test('throws when autoscaling is inverted or combined with replicas', () => {
  expect(problems(devSpec({ workerPools: [{ name: 'a', replicas: 2, autoscaling: { min: 3, max: 1 } }] }))).toEqual([
    'workerPools[0].replicas: replicas and autoscaling are mutually exclusive: a fixed count would reset the autoscaler on every sync',
    'workerPools[0].autoscaling: min (3) is greater than max (1)',
  ]);
});

test('throws when pool names repeat', () => {
  expect(problems(devSpec({ workerPools: [{ name: 'a' }, { name: 'a' }] }))).toEqual(['workerPools[1].name: duplicate pool name (also workerPools[0])']);
});

test('throws when a taint has an unknown effect or a bad key', () => {
  expect(problems(devSpec({ workerPools: [{ name: 'a', taints: [{ key: 'x y', effect: 'NoRun' as any }] }] }))).toEqual([
    'workerPools[0].taints[0].key: invalid taint key: the name part "x y" must be 1-63 alphanumerics, \'-\', \'_\' or \'.\', starting and ending with an alphanumeric',
    'workerPools[0].taints[0].effect: unknown taint effect',
  ]);
});

test('throws when node labels would stop the kubelet or are malformed', () => {
  expect(problems(devSpec({ workerPools: [{ name: 'a', nodeLabels: { 'kubernetes.io/role': 'x', 'example.com/ok': 'bad value' } }] }))).toEqual([
    'workerPools[0].nodeLabels.example.com/ok: invalid label value: a label value may only hold alphanumerics, \'-\', \'_\' and \'.\', starting and ending with an alphanumeric',
    'workerPools[0].nodeLabels.kubernetes.io/role: the kubelet may not set labels in the kubernetes.io and k8s.io namespaces (NodeRestriction) and would refuse to start',
  ]);
});

test('throws when files, users or args are unsafe or malformed', () => {
  expect(problems(devSpec({
    workerPools: [{
      name: 'a',
      files: [{ path: 'etc/x', content: 'x', permissions: '644x' }, { path: '/etc/y' }],
      users: [{ name: 'ops', passwd: 'hunter2' } as any],
      kubeletExtraArgs: { '--v': '2' },
    }],
  }))).toEqual([
    'workerPools[0].files[0].path: must be an absolute path',
    'workerPools[0].files[0].permissions: must be octal permissions written as a string',
    'workerPools[0].files[1]: set exactly one of content or contentFromSecret',
    'workerPools[0].users[0]: plain-text passwords are refused: they would be written to Git and to the management cluster',
    'workerPools[0].kubeletExtraArgs.--v: write flag names without leading dashes',
  ]);
});

test('throws when health check settings are contradictory', () => {
  expect(problems(devSpec({ workerPools: [{ name: 'a', healthCheck: { maxUnhealthy: 1, unhealthyRange: '[3-1]', unhealthyNodeConditions: [] } }] }))).toEqual([
    'workerPools[0].healthCheck.unhealthyNodeConditions: an empty list would never find a machine unhealthy',
    'workerPools[0].healthCheck: maxUnhealthy and unhealthyRange are mutually exclusive',
    'workerPools[0].healthCheck.unhealthyRange: must be a range "[min-max]" with min <= max',
  ]);
});

test('throws when the provider section is missing, doubled or mismatched', () => {
  expect(problems(devSpec({ infrastructure: {} }))).toEqual(['infrastructure: no infrastructure provider is set']);
  expect(problems(devSpec({ infrastructure: { dev: {}, aws: { region: 'eu-west-1' } } }))).toEqual(['infrastructure: exactly one provider section must be set, got dev, aws']);
  expect(problems(devSpec({ controlPlane: { replicas: 1, machine: { aws: { instanceType: 'm5.large' } } } }))).toEqual([
    'controlPlane.machine.aws: machine settings for provider "aws" on a cluster that uses "dev"',
  ]);
});

test('throws when AWS settings would be rejected or regretted', () => {
  expect(problems(awsSpec({
    infrastructure: {
      aws: {
        region: 'europe',
        network: { existing: { vpcId: 'vpc-12', subnetIds: ['subnet-1', 'subnet-1', 'sn-2'] } },
        controlPlaneLoadBalancer: { type: 'alb' },
        identity: { kind: 'AWSClusterControllerIdentity', name: 'mine' },
        additionalTags: { 'sigs.k8s.io/cluster-api-provider-aws/cluster/prod': 'owned' },
      },
    },
    controlPlane: { replicas: 3, machine: { aws: { instanceType: 'large', rootVolume: { sizeGiB: 4 } } } },
  }))).toEqual([
    'infrastructure.aws.region: must be an AWS region name',
    'infrastructure.aws.network.existing.subnetIds[1]: duplicate subnet id (CAPA keys subnets by id)',
    'infrastructure.aws.network.existing.subnetIds[2]: must be a subnet id',
    'infrastructure.aws.controlPlaneLoadBalancer.type: an application load balancer cannot carry the API server (TLS passthrough on 6443 needs layer 4)',
    'infrastructure.aws.identity.name: the controller identity is a singleton named "default"',
    "infrastructure.aws.additionalTags.sigs.k8s.io/cluster-api-provider-aws/cluster/prod: CAPA's ownership tag is reserved: CAPA sets it and deletes what carries it with the cluster",
    'controlPlane.machine.aws.instanceType: must be an EC2 instance type',
    'controlPlane.machine.aws.rootVolume.sizeGiB: must be an integer from 8 to 65536',
  ]);
});

test('throws when an override targets an unknown object or a protected field', () => {
  expect(problems(devSpec({
    overrides: [
      { target: 'pool/nope/machine-template', path: 'spec.x', value: 1 },
      { target: 'cluster', path: 'metadata.name', value: 'other' },
    ],
  }))).toEqual([
    'overrides[1].path: metadata.name cannot be overridden: names are derived by the core (templates carry a spec hash); pin names with the `names` props instead',
    'overrides[0].target: no emitted object has this role',
  ]);
});

test('throws when an override would write a plain-text password, checked on the final object', () => {
  const refused = 'plain-text passwords are refused: they would be written to Git and to the management cluster';
  expect(problems(devSpec({
    overrides: [
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.users', value: [{ name: 'ops', passwd: 'hunter2' }] },
      { target: 'pool/md-0/bootstrap-template', path: ['spec', 'template', 'spec', 'users', 0], value: { name: 'ops' } },
      { target: 'pool/md-0/bootstrap-template', path: ['spec', 'template', 'spec', 'users', 0, 'passwd'], value: 'hunter2' },
    ],
  }))).toEqual([
    `overrides[0] (KubeadmControlPlane spec.kubeadmConfigSpec.users[0].passwd): ${refused}`,
    `overrides[2] (KubeadmConfigTemplate spec.template.spec.users[0].passwd): ${refused}`,
  ]);
  // What counts is the final object: a later override that removes the password leaves none.
  expect(problems(devSpec({
    overrides: [
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.users', value: [{ name: 'ops', passwd: 'hunter2' }] },
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.users[0].passwd', remove: true },
    ],
  }))).toEqual([]);
});
