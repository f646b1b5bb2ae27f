import { parseYamlDocuments } from '../../lib/support/yaml';
import { LABELS, Manifest, ManagedClusterSpec, renderManagedCluster, toYaml } from '../../lib';
import { awsSpec, devSpec, problemsOf } from './fixtures';

const find = (ms: readonly Manifest[], kind: string, pool?: string) =>
  ms.filter(m => m.kind === kind && (pool === undefined || m.metadata.labels?.[LABELS.pool] === pool));
const one = (ms: readonly Manifest[], kind: string, pool?: string) => {
  const found = find(ms, kind, pool);
  expect(found).toHaveLength(1);
  return found[0] as any;
};

test('renders every object in dependency order with the cluster-name label', () => {
  const r = renderManagedCluster(awsSpec());
  expect(r.manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
    'AWSCluster/prod',
    expect.stringMatching(/^AWSMachineTemplate\/prod-control-plane-[0-9a-f]{8}$/),
    'KubeadmControlPlane/prod-control-plane',
    'Cluster/prod',
    expect.stringMatching(/^AWSMachineTemplate\/prod-general-[0-9a-f]{8}$/),
    expect.stringMatching(/^KubeadmConfigTemplate\/prod-general-[0-9a-f]{8}$/),
    'MachineDeployment/prod-general',
    expect.stringMatching(/^AWSMachineTemplate\/prod-gpu-[0-9a-f]{8}$/),
    expect.stringMatching(/^KubeadmConfigTemplate\/prod-gpu-[0-9a-f]{8}$/),
    'MachineDeployment/prod-gpu',
  ]);
  expect(r.roles).toEqual([
    'infrastructure-cluster', 'control-plane/machine-template', 'control-plane', 'cluster',
    'pool/general/machine-template', 'pool/general/bootstrap-template', 'pool/general/machine-deployment',
    'pool/gpu/machine-template', 'pool/gpu/bootstrap-template', 'pool/gpu/machine-deployment',
  ]);
  for (const m of r.manifests) {
    expect(m.metadata.labels?.[LABELS.clusterName]).toBe('prod');
    expect(m.metadata.namespace).toBe('clusters');
  }
});

test('references are v1beta2 {apiGroup, kind, name} and point at emitted objects', () => {
  const ms = renderManagedCluster(awsSpec()).manifests;
  const cluster = one(ms, 'Cluster');
  const kcp = one(ms, 'KubeadmControlPlane');
  const md = one(ms, 'MachineDeployment', 'general');
  expect(cluster.spec.controlPlaneRef).toEqual({ apiGroup: 'controlplane.cluster.x-k8s.io', kind: 'KubeadmControlPlane', name: 'prod-control-plane' });
  expect(cluster.spec.infrastructureRef).toEqual({ apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'AWSCluster', name: 'prod' });
  const names = new Set(ms.map(m => `${m.kind}/${m.metadata.name}`));
  for (const ref of [kcp.spec.machineTemplate.spec.infrastructureRef, md.spec.template.spec.infrastructureRef, md.spec.template.spec.bootstrap.configRef]) {
    expect(Object.keys(ref).sort()).toEqual(['apiGroup', 'kind', 'name']);
    expect(names.has(`${ref.kind}/${ref.name}`)).toBe(true);
  }
});

test('changing one pool instance type changes exactly that pool template name and reference', () => {
  const before = renderManagedCluster(awsSpec());
  const spec = awsSpec();
  const after = renderManagedCluster({
    ...spec,
    workerPools: [spec.workerPools![0], { ...spec.workerPools![1], machine: { aws: { instanceType: 'g5.2xlarge' } } }],
  });
  const diff = diffManifests(before.manifests, after.manifests);
  const oldName = one(before.manifests, 'AWSMachineTemplate', 'gpu').metadata.name;
  const newName = one(after.manifests, 'AWSMachineTemplate', 'gpu').metadata.name;
  expect(newName).not.toBe(oldName);
  expect(diff).toEqual([
    `AWSMachineTemplate/${oldName}: removed`,
    `AWSMachineTemplate/${newName}: added`,
    'MachineDeployment/prod-gpu: changed',
  ]);
  expect(one(after.manifests, 'MachineDeployment', 'gpu').spec.template.spec.infrastructureRef.name).toBe(newName);
});

test('an override of a template renames it exactly like a prop change', () => {
  const before = renderManagedCluster(awsSpec());
  const after = renderManagedCluster(awsSpec({
    overrides: [{ target: 'pool/general/machine-template', path: 'spec.template.spec.rootVolume', value: { size: 120, type: 'gp3' } }],
  }));
  const tpl = one(after.manifests, 'AWSMachineTemplate', 'general');
  expect(tpl.spec.template.spec.rootVolume).toEqual({ size: 120, type: 'gp3' });
  expect(tpl.metadata.name).not.toBe(one(before.manifests, 'AWSMachineTemplate', 'general').metadata.name);
  expect(one(after.manifests, 'MachineDeployment', 'general').spec.template.spec.infrastructureRef.name).toBe(tpl.metadata.name);
  expect(diffManifests(before.manifests, after.manifests)).toHaveLength(3);
});

test('overrides set, add and remove fields of non-template objects', () => {
  const ms = renderManagedCluster(devSpec({
    overrides: [
      { target: 'cluster', path: ['metadata', 'annotations', 'example.com/owner'], value: 'team-a' },
      { target: 'pool/md-0/machine-deployment', path: 'spec.template.spec.readinessGates', value: [{ conditionType: 'example.com/Ready' }] },
      { target: 'control-plane', path: 'spec.kubeadmConfigSpec.clusterConfiguration', remove: true },
    ],
  })).manifests;
  expect(one(ms, 'Cluster').metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
  expect(one(ms, 'MachineDeployment').spec.template.spec.readinessGates).toEqual([{ conditionType: 'example.com/Ready' }]);
  expect(one(ms, 'KubeadmControlPlane').spec.kubeadmConfigSpec.clusterConfiguration).toBeUndefined();
});

test('autoscaled pools leave replicas unset and carry the autoscaler annotations', () => {
  const md = one(renderManagedCluster(awsSpec()).manifests, 'MachineDeployment', 'gpu');
  expect(md.spec.replicas).toBeUndefined();
  expect(md.metadata.annotations).toEqual({
    'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '4',
    'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '1',
  });
});

test('keeps meaningful empties: docker backend {} and an empty control-plane taint list', () => {
  const ms = renderManagedCluster(devSpec({ controlPlane: { replicas: 1, taints: [] } })).manifests;
  expect(one(ms, 'DevCluster').spec).toEqual({ backend: { docker: {} } });
  const kcp = one(ms, 'KubeadmControlPlane');
  expect(kcp.spec.kubeadmConfigSpec.initConfiguration.nodeRegistration.taints).toEqual([]);
  expect(kcp.spec.kubeadmConfigSpec.joinConfiguration.nodeRegistration.taints).toEqual([]);
  // Without taints, kubeadm's default control-plane taint stays: no `taints` field at all.
  const plain = one(renderManagedCluster(devSpec()).manifests, 'KubeadmControlPlane');
  expect(plain.spec.kubeadmConfigSpec.initConfiguration.nodeRegistration.taints).toBeUndefined();
});

test('node labels: CAPI-synced domains on the Machine, others on the kubelet', () => {
  const ms = renderManagedCluster(devSpec({
    workerPools: [{ name: 'md-0', nodeLabels: { 'node-role.kubernetes.io/worker': '', 'example.com/tier': 'gold', 'a.example.com/x': 'y' } }],
  })).manifests;
  const md = one(ms, 'MachineDeployment');
  expect(md.spec.template.metadata.labels['node-role.kubernetes.io/worker']).toBe('');
  expect(md.spec.template.metadata.labels['example.com/tier']).toBeUndefined();
  const kct = one(ms, 'KubeadmConfigTemplate');
  expect(kct.spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs).toContainEqual({ name: 'node-labels', value: 'a.example.com/x=y,example.com/tier=gold' });
});

test('taints go to kubeadm by default and to the MachineDeployment only on opt-in', () => {
  const taints = [{ key: 'gpu', value: 'true', effect: 'NoSchedule' as const }];
  const byDefault = renderManagedCluster(devSpec({ workerPools: [{ name: 'md-0', taints }] })).manifests;
  expect(one(byDefault, 'KubeadmConfigTemplate').spec.template.spec.joinConfiguration.nodeRegistration.taints).toEqual(taints);
  expect(one(byDefault, 'MachineDeployment').spec.template.spec.taints).toBeUndefined();
  const optIn = renderManagedCluster(devSpec({ workerPools: [{ name: 'md-0', taints, taintsViaMachineTaintPropagation: true }] })).manifests;
  expect(one(optIn, 'MachineDeployment').spec.template.spec.taints).toEqual([{ ...taints[0], propagation: 'Always' }]);
  expect(one(optIn, 'KubeadmConfigTemplate').spec.template.spec.joinConfiguration.nodeRegistration.taints).toBeUndefined();
});

test('an empty taint value is left out of MachineDeployment taints, which reject ""', () => {
  const taints = [{ key: 'dedicated', value: '', effect: 'NoSchedule' as const }];
  const ms = renderManagedCluster(devSpec({ workerPools: [{ name: 'md-0', taints, taintsViaMachineTaintPropagation: true }] })).manifests;
  expect(one(ms, 'MachineDeployment').spec.template.spec.taints).toEqual([{ key: 'dedicated', effect: 'NoSchedule', propagation: 'Always' }]);
  const kubeadm = renderManagedCluster(devSpec({ workerPools: [{ name: 'md-0', taints }] })).manifests;
  expect(one(kubeadm, 'KubeadmConfigTemplate').spec.template.spec.joinConfiguration.nodeRegistration.taints).toEqual(taints);
});

test('health checks are opt-in', () => {
  expect(find(renderManagedCluster(devSpec()).manifests, 'MachineHealthCheck')).toHaveLength(0);
  const ms = renderManagedCluster(devSpec({ controlPlane: { replicas: 1, healthCheck: {} }, workerPools: [{ name: 'md-0', healthCheck: { maxUnhealthy: '40%' } }] })).manifests;
  const [cpCheck, poolCheck] = find(ms, 'MachineHealthCheck') as any[];
  expect(cpCheck.spec.selector.matchLabels).toEqual({ 'cluster.x-k8s.io/cluster-name': 'demo', 'cluster.x-k8s.io/control-plane': '' });
  expect(poolCheck.spec.selector.matchLabels['cluster.x-k8s.io/deployment-name']).toBe('demo-md-0');
  expect(poolCheck.spec.remediation).toEqual({ triggerIf: { unhealthyLessThanOrEqualTo: '40%' } });
  expect(poolCheck.spec.checks.unhealthyNodeConditions).toEqual([
    { status: 'False', timeoutSeconds: 300, type: 'Ready' },
    { status: 'Unknown', timeoutSeconds: 300, type: 'Ready' },
  ]);
});

test('adoption: every name can be pinned so nothing is renamed', () => {
  const plain = renderManagedCluster(devSpec());
  const hashOf = (role: string) => plain.manifests[plain.roles.indexOf(role)].metadata.name.split('-').pop()!;
  const cpHash = hashOf('control-plane/machine-template');
  const poolHash = hashOf('pool/md-0/machine-template');
  const adopted = renderManagedCluster(devSpec({
    names: { infrastructureCluster: 'legacy' },
    controlPlane: { replicas: 1, names: { controlPlane: 'legacy-cp', machineTemplate: { name: 'legacy-cp', specHash: cpHash } } },
    workerPools: [{
      name: 'md-0', replicas: 2,
      names: { machineDeployment: 'legacy-md-0', machineTemplate: { name: 'legacy-md-0', specHash: poolHash }, bootstrapTemplate: { name: 'legacy-md-0', specHash: hashOf('pool/md-0/bootstrap-template') } },
    }],
  }));
  expect(adopted.manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
    'DevCluster/legacy', 'DevMachineTemplate/legacy-cp', 'KubeadmControlPlane/legacy-cp', 'Cluster/demo',
    'DevMachineTemplate/legacy-md-0', 'KubeadmConfigTemplate/legacy-md-0', 'MachineDeployment/legacy-md-0',
  ]);
  expect(one(adopted.manifests, 'MachineDeployment').spec.selector.matchLabels['cluster.x-k8s.io/deployment-name']).toBe('legacy-md-0');
});

test('throws when a pinned template no longer matches its spec, telling the new hash', () => {
  const out = problemsOf(() => renderManagedCluster(devSpec({
    workerPools: [{ name: 'md-0', names: { machineTemplate: { name: 'legacy-md-0', specHash: 'deadbeef' } } }],
  })));
  expect(out).toEqual([expect.stringMatching(/^workerPools\[0\]\.names\.machineTemplate\.specHash: the DevMachineTemplate spec no longer matches the pinned name "legacy-md-0" \(spec hash is now [0-9a-f]{8}\)$/)]);
});

test('output is deterministic and independent of the order props were written in', () => {
  const a: ManagedClusterSpec = awsSpec({ labels: { b: '1', a: '2' } });
  const b: ManagedClusterSpec = JSON.parse(JSON.stringify(a), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
  expect(Object.keys(b)[0]).not.toBe(Object.keys(a)[0]);
  expect(toYaml(renderManagedCluster(b).manifests)).toBe(toYaml(renderManagedCluster(a).manifests));
  expect(toYaml(renderManagedCluster(a).manifests)).toBe(toYaml(renderManagedCluster(awsSpec({ labels: { b: '1', a: '2' } })).manifests));
});

test('YAML quotes strings kubectl would misread', () => {
  const text = toYaml(renderManagedCluster(devSpec({
    labels: { 'example.com/flag': 'yes' },
    workerPools: [{ name: 'md-0', files: [{ path: '/etc/x', content: 'on', permissions: '0644' }], preKubeadmCommands: ['echo a: b'] }],
  })).manifests);
  expect(text).toContain('example.com/flag: "yes"');
  expect(text).toContain('permissions: "0644"');
  expect(text).toContain('content: "on"');
  const docs = parseYamlDocuments(text).map(d => d.value as any);
  const kct = docs.find(d => d.kind === 'KubeadmConfigTemplate');
  expect(kct.spec.template.spec.files[0]).toMatchObject({ content: 'on', permissions: '0644' });
  expect(kct.spec.template.spec.preKubeadmCommands).toEqual(['echo a: b']);
});

/** `Kind/name: added|removed|changed` for every object that differs between two renders. */
function diffManifests(before: readonly Manifest[], after: readonly Manifest[]): string[] {
  const key = (m: Manifest) => `${m.kind}/${m.metadata.name}`;
  const b = new Map(before.map(m => [key(m), JSON.stringify(m)]));
  const a = new Map(after.map(m => [key(m), JSON.stringify(m)]));
  const out: string[] = [];
  for (const k of b.keys()) if (!a.has(k)) out.push(`${k}: removed`);
  for (const [k, v] of a) {
    if (!b.has(k)) out.push(`${k}: added`);
    else if (b.get(k) !== v) out.push(`${k}: changed`);
  }
  return out;
}
