// Immutable fields as the upstream webhooks define them (CAPI v1.14.0, CAPA v2.11.1): what the API
// server rejects says so; what it accepts but a running cluster cannot follow says that instead.
import { planChanges } from '../../lib/plan/plan';
import { PlanDanger, PlanManifest } from '../../lib/plan/types';
import { base, edit } from './fixtures';

type Edit = (m: Record<string, any>) => void;

function dangers(kind: string, name: string, change: Edit, before = base()): PlanDanger[] {
  const plan = planChanges(before, edit(before, kind, name, change));
  return plan.clusters.flatMap((c) => c.dangers);
}
const awsCluster = (change: Edit, before?: PlanManifest[]) => dangers('AWSCluster', 'prod', change, before);
const kcp = (change: Edit) => dangers('KubeadmControlPlane', 'prod-control-plane', change);
const messages = (ds: PlanDanger[]) => ds.map((d) => `${d.code}: ${d.message}`);

describe('Cluster', () => {
  test('a pod or service CIDR change is accepted by the API server but breaks the running cluster', () => {
    const [d] = dangers('Cluster', 'prod', (m) => (m.spec.clusterNetwork.services.cidrBlocks = ['10.128.0.0/12']));
    expect(d.code).toBe('immutable-field-changed');
    expect(d.message).toMatch(/^spec\.clusterNetwork\.services\.cidrBlocks changes on a running Cluster \(\["10\.96\.0\.0\/12"\] → \["10\.128\.0\.0\/12"\]\): the API server accepts it, but /);
    expect(d.message).toContain('existing pods and services keep their addresses');
    expect(d.message).not.toContain('rejects');
  });

  test('removing controlPlaneRef is rejected', () => {
    expect(messages(dangers('Cluster', 'prod', (m) => delete m.spec.controlPlaneRef)).filter((m) => m.startsWith('immutable'))).toEqual([
      'immutable-field-changed: spec.controlPlaneRef cannot be removed on an existing Cluster (KubeadmControlPlane/prod-control-plane → (unset)): the API server rejects the update; keep it',
    ]);
  });
});

describe('AWSCluster (CAPA webhooks/awscluster_webhook.go ValidateUpdate)', () => {
  test('region, scheme, name and target group IP type: any change is rejected', () => {
    const ds = awsCluster((m) => {
      m.spec.region = 'eu-central-1';
      m.spec.controlPlaneLoadBalancer.scheme = 'internal';
      m.spec.controlPlaneLoadBalancer.name = 'prod-apiserver';
      m.spec.controlPlaneLoadBalancer.targetGroupIPType = 'ipv6';
    });
    expect(ds.map((d) => d.message.split(': the API server')[0])).toEqual([
      'spec.controlPlaneLoadBalancer.name cannot change on an existing AWSCluster ((unset) → prod-apiserver)',
      'spec.controlPlaneLoadBalancer.scheme cannot change on an existing AWSCluster (internet-facing → internal)',
      'spec.controlPlaneLoadBalancer.targetGroupIPType cannot change on an existing AWSCluster ((unset) → ipv6)',
      'spec.region cannot change on an existing AWSCluster (eu-west-1 → eu-central-1)',
    ]);
    expect(ds.every((d) => d.message.includes('the API server rejects the update'))).toBe(true);
  });

  test('the load balancer type: to or from disabled is rejected; between other types the running cluster cannot follow', () => {
    expect(awsCluster((m) => (m.spec.controlPlaneLoadBalancer.loadBalancerType = 'disabled')).map((d) => d.message)).toEqual([
      'spec.controlPlaneLoadBalancer.loadBalancerType cannot change to or from disabled on an existing AWSCluster (classic → disabled): the API server rejects the update; create a new cluster instead',
    ]);
    const disabled = edit(base(), 'AWSCluster', 'prod', (m) => (m.spec.controlPlaneLoadBalancer.loadBalancerType = 'disabled'));
    expect(awsCluster((m) => (m.spec.controlPlaneLoadBalancer.loadBalancerType = 'nlb'), disabled)[0].message).toContain('cannot change to or from disabled');
    const [toNlb] = awsCluster((m) => (m.spec.controlPlaneLoadBalancer.loadBalancerType = 'nlb'));
    expect(toNlb.message).toContain('(classic → nlb): the API server accepts it, but CAPA does not move a running cluster to another load balancer');
  });

  test('spelling out a default is no change: the classic type, the internet-facing scheme, the controller identity', () => {
    expect(awsCluster((m) => (m.spec.controlPlaneLoadBalancer.loadBalancerType = 'classic'))).toEqual([]);
    expect(awsCluster((m) => delete m.spec.controlPlaneLoadBalancer)).toEqual([]);
    const implicit = edit(base(), 'AWSCluster', 'prod', (m) => delete m.spec.identityRef);
    expect(awsCluster((m) => (m.spec.identityRef = { kind: 'AWSClusterControllerIdentity', name: 'default' }), implicit).filter((d) => d.code === 'immutable-field-changed')).toEqual([]);
  });

  test('the health check protocol: free while the old load balancer is classic, rejected otherwise', () => {
    expect(awsCluster((m) => (m.spec.controlPlaneLoadBalancer.healthCheckProtocol = 'TCP'))).toEqual([]);
    const nlb = edit(base(), 'AWSCluster', 'prod', (m) => (m.spec.controlPlaneLoadBalancer.loadBalancerType = 'nlb'));
    expect(awsCluster((m) => (m.spec.controlPlaneLoadBalancer.healthCheckProtocol = 'TCP'), nlb).map((d) => d.message.split(':')[0])).toEqual([
      'spec.controlPlaneLoadBalancer.healthCheckProtocol cannot change on an existing AWSCluster ((unset) → TCP)',
    ]);
  });

  test('the endpoint and the VPC id are rejected once set, free before', () => {
    const endpoint = { host: 'prod-apiserver.elb.amazonaws.com', port: 6443 };
    expect(awsCluster((m) => (m.spec.controlPlaneEndpoint = endpoint))).toEqual([]);
    const set = edit(base(), 'AWSCluster', 'prod', (m) => (m.spec.controlPlaneEndpoint = endpoint));
    expect(awsCluster((m) => (m.spec.controlPlaneEndpoint.host = 'other.elb.amazonaws.com'), set).map((d) => d.message.split(' (')[0])).toEqual([
      'spec.controlPlaneEndpoint cannot change once set on an existing AWSCluster',
    ]);
    expect(awsCluster((m) => (m.spec.network.vpc.id = 'vpc-0ffffffffffffffff')).map((d) => d.message.split(' (')[0])).toEqual([
      'spec.network.vpc.id cannot change once set on an existing AWSCluster',
    ]);
    const managed = edit(base(), 'AWSCluster', 'prod', (m) => (m.spec.network = { vpc: { cidrBlock: '10.0.0.0/16' } }));
    expect(awsCluster((m) => (m.spec.network.vpc.id = 'vpc-0a1b2c3d4e5f60718'), managed)).toEqual([]);
  });

  test('removing identityRef switches to the controller identity (the defaulting webhook fills it in): a danger that says so', () => {
    expect(messages(awsCluster((m) => delete m.spec.identityRef))).toEqual([
      "immutable-field-changed: spec.identityRef changes on a running AWSCluster (AWSClusterStaticIdentity/prod-credentials → AWSClusterControllerIdentity/default): the API server accepts it, but CAPA's defaulting webhook puts AWSClusterControllerIdentity/default in its place (the validating webhook refuses an empty one), so CAPA manages the cluster's AWS resources with the controller's own credentials from then on; keep the identityRef",
    ]);
    // Pointing it to another identity is a choice, not a danger.
    expect(awsCluster((m) => (m.spec.identityRef.name = 'prod-credentials-2')).filter((d) => d.code === 'immutable-field-changed')).toEqual([]);
  });
});

describe('KubeadmControlPlane (controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go allowedPaths)', () => {
  test('fields outside the allowed paths are rejected; allowed ones (apiServer, files, users, replicas) are not', () => {
    expect(kcp((m) => {
      m.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs.push({ name: 'audit-log-maxage', value: '30' });
      m.spec.kubeadmConfigSpec.files = [{ path: '/etc/x', content: 'y' }];
      m.spec.kubeadmConfigSpec.users = [{ name: 'ops' }];
      m.spec.kubeadmConfigSpec.clusterConfiguration.dns = { imageTag: 'v1.12.0' };
      m.spec.replicas = 5;
    }).filter((d) => d.code === 'immutable-field-changed')).toEqual([]);
    expect(messages(kcp((m) => {
      m.spec.kubeadmConfigSpec.clusterConfiguration.certificatesDir = '/etc/pki';
      m.spec.kubeadmConfigSpec.clusterConfiguration.caCertificateValidityPeriodDays = 3650;
    }))).toEqual([
      'immutable-field-changed: spec.kubeadmConfigSpec.clusterConfiguration.caCertificateValidityPeriodDays cannot be modified on an existing KubeadmControlPlane: the API server rejects the update (its webhook allows changes only to the fields it lists); set it when the cluster is created, or revert the change',
      'immutable-field-changed: spec.kubeadmConfigSpec.clusterConfiguration.certificatesDir cannot be modified on an existing KubeadmControlPlane: the API server rejects the update (its webhook allows changes only to the fields it lists); set it when the cluster is created, or revert the change',
    ]);
  });

  test('removing a whole allowed parent is a change of the parent itself, as the webhook sees the merge patch', () => {
    // {"clusterConfiguration": null} is the path spec.kubeadmConfigSpec.clusterConfiguration, which is not listed.
    expect(kcp((m) => delete m.spec.kubeadmConfigSpec.clusterConfiguration).map((d) => d.message.split(' cannot')[0])).toEqual([
      'spec.kubeadmConfigSpec.clusterConfiguration',
    ]);
  });

  test('switching between local and external etcd is rejected', () => {
    const external = { endpoints: ['https://etcd-0:2379'], caFile: '/etc/etcd/ca.crt', certFile: '/etc/etcd/c.crt', keyFile: '/etc/etcd/c.key' };
    expect(kcp((m) => (m.spec.kubeadmConfigSpec.clusterConfiguration.etcd = { external })).map((d) => d.message.split(' (')[0])).toEqual([
      'spec.kubeadmConfigSpec.clusterConfiguration.etcd.external cannot switch between external and local etcd on an existing KubeadmControlPlane',
    ]);
  });
});
