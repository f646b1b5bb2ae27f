import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { CapiValidationError } from '../../lib';
import { AwsRoleIdentity, AwsStaticIdentity, ClusterChart, ControlPlane, ManagedCluster, WorkerPool } from '../../lib/cdk8s';
import { AllowedNamespaces, CapaIdentityKind } from '../../lib';

const dev = { version: 'v1.34.1', infrastructure: { dev: {} }, controlPlane: { replicas: 1 } };

describe('WorkerPool and ControlPlane constructs', () => {
  test('addWorkerPool returns a WorkerPool; new WorkerPool is the same; props pools become WorkerPools', () => {
    const chart = Testing.chart();
    const cluster = new ManagedCluster(chart, 'c', { ...dev, workerPools: [{ name: 'general', replicas: 2 }] });
    const gpu = cluster.addWorkerPool('gpu', { replicas: 1 });
    const batch = new WorkerPool(cluster, 'batch', { autoscaling: { min: 0, max: 3 } });
    expect(gpu).toBeInstanceOf(WorkerPool);
    expect(cluster.workerPools.map(p => p.poolName)).toEqual(['general', 'gpu', 'batch']);
    expect(cluster.node.tryFindChild('general')).toBeInstanceOf(WorkerPool);
    expect(batch.machineDeployment.kind).toBe('MachineDeployment');
    expect(ApiObject.of(batch)).toBe(batch.machineDeployment);
    const mds = Testing.synth(chart).filter(m => m.kind === 'MachineDeployment').map(m => m.metadata.name);
    expect(mds).toEqual(['c-general', 'c-gpu', 'c-batch']);
  });

  test('a pool spread over failure domains has one MachineDeployment handle per domain; overrides name the domain', () => {
    const chart = Testing.chart();
    const cluster = new ManagedCluster(chart, 'c', { ...dev, infrastructure: { dev: { failureDomains: [{ name: 'fd-a' }, { name: 'fd-b' }] } } });
    const web = cluster.addWorkerPool('web', { failureDomains: ['fd-a', 'fd-b'], replicas: 3, healthCheck: {} });
    expect(Object.keys(web.machineDeployments)).toEqual(['fd-a', 'fd-b']);
    expect(web.machineDeployments['fd-b'].name).toBe('c-web-fd-b');
    expect(cluster.apiObject('pool/web/machine-deployment/fd-a')).toBe(web.machineDeployments['fd-a']);
    expect(() => web.machineDeployment).toThrow("WorkerPool test/c/web is spread over failureDomains (fd-a, fd-b): use machineDeployments['<domain>']");
    web.addOverride('spec.minReadySeconds', 30, 'machine-deployment', 'fd-b');
    const mds = Testing.synth(chart).filter(m => m.kind === 'MachineDeployment');
    expect(mds.map(m => [m.metadata.name, m.spec.replicas, m.spec.template.spec.failureDomain, m.spec.minReadySeconds])).toEqual([
      ['c-web-fd-a', 2, 'fd-a', undefined],
      ['c-web-fd-b', 1, 'fd-b', 30],
    ]);
    expect(cluster.addWorkerPool('one', { replicas: 1 }).machineDeployments).toEqual({});
  });

  test('typed handles reach every object, and string roles still work', () => {
    const chart = Testing.chart();
    const cluster = new ManagedCluster(chart, 'c', { ...dev, controlPlane: { replicas: 1, healthCheck: {} } });
    const gpu = cluster.addWorkerPool('gpu', { healthCheck: { maxUnhealthy: 1 } });
    expect(cluster.controlPlane).toBeInstanceOf(ControlPlane);
    expect(cluster.node.children.filter(c => c instanceof ControlPlane)).toHaveLength(1);
    expect([cluster.clusterObject, cluster.infrastructureCluster, cluster.controlPlane.kubeadmControlPlane, cluster.controlPlane.machineTemplate, cluster.controlPlane.healthCheck!]
      .map(o => o.kind)).toEqual(['Cluster', 'DevCluster', 'KubeadmControlPlane', 'DevMachineTemplate', 'MachineHealthCheck']);
    expect([gpu.machineDeployment, gpu.machineTemplate, gpu.bootstrapTemplate, gpu.healthCheck!].map(o => o.kind))
      .toEqual(['MachineDeployment', 'DevMachineTemplate', 'KubeadmConfigTemplate', 'MachineHealthCheck']);
    expect(cluster.apiObject('pool/gpu/machine-template')).toBe(gpu.machineTemplate);
    expect(ApiObject.of(cluster)).toBe(cluster.clusterObject);
    expect(gpu.machineTemplate.name).toMatch(/^c-gpu-[0-9a-f]{8}$/);
  });

  test('JSON patches and dependencies on handles survive pools and overrides added later, also on a template whose name changes', () => {
    const chart = Testing.chart();
    const cluster = new ManagedCluster(chart, 'c', dev);
    const general = cluster.addWorkerPool('general', { replicas: 2 });
    const nameBefore = general.machineTemplate.name;
    general.machineTemplate.addJsonPatch(JsonPatch.add('/metadata/annotations/example.com~1patched', 'yes'));
    cluster.clusterObject.addJsonPatch(JsonPatch.add('/metadata/labels/example.com~1owner', 'team-a'));
    general.machineDeployment.addDependency(cluster.clusterObject);
    // Changes after the escape hatches were taken: a pool, and an override that renames the template.
    cluster.addWorkerPool('batch', { replicas: 1 });
    general.addOverride('spec.template.spec.backend.docker.customImage', 'kindest/node:v1.34.1', 'machine-template');
    const out = Testing.synth(chart);
    const template = out.find(m => m.kind === 'DevMachineTemplate' && m.metadata.name.startsWith('c-general-'));
    expect(template.metadata.name).not.toBe(nameBefore);
    expect(template.metadata.name).toBe(general.machineTemplate.name);
    expect(template.metadata.annotations['example.com/patched']).toBe('yes');
    expect(template.spec.template.spec.backend.docker.customImage).toBe('kindest/node:v1.34.1');
    expect(out.find(m => m.kind === 'Cluster').metadata.labels['example.com/owner']).toBe('team-a');
    const md = out.find(m => m.metadata.name === 'c-general');
    expect(md.spec.template.spec.infrastructureRef.name).toBe(template.metadata.name);
    expect(general.machineDeployment.node.dependencies).toContain(cluster.clusterObject);
    expect(out.filter(m => m.kind === 'MachineDeployment').map(m => m.metadata.name)).toEqual(['c-general', 'c-batch']);
  });

  test('toSpec returns the complete plain-data spec', () => {
    const chart = Testing.chart();
    const cluster = new ManagedCluster(chart, 'c', { ...dev, workerPools: [{ name: 'a' }] });
    cluster.addWorkerPool('b', { replicas: 3 });
    cluster.controlPlane.addOverride('spec.replicas', 1);
    expect(cluster.toSpec()).toEqual({
      ...dev, name: 'c', workerPools: [{ name: 'a' }, { name: 'b', replicas: 3 }],
      overrides: [{ target: 'control-plane', path: 'spec.replicas', value: 1 }],
    });
  });

  test('throws when an added pool is invalid, and leaves no trace of it', () => {
    const chart = Testing.chart();
    const cluster = new ManagedCluster(chart, 'c', dev);
    expect(() => new WorkerPool(cluster, 'bad', { replicas: -1 })).toThrow(CapiValidationError);
    expect(() => cluster.addWorkerPool('bad', { replicas: -1 })).toThrow(/workerPools\[0\]\.replicas: must be an integer from 0 to 10000/);
    expect(cluster.node.tryFindChild('bad')).toBeUndefined();
    expect(cluster.workerPools).toEqual([]);
    expect(Testing.synth(chart).some(m => m.kind === 'MachineDeployment')).toBe(false);
  });

  test('throws when a WorkerPool is not created in a ManagedCluster', () => {
    const chart = Testing.chart();
    expect(() => new WorkerPool(chart as any, 'x', {})).toThrow('WorkerPool x: the scope must be the ManagedCluster the pool belongs to');
  });

  test('ClusterChart output is byte-for-byte the core output', () => {
    const app = Testing.app();
    const chart = new ClusterChart(app, 'dev-local', dev);
    chart.cluster.addWorkerPool('general', { replicas: 2 });
    expect(Testing.synth(chart)).toEqual(chart.cluster.manifests.map(m => JSON.parse(JSON.stringify(m))));
  });
});

describe('AWS identities', () => {
  test('emit the identity objects once, cluster-scoped, without keys', () => {
    const chart = Testing.chart();
    const stat = new AwsStaticIdentity(chart, 'tenant-a', { secretName: 'tenant-a-credentials', allowedNamespaces: AllowedNamespaces.names('clusters'), clusterNames: ['prod-eu-1'] });
    const role = new AwsRoleIdentity(chart, 'tenant-b', { roleArn: 'arn:aws:iam::123456789012:role/capa', sourceIdentityRef: stat.identityRef });
    expect(Testing.synth(chart)).toEqual([
      {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2', kind: 'AWSClusterStaticIdentity',
        metadata: { name: 'tenant-a', annotations: { 'capi-constructs.io/clusters': 'prod-eu-1' } },
        spec: { secretRef: 'tenant-a-credentials', allowedNamespaces: { list: ['clusters'] } },
      },
      {
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2', kind: 'AWSClusterRoleIdentity', metadata: { name: 'tenant-b' },
        spec: { roleARN: 'arn:aws:iam::123456789012:role/capa', sourceIdentityRef: { kind: 'AWSClusterStaticIdentity', name: 'tenant-a' } },
      },
    ]);
    expect(role.identityRef).toEqual({ kind: CapaIdentityKind.ROLE, name: 'tenant-b' });
  });

  test('throws when the identity is invalid, listing every problem', () => {
    const chart = Testing.chart();
    expect(() => new AwsRoleIdentity(chart, 'Bad', { roleArn: 'nope', sourceIdentityRef: { kind: CapaIdentityKind.CONTROLLER, name: 'x' } }))
      .toThrow(/Invalid AwsRoleIdentity \[test\/Bad\]: 3 problems/);
  });
});

describe('ClusterAddons', () => {
  const cni = { name: 'cni', kind: 'cni' as const, plugin: 'cilium' as const };

  test('clusters of one namespace share one addons-<namespace> chart and one object per add-on', () => {
    const app = Testing.app();
    const a = new ClusterChart(app, 'a', { ...dev, addons: [cni] }).cluster;
    const b = new ClusterChart(app, 'b', { ...dev, addons: [cni] }).cluster;
    const other = new ClusterChart(app, 'c', { ...dev, namespace: 'other', addons: [cni] }).cluster;
    expect(a.addons).toBe(b.addons);
    expect(a.addons!.node.path).toBe('addons-default');
    expect(other.addons!.node.path).toBe('addons-other');
    expect(Testing.synth(a.addons!).map(m => `${m.kind}/${m.metadata.name}`)).toEqual(['HelmChartProxy/cni']);
    expect(a.addons!.apiObject('HelmChartProxy/cni')!.kind).toBe('HelmChartProxy');
    expect(new ManagedCluster(Testing.chart(), 'none', dev).addons).toBeUndefined();
  });

  test('throws with the construct path when a cluster asks for a shared object that differs', () => {
    const app = Testing.app();
    new ClusterChart(app, 'a', { ...dev, addons: [cni] });
    expect(() => new ClusterChart(app, 'b', { ...dev, addons: [{ ...cni, version: '1.19.4' }] }))
      .toThrow(/ManagedCluster \[b\/Cluster\] \(cluster "b"\).*b: addons\[0\]: shares the HelmChartProxy default\/cni with cluster a, but they differ in version/s);
  });
});
