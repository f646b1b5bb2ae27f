/**
 * One cluster, four providers: a spec that differs only in `infrastructure` renders the same
 * control plane, pools, health checks and roles on AWS, Dev, vSphere and Azure (issue 12).
 */
import { Manifest, ManagedClusterSpec, renderManagedCluster } from '../../lib';
import { awsCluster, azureCluster, vsphereCluster } from '../../examples/clusters';

const common: Omit<ManagedClusterSpec, 'infrastructure'> = {
  name: 'same', namespace: 'clusters', version: 'v1.34.1',
  labels: { 'example.com/team': 'platform' },
  controlPlane: { replicas: 3, nodeLabels: { 'example.com/tier': 'cp' }, rollout: { maxSurge: 1 } },
  workerPools: [
    { name: 'general', replicas: 2, taints: [{ key: 'a', value: 'b', effect: 'NoSchedule' }], nodeLabels: { 'example.com/pool': 'general' } },
    { name: 'batch', autoscaling: { min: 1, max: 4 }, healthCheck: {}, rollout: { maxSurge: 2, maxUnavailable: 0 } },
  ],
};

const INFRASTRUCTURE = {
  aws: awsCluster.infrastructure,
  dev: { dev: {} },
  vsphere: { vsphere: { ...vsphereCluster.infrastructure.vsphere!, deploymentZones: undefined } },
  azure: azureCluster.infrastructure,
};

/** What must not depend on the provider: KCP and MD specs without their provider parts, names without hashes. */
function shape(ms: readonly Manifest[]): unknown[] {
  return ms.filter(m => !/^(AWS|Dev|VSphere|Azure)/.test(m.kind)).map(m => {
    const spec: any = (m as any).spec;
    const body = m.kind === 'KubeadmControlPlane' ? { ...spec, kubeadmConfigSpec: undefined, machineTemplate: { ...spec.machineTemplate, spec: { ...spec.machineTemplate.spec, infrastructureRef: undefined } } }
      : m.kind === 'MachineDeployment' ? { ...spec, template: { ...spec.template, spec: { ...spec.template.spec, infrastructureRef: undefined, bootstrap: undefined } } }
        : m.kind === 'MachineHealthCheck' ? spec
          : undefined;
    return [m.kind, m.metadata.name.replace(/-[0-9a-f]{8}$/, ''), body];
  });
}

test('AWS, Dev, vSphere and Azure render the same control plane, pools and health checks from one spec', () => {
  const rendered = Object.fromEntries(Object.entries(INFRASTRUCTURE).map(([id, infrastructure]) => [id, renderManagedCluster({ ...common, infrastructure } as ManagedClusterSpec)]));
  for (const id of ['dev', 'vsphere', 'azure']) {
    expect([id, rendered[id].roles]).toEqual([id, rendered.aws.roles]);
    expect([id, shape(rendered[id].manifests)]).toEqual([id, shape(rendered.aws.manifests)]);
  }
  // Each provider's own kinds are there: its cluster object and one machine template per role.
  const infraKinds = (id: string) => rendered[id].manifests.map(m => m.kind).filter(k => /^(AWS|Dev|VSphere|Azure)/.test(k));
  expect(infraKinds('aws')).toEqual(['AWSCluster', 'AWSMachineTemplate', 'AWSMachineTemplate', 'AWSMachineTemplate']);
  expect(infraKinds('vsphere')).toEqual(['VSphereCluster', 'VSphereMachineTemplate', 'VSphereMachineTemplate', 'VSphereMachineTemplate']);
  expect(infraKinds('azure')).toEqual(['AzureCluster', 'AzureMachineTemplate', 'AzureMachineTemplate', 'AzureMachineTemplate']);
});
