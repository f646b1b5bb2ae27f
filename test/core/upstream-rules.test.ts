/**
 * Rules that mirror Cluster API's webhooks and controllers (each cites its source in the code),
 * defaults checked like explicit values, and the kubelet flags the library generates merged with
 * the user's. Each test failed before the rule existed.
 */
import { renderManagedCluster } from '../../lib';
import { awsSpec, devSpec, problemsOf } from './fixtures';

const problems = (spec: Parameters<typeof renderManagedCluster>[0]) => problemsOf(() => renderManagedCluster(spec));
const kubeletArgsOf = (spec: Parameters<typeof renderManagedCluster>[0], kind = 'KubeadmConfigTemplate') => {
  const m = renderManagedCluster(spec).manifests.find(x => x.kind === kind) as any;
  const spec2 = kind === 'KubeadmConfigTemplate' ? m.spec.template.spec.joinConfiguration : m.spec.kubeadmConfigSpec.initConfiguration;
  return Object.fromEntries(spec2.nodeRegistration.kubeletExtraArgs.map((a: { name: string; value: string }) => [a.name, a.value]));
};

describe('kubeadm bootstrap webhook', () => {
  test('a file path is written once, with append too', () => {
    expect(problems(devSpec({ workerPools: [{ name: 'a', files: [{ path: '/etc/x', content: '1' }, { path: '/etc/x', content: '2', append: true }] }] }))).toEqual([
      "workerPools[0].files[1].path: another file writes the same path (files[0]); CAPI's bootstrap webhook refuses a repeated path, with append too",
    ]);
  });
});

describe('MachineHealthCheck webhook', () => {
  test('nodeStartupTimeoutSeconds is 0 or at least 30', () => {
    expect(problems(devSpec({ workerPools: [{ name: 'a', healthCheck: { nodeStartupTimeoutSeconds: 29 } }] }))).toEqual([
      'workerPools[0].healthCheck.nodeStartupTimeoutSeconds: must be 0 (no node startup check) or at least 30 seconds, as the MachineHealthCheck webhook requires',
    ]);
    expect(problems(devSpec({ workerPools: [{ name: 'a', healthCheck: { nodeStartupTimeoutSeconds: 0 } }, { name: 'b', healthCheck: { nodeStartupTimeoutSeconds: 30 } }] }))).toEqual([]);
  });
});

describe('defaults are checked like explicit values', () => {
  test('the default pod and service networks must not overlap a managed VPC', () => {
    expect(problems(awsSpec({ infrastructure: { aws: { region: 'eu-west-1', network: { managed: { vpcCidr: '192.168.0.0/16' } } } } }))).toEqual([
      'network.podCidrs: the default pod network 192.168.0.0/16 overlaps the VPC 192.168.0.0/16: pods or services would be unreachable from parts of the network',
    ]);
    expect(problems(awsSpec({ infrastructure: { aws: { region: 'eu-west-1', network: { managed: { vpcCidr: '10.128.0.0/16' } } } } }))).toEqual([
      'network.serviceCidrs: the default service network 10.128.0.0/12 overlaps the VPC 10.128.0.0/16: pods or services would be unreachable from parts of the network',
    ]);
  });

  test('an explicit service network must not overlap the default pod network', () => {
    expect(problems(devSpec({ network: { serviceCidrs: ['192.168.128.0/20'] } }))).toEqual([
      'network.serviceCidrs[0]: the service network overlaps the default pod network 192.168.0.0/16',
    ]);
  });

  test("an AWS pool's failure domain is a zone of the cluster's region", () => {
    expect(problems(awsSpec({ workerPools: [{ name: 'a', failureDomain: 'eu-west-2a' }, { name: 'b', failureDomain: 'eu-west-1b' }, { name: 'c', failureDomain: 'eu-west-1-lhr-1a' }] }))).toEqual([
      "workerPools[0].failureDomain: is not an availability zone of the cluster's region eu-west-1",
    ]);
  });

  test("a Dev pool's failure domain is one the DevCluster declares", () => {
    expect(problems(devSpec({ workerPools: [{ name: 'a', failureDomain: 'fd1' }] }))).toEqual([
      'workerPools[0].failureDomain: the DevCluster declares no failure domains, so no machine could be placed in this one',
    ]);
    expect(problems(devSpec({ infrastructure: { dev: { failureDomains: [{ name: 'fd1' }] } }, workerPools: [{ name: 'a', failureDomain: 'fd2' }] }))).toEqual([
      'workerPools[0].failureDomain: is not a failure domain the DevCluster declares',
    ]);
  });

  test("the DevCluster's failure domains are written sorted by name, as CAPD's webhook requires", () => {
    const dev = renderManagedCluster(devSpec({ infrastructure: { dev: { failureDomains: [{ name: 'fd2' }, { name: 'fd1', controlPlane: true }] } } })).manifests.find(m => m.kind === 'DevCluster') as any;
    expect(dev.spec.backend.docker.failureDomains).toEqual([{ name: 'fd1', controlPlane: true }, { name: 'fd2' }]);
  });
});

describe('the kubelet flags the library generates are merged with the user\'s', () => {
  test('a user node-labels flag is merged with nodeLabels, never replaced', () => {
    const args = kubeletArgsOf(devSpec({ workerPools: [{ name: 'a', nodeLabels: { 'example.com/gpu': 'true' }, kubeletExtraArgs: { 'node-labels': 'example.com/team=ml,example.com/gpu=true' } }] }));
    expect(args['node-labels']).toBe('example.com/gpu=true,example.com/team=ml');
  });

  test('a label given two values, a restricted label and a malformed one in the raw flag are refused', () => {
    expect(problems(devSpec({ workerPools: [{ name: 'a', nodeLabels: { 'example.com/gpu': 'true' }, kubeletExtraArgs: { 'node-labels': 'example.com/gpu=false,kubernetes.io/role=gpu,Bad Key=x' } }] }))).toEqual([
      'workerPools[0].kubeletExtraArgs.node-labels: sets example.com/gpu=false, but nodeLabels sets it to "true"; the two are merged, so one label cannot take both values',
      'workerPools[0].kubeletExtraArgs.node-labels: the kubelet may not set kubernetes.io/role (NodeRestriction) and would refuse to start',
      "workerPools[0].kubeletExtraArgs.node-labels: invalid label Bad Key=x: the name part \"Bad Key\" must be 1-63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric",
    ]);
  });

  test('replacing a setting the provider requires is an error with the reason', () => {
    const why = "the aws provider needs cloud-provider=external: CAPA machines run with the external AWS cloud controller manager, which sets each node's providerID; without it Machines never get a nodeRef";
    expect(problems(awsSpec({
      controlPlane: { replicas: 3, kubeletExtraArgs: { 'cloud-provider': 'aws' }, controllerManagerExtraArgs: { 'cloud-provider': '' } },
      workerPools: [{ name: 'a', kubeletExtraArgs: { 'cloud-provider': 'aws' } }],
    }))).toEqual([
      `controlPlane.kubeletExtraArgs.cloud-provider: ${why}`,
      `controlPlane.controllerManagerExtraArgs.cloud-provider: ${why}`,
      `workerPools[0].kubeletExtraArgs.cloud-provider: ${why}`,
    ]);
    // Restating the required value is fine.
    expect(kubeletArgsOf(awsSpec({ workerPools: [{ name: 'a', kubeletExtraArgs: { 'cloud-provider': 'external' } }] }))['cloud-provider']).toBe('external');
  });
});
