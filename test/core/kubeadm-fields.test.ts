/** Typed kubeadm and control-plane fields: extraVolumes, local etcd, feature gates, machine conditions, control-plane node labels, machineNaming. */
import { formatIssue, Manifest, planChanges, renderManagedCluster, validateClusterSpec } from '../../lib';
import { ControlPlaneSpec, ManagedClusterSpec, WorkerPoolSpec } from '../../lib/core/spec';
import { awsSpec, devSpec, problemsOf } from './fixtures';

const problems = (spec: ManagedClusterSpec) => problemsOf(() => renderManagedCluster(spec));
const withCp = (cp: Partial<ControlPlaneSpec>) => devSpec({ controlPlane: { replicas: 1, ...cp } });
const withPool = (pool: Partial<WorkerPoolSpec>) => devSpec({ workerPools: [{ name: 'md-0', ...pool }] });
const kind = (ms: readonly Manifest[], k: string): any => {
  const found = ms.filter(m => m.kind === k);
  expect(found).toHaveLength(1);
  return found[0];
};
const kcpOf = (spec: ManagedClusterSpec) => kind(renderManagedCluster(spec).manifests, 'KubeadmControlPlane');
const mdOf = (spec: ManagedClusterSpec) => kind(renderManagedCluster(spec).manifests, 'MachineDeployment');

const auditFile = { path: '/etc/kubernetes/audit/policy.yaml', content: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n' };
const auditVolume = { name: 'audit-policy', hostPath: '/etc/kubernetes/audit/policy.yaml', mountPath: '/etc/kubernetes/audit/policy.yaml', readOnly: true, pathType: 'File' as const };

describe('control-plane extraVolumes', () => {
  test('render into the component of clusterConfiguration, in order, next to its extraArgs', () => {
    const kcp = kcpOf(withCp({
      files: [auditFile],
      apiServerExtraArgs: { 'audit-policy-file': '/etc/kubernetes/audit/policy.yaml' },
      apiServerExtraVolumes: [auditVolume, { name: 'audit-log', hostPath: '/var/log/kubernetes/audit', mountPath: '/var/log/kubernetes/audit', pathType: 'DirectoryOrCreate' }],
      controllerManagerExtraVolumes: [{ name: 'cloud', hostPath: '/etc/cloud', mountPath: '/etc/cloud', readOnly: true }],
      schedulerExtraVolumes: [{ name: 'sched', hostPath: '/etc/kubernetes/scheduler', mountPath: '/etc/kubernetes/scheduler' }],
    }));
    const cc = kcp.spec.kubeadmConfigSpec.clusterConfiguration;
    expect(cc.apiServer.extraVolumes).toEqual([
      { hostPath: '/etc/kubernetes/audit/policy.yaml', mountPath: '/etc/kubernetes/audit/policy.yaml', name: 'audit-policy', pathType: 'File', readOnly: true },
      { hostPath: '/var/log/kubernetes/audit', mountPath: '/var/log/kubernetes/audit', name: 'audit-log', pathType: 'DirectoryOrCreate' },
    ]);
    expect(cc.apiServer.extraArgs).toEqual([{ name: 'audit-policy-file', value: '/etc/kubernetes/audit/policy.yaml' }]);
    expect(cc.controllerManager.extraVolumes).toEqual([{ hostPath: '/etc/cloud', mountPath: '/etc/cloud', name: 'cloud', readOnly: true }]);
    expect(cc.scheduler.extraVolumes).toEqual([{ hostPath: '/etc/kubernetes/scheduler', mountPath: '/etc/kubernetes/scheduler', name: 'sched' }]);
  });

  test('are absent when not set', () => {
    const cc = kcpOf(withCp({})).spec.kubeadmConfigSpec.clusterConfiguration ?? {};
    expect(cc.apiServer?.extraVolumes).toBeUndefined();
    expect(cc.etcd).toBeUndefined();
    expect(cc.featureGates).toBeUndefined();
  });

  test('refuse relative paths, bad and duplicate names, duplicate mount paths and unknown path types, all at once', () => {
    expect(problems(withCp({
      apiServerExtraVolumes: [
        { name: 'Audit_Policy', hostPath: 'etc/audit.yaml', mountPath: '/etc/audit.yaml' },
        { name: 'logs', hostPath: '/var/log/a', mountPath: 'var/log/a' },
        { name: 'logs', hostPath: '/var/log/b', mountPath: '/etc/audit.yaml', pathType: 'file' as any },
      ],
      schedulerExtraVolumes: [],
    }))).toEqual([
      "apiServerExtraVolumes[0].name: the name must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit (kubeadm makes it the name of a volume in the static pod)",
      'apiServerExtraVolumes[0].hostPath: must be an absolute path',
      'apiServerExtraVolumes[1].mountPath: must be an absolute path',
      'apiServerExtraVolumes[2].name: another volume of this component has the same name',
      'apiServerExtraVolumes[2].mountPath: another volume of this component mounts at the same path',
      'apiServerExtraVolumes[2].pathType: unknown host path type',
      'schedulerExtraVolumes: an empty list mounts nothing',
    ].map(l => `controlPlane.${l}`));
  });

  test('the same name in two components is fine (each is its own static pod)', () => {
    const v = { name: 'shared', hostPath: '/etc/shared', mountPath: '/etc/shared' };
    expect(problems(withCp({ apiServerExtraVolumes: [v], controllerManagerExtraVolumes: [v] }))).toEqual([]);
  });

  test('a hostPath that files writes must match its pathType', () => {
    expect(problems(withCp({
      files: [auditFile],
      apiServerExtraVolumes: [
        { ...auditVolume, pathType: 'Directory' },
        { name: 'audit-dir', hostPath: '/etc/kubernetes/audit', mountPath: '/etc/kubernetes/audit', pathType: 'File' },
      ],
    }))).toEqual([
      'controlPlane.apiServerExtraVolumes[0].pathType: /etc/kubernetes/audit/policy.yaml is a file written by files, not a directory',
      'controlPlane.apiServerExtraVolumes[1].pathType: /etc/kubernetes/audit is a directory: files writes /etc/kubernetes/audit/policy.yaml inside it',
    ]);
    expect(problems(withCp({ files: [auditFile], apiServerExtraVolumes: [auditVolume, { name: 'dir', hostPath: '/etc/kubernetes/audit/', mountPath: '/audit', pathType: 'Directory' }] }))).toEqual([]);
  });

  test('paths longer than the CRD allows are refused', () => {
    const long = `/${'a'.repeat(512)}`;
    expect(problems(withCp({ apiServerExtraVolumes: [{ name: 'x', hostPath: long, mountPath: '/x' }] }))).toEqual([
      'controlPlane.apiServerExtraVolumes[0].hostPath: has 513 characters; at most 512 are allowed',
    ]);
  });
});

describe('local etcd', () => {
  test('renders etcd.local with sorted extraArgs', () => {
    const cc = kcpOf(withCp({ etcd: { dataDir: '/var/lib/etcd-data', extraArgs: { 'quota-backend-bytes': '8589934592', 'auto-compaction-retention': '8' }, imageRepository: 'registry.example.com/k8s', imageTag: '3.6.4-0' } }))
      .spec.kubeadmConfigSpec.clusterConfiguration;
    expect(cc.etcd).toEqual({
      local: {
        dataDir: '/var/lib/etcd-data',
        extraArgs: [{ name: 'auto-compaction-retention', value: '8' }, { name: 'quota-backend-bytes', value: '8589934592' }],
        imageRepository: 'registry.example.com/k8s',
        imageTag: '3.6.4-0',
      },
    });
  });

  test('an empty etcd section renders nothing (the CRD refuses an empty etcd.local)', () => {
    expect(kcpOf(withCp({ etcd: {} })).spec.kubeadmConfigSpec.clusterConfiguration.etcd).toBeUndefined();
  });

  test('refuses a relative dataDir, bad flags, an empty repository and an invalid tag, all at once', () => {
    expect(problems(withCp({ etcd: { dataDir: 'var/lib/etcd', extraArgs: { '--quota-backend-bytes': '1' }, imageRepository: ' ', imageTag: '3.6.4+build' } }))).toEqual([
      'controlPlane.etcd.dataDir: must be an absolute path',
      'controlPlane.etcd.extraArgs.--quota-backend-bytes: write flag names without leading dashes',
      'controlPlane.etcd.imageRepository: must be a non-empty string',
      'controlPlane.etcd.imageTag: tag 3.6.4+build is invalid',
    ]);
    expect(problems(withCp({ etcd: { imageTag: '' } }))).toEqual(['controlPlane.etcd.imageTag: must be a non-empty string']);
    expect(problems(withCp({ etcd: { imageTag: `v${'1'.repeat(256)}` } }))).toEqual(['controlPlane.etcd.imageTag: has 257 characters; at most 256 are allowed']);
  });
});

describe('kubeadm feature gates', () => {
  test('render into clusterConfiguration.featureGates', () => {
    const cc = kcpOf(withCp({ featureGates: { ControlPlaneKubeletLocalMode: true, WaitForAllControlPlaneComponents: false } })).spec.kubeadmConfigSpec.clusterConfiguration;
    expect(cc.featureGates).toEqual({ ControlPlaneKubeletLocalMode: true, WaitForAllControlPlaneComponents: false });
  });

  test('a name that is not a gate name, or a value that is not a boolean, is refused', () => {
    expect(problems(withCp({ featureGates: { 'control-plane-kubelet-local-mode': true } }))).toEqual([
      'controlPlane.featureGates.control-plane-kubelet-local-mode: is not a feature gate name',
    ]);
    expect(validateClusterSpec(withCp({ featureGates: { EtcdLearnerMode: 'true' as any } })).map(formatIssue)).toEqual([
      'controlPlane.featureGates.EtcdLearnerMode: must be true or false, got a string (got "true"). Fix: write true or false',
    ]);
  });
});

describe('unhealthyMachineConditions', () => {
  const hc = (conditions: any) => ({ healthCheck: { unhealthyMachineConditions: conditions } });

  test('render into spec.checks next to the node conditions', () => {
    const ms = renderManagedCluster(withPool(hc([{ type: 'example.com/DiskPressure', status: 'True', timeoutSeconds: 60 }]))).manifests;
    const mhc = kind(ms, 'MachineHealthCheck');
    expect(mhc.spec.checks.unhealthyMachineConditions).toEqual([{ status: 'True', timeoutSeconds: 60, type: 'example.com/DiskPressure' }]);
    expect(mhc.spec.checks.unhealthyNodeConditions).toHaveLength(2);
  });

  test('are refused with CAPI condition types, a bad type or status, a negative timeout, or an empty list', () => {
    expect(problems(withPool(hc([
      { type: 'Ready', status: 'False', timeoutSeconds: 60 },
      { type: 'bad type', status: 'false', timeoutSeconds: -1 },
    ])))).toEqual([
      'workerPools[0].healthCheck.unhealthyMachineConditions[0].type: type must not be one of: Ready, Available, HealthCheckSucceeded, OwnerRemediated, ExternallyRemediated',
      'workerPools[0].healthCheck.unhealthyMachineConditions[1].type: must be a condition type: a name with an optional DNS-subdomain prefix, at most 316 characters',
      'workerPools[0].healthCheck.unhealthyMachineConditions[1].status: unknown condition status',
      'workerPools[0].healthCheck.unhealthyMachineConditions[1].timeoutSeconds: must be an integer from 0 to 2147483647',
    ]);
    expect(problems(withCp(hc([])))).toEqual(['controlPlane.healthCheck.unhealthyMachineConditions: an empty list checks nothing']);
  });

  test('an unknown property of a condition is reported', () => {
    expect(validateClusterSpec(withPool(hc([{ type: 'X', status: 'True', timeoutSeconds: 1, timeoutSecond: 3 }]))).map(i => `${i.path}: ${i.message}`)).toEqual([
      'workerPools[0].healthCheck.unhealthyMachineConditions[0].timeoutSecond: unknown property: did you mean "timeoutSeconds"?',
    ]);
  });
});

describe('control-plane node labels', () => {
  test('CAPI-synced labels go on the Machine template metadata, the others into init and join node-labels', () => {
    const kcp = kcpOf(withCp({ nodeLabels: { 'node-role.kubernetes.io/etcd': '', 'example.com/tier': 'cp', 'a.example.com/zone': 'z1' } }));
    expect(kcp.spec.machineTemplate.metadata).toEqual({ labels: { 'node-role.kubernetes.io/etcd': '' } });
    for (const config of ['initConfiguration', 'joinConfiguration']) {
      expect(kcp.spec.kubeadmConfigSpec[config].nodeRegistration.kubeletExtraArgs).toContainEqual({ name: 'node-labels', value: 'a.example.com/zone=z1,example.com/tier=cp' });
    }
  });

  test('the pool and the control plane place labels alike', () => {
    const labels = { 'node.cluster.x-k8s.io/role': 'x', 'example.com/tier': 'y' };
    const md = mdOf(withPool({ nodeLabels: labels }));
    const kcp = kcpOf(withCp({ nodeLabels: labels }));
    expect(md.spec.template.metadata.labels['node.cluster.x-k8s.io/role']).toBe('x');
    expect(kcp.spec.machineTemplate.metadata.labels).toEqual({ 'node.cluster.x-k8s.io/role': 'x' });
    expect(kcp.spec.kubeadmConfigSpec.joinConfiguration.nodeRegistration.kubeletExtraArgs).toContainEqual({ name: 'node-labels', value: 'example.com/tier=y' });
  });

  test('without node labels the KCP has no machine template metadata', () => {
    expect(kcpOf(withCp({})).spec.machineTemplate.metadata).toBeUndefined();
  });

  test('labels the kubelet may not set are refused, as on pools', () => {
    expect(problems(withCp({ nodeLabels: { 'kubernetes.io/role': 'master', 'Bad Key': 'x', 'node-role.kubernetes.io/etcd': '' } }))).toEqual([
      'controlPlane.nodeLabels.Bad Key: invalid label key: the name part "Bad Key" must be 1-63 alphanumerics, \'-\', \'_\' or \'.\', starting and ending with an alphanumeric',
      'controlPlane.nodeLabels.kubernetes.io/role: the kubelet may not set labels in the kubernetes.io and k8s.io namespaces (NodeRestriction) and would refuse to start',
    ]);
  });
});

describe('machineNaming', () => {
  test('renders on the KubeadmControlPlane and the MachineDeployment', () => {
    expect(kcpOf(withCp({ machineNaming: { template: '{{ .kubeadmControlPlane.name }}-{{ .random }}' } })).spec.machineNaming)
      .toEqual({ template: '{{ .kubeadmControlPlane.name }}-{{ .random }}' });
    expect(mdOf(withPool({ machineNaming: { template: '{{ .cluster.name }}-{{ .machineSet.name }}-{{ .random }}' } })).spec.machineNaming)
      .toEqual({ template: '{{ .cluster.name }}-{{ .machineSet.name }}-{{ .random }}' });
  });

  test('is absent by default', () => {
    expect(kcpOf(withCp({})).spec.machineNaming).toBeUndefined();
    expect(mdOf(withPool({})).spec.machineNaming).toBeUndefined();
  });

  test.each([
    ['{{ .cluster.name }}-cp', 'invalid template, {{ .random }} is missing'],
    ['{{.random}}', 'invalid template, {{ .random }} is missing'],
    ['{{ .machineSet.name }}-{{ .random }}', 'invalid template: unknown variable .machineSet.name'],
    ['{{ .cluster }}-{{ .random }}', 'invalid template: unknown variable .cluster'],
    ['{{ printf "%s" .cluster.name }}-{{ .random }}', 'invalid template: only variables such as {{ .cluster.name }} are supported, not "{{ printf "%s" .cluster.name }}"'],
    ['cp-{{ .random }}-{{ .cluster.name', 'invalid template: unclosed action: "{{ .cluster.name" has no closing }}'],
    ['CP_{{ .random }}', "invalid template, generated names would not be valid Kubernetes object names: the name must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"],
    ['', 'must be a non-empty name template'],
  ])('the control plane refuses %j', (template, message) => {
    expect(problems(withCp({ machineNaming: { template } }))).toEqual([`controlPlane.machineNaming.template: ${message}`]);
  });

  test('a pool knows .machineSet.name, not .kubeadmControlPlane.name', () => {
    expect(problems(withPool({ machineNaming: { template: '{{ .machineSet.name }}-{{ .random }}' } }))).toEqual([]);
    expect(problems(withPool({ machineNaming: { template: '{{ .kubeadmControlPlane.name }}-{{ .random }}' } }))).toEqual([
      'workerPools[0].machineNaming.template: invalid template: unknown variable .kubeadmControlPlane.name',
    ]);
  });

  test('trim markers and long names render as CAPI renders them', () => {
    expect(problems(withCp({ machineNaming: { template: 'cp- {{- .cluster.name -}} -{{ .random }}' } }))).toEqual([]);
    // Without the trim markers the spaces stay, and a name has no spaces.
    expect(problems(withCp({ machineNaming: { template: 'cp- {{ .cluster.name }} -{{ .random }}' } }))[0]).toMatch(/generated names would not be valid/);
    // Longer than 63 characters: CAPI cuts the name to 58 and adds a random suffix, so it stays valid.
    expect(problems(withCp({ machineNaming: { template: `${'a'.repeat(80)}-{{ .random }}` } }))).toEqual([]);
    expect(problems(withCp({ machineNaming: { template: `${'a'.repeat(250)}-{{ .random }}` } }))).toEqual([
      'controlPlane.machineNaming.template: has 264 characters; at most 256 are allowed',
    ]);
  });

  test('an unknown property of machineNaming is reported', () => {
    expect(validateClusterSpec(withCp({ machineNaming: { templat: 'x' } as any })).map(i => `${i.path}: ${i.message}`)).toEqual([
      'controlPlane.machineNaming.templat: unknown property: did you mean "template"?',
      'controlPlane.machineNaming.template: must be a non-empty name template',
    ]);
  });
});

test('issues carry the value, what is allowed and a fix', () => {
  expect(validateClusterSpec(withCp({
    files: [auditFile],
    apiServerExtraVolumes: [{ ...auditVolume, pathType: 'Directory' }],
    etcd: { imageTag: '3.6.4+x' },
    machineNaming: { template: '{{ .cluster.name }}' },
  })).map(formatIssue)).toEqual([
    'controlPlane.apiServerExtraVolumes[0].pathType: /etc/kubernetes/audit/policy.yaml is a file written by files, not a directory (got "Directory"). Fix: use pathType File',
    'controlPlane.etcd.imageTag: tag 3.6.4+x is invalid (got "3.6.4+x"; allowed: letters, digits, \'_\', \'.\' and \'-\'). Fix: e.g. 3.6.4-0',
    'controlPlane.machineNaming.template: invalid template, {{ .random }} is missing (got "{{ .cluster.name }}"). Fix: add {{ .random }} (with these spaces): machine names must be unique',
  ]);
});

describe('shape of the new fields', () => {
  test('each new field is known (no unknown-property error) and type-checked', () => {
    const spec = withCp({
      files: [auditFile],
      apiServerExtraVolumes: [auditVolume], controllerManagerExtraVolumes: [], schedulerExtraVolumes: [],
      etcd: { dataDir: '/var/lib/etcd' }, featureGates: { X: true }, nodeLabels: { a: 'b' }, machineNaming: { template: '{{ .random }}' },
    });
    expect(validateClusterSpec(spec).map(i => i.message)).toEqual(['an empty list mounts nothing', 'an empty list mounts nothing']);
    expect(validateClusterSpec(withCp({ apiServerExtraVolumes: [{ name: 'a', hostPath: '/a', mountPath: '/a', readOnly: 'yes' as any, mountpath: '/b' } as any] })).map(i => `${i.path}: ${i.message}`)).toEqual([
      'controlPlane.apiServerExtraVolumes[0].readOnly: must be true or false, got a string',
      'controlPlane.apiServerExtraVolumes[0].mountpath: unknown property: did you mean "mountPath"?',
    ]);
    expect(validateClusterSpec(withCp({ etcd: { datadir: '/x' } as any })).map(i => `${i.path}: ${i.message}`)).toEqual([
      'controlPlane.etcd.datadir: unknown property: did you mean "dataDir"?',
    ]);
  });
});

describe('what a change of the new fields does to running machines (plan)', () => {
  const plan = (before: ManagedClusterSpec, after: ManagedClusterSpec) =>
    planChanges([...renderManagedCluster(before).manifests], [...renderManagedCluster(after).manifests]).clusters[0];
  const cp = (extra: Partial<ControlPlaneSpec>) => awsSpec({ controlPlane: { replicas: 3, ...extra }, workerPools: [] });

  test('a CAPI-synced control-plane node label and machineNaming apply in place; a kubelet label rolls the control plane', () => {
    const inPlace = plan(cp({}), cp({ nodeLabels: { 'node-role.kubernetes.io/etcd': '' }, machineNaming: { template: '{{ .cluster.name }}-cp-{{ .random }}' } }));
    expect(inPlace.rollouts).toEqual([]);
    expect(inPlace.inPlace.flatMap(c => c.paths)).toEqual(['spec.machineNaming', 'spec.machineTemplate.metadata']);
    expect(plan(cp({}), cp({ nodeLabels: { 'example.com/tier': 'cp' } })).rollouts.map(r => [r.target, r.machines])).toEqual([['control-plane', 3]]);
  });

  test('extraVolumes, etcd settings and feature gates roll the control plane', () => {
    for (const change of [{ apiServerExtraVolumes: [auditVolume] }, { etcd: { dataDir: '/mnt/etcd' } }, { featureGates: { ControlPlaneKubeletLocalMode: true } }]) {
      expect(plan(cp({}), cp(change)).rollouts.map(r => r.target)).toEqual(['control-plane']);
    }
  });

  // cluster-api v1.14.0 core/reconcilers/machinedeployment/machinedeployment_rollout_planner.go
  // copies machineNaming to the current MachineSet with the other in-place mutable fields.
  test("a pool's machineNaming applies in place", () => {
    const before = awsSpec();
    const after = awsSpec({ workerPools: [{ ...before.workerPools![0], machineNaming: { template: '{{ .machineSet.name }}-{{ .random }}' } }, before.workerPools![1]] });
    const p = plan(before, after);
    expect(p.rollouts).toEqual([]);
    expect(p.inPlace.flatMap(c => c.paths)).toEqual(['spec.machineNaming']);
  });
});
