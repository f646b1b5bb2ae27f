import { CapiValidationError, ClusterClassSpec, renderClusterClass, validateClusterClass } from '../../../lib';
import { AWS_CLASS } from './fixtures';

const byKind = (spec: ClusterClassSpec) => {
  const r = renderClusterClass(spec);
  return Object.fromEntries(r.manifests.map((m, i) => [r.roles[i], m])) as Record<string, any>;
};
const messages = (spec: unknown) => validateClusterClass(spec as ClusterClassSpec).map(i => `${i.path}: ${i.message}`);

describe('renderClusterClass', () => {
  test('renders the templates first and the ClusterClass last, which references them by apiVersion, kind and hash name', () => {
    const r = renderClusterClass(AWS_CLASS);
    expect(r.manifests.map(m => m.kind)).toEqual([
      'AWSClusterTemplate', 'AWSMachineTemplate', 'KubeadmControlPlaneTemplate', 'AWSMachineTemplate', 'KubeadmConfigTemplate', 'AWSMachineTemplate', 'KubeadmConfigTemplate', 'ClusterClass',
    ]);
    const o = byKind(AWS_CLASS);
    const cc = o['cluster-class'];
    expect(cc.spec.infrastructure.templateRef).toEqual({ apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2', kind: 'AWSClusterTemplate', name: o['infrastructure-cluster'].metadata.name });
    expect(cc.spec.controlPlane.templateRef.name).toBe(o['control-plane'].metadata.name);
    expect(cc.spec.controlPlane.machineInfrastructure.templateRef.name).toBe(o['control-plane/machine-template'].metadata.name);
    expect(cc.spec.workers.machineDeployments.map((md: any) => [md.class, md.infrastructure.templateRef.name, md.bootstrap.templateRef.name])).toEqual([
      ['general', o['pool/general/machine-template'].metadata.name, o['pool/general/bootstrap-template'].metadata.name],
      ['gpu', o['pool/gpu/machine-template'].metadata.name, o['pool/gpu/bootstrap-template'].metadata.name],
    ]);
    for (const [role, m] of Object.entries(o)) {
      if (role !== 'cluster-class') expect(m.metadata.name).toMatch(/-[0-9a-f]{8}$/);
    }
  });

  test('templates are the objects a cluster of the same spec gets: the KubeadmControlPlane spec without replicas, version and machine template', () => {
    const o = byKind(AWS_CLASS);
    expect(o['infrastructure-cluster'].spec.template.spec).toMatchObject({ region: 'eu-west-1', network: { vpc: { cidrBlock: '10.0.0.0/16' } } });
    const kcp = o['control-plane'].spec.template.spec;
    expect(Object.keys(kcp)).toEqual(['kubeadmConfigSpec']);
    expect(kcp.kubeadmConfigSpec.initConfiguration.nodeRegistration.kubeletExtraArgs).toEqual([{ name: 'cloud-provider', value: 'external' }]);
    expect(o['pool/gpu/bootstrap-template'].spec.template.spec.joinConfiguration.nodeRegistration.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
  });

  test('worker classes carry the pool\'s health check, rollout and synced node labels; the control plane its health check', () => {
    const cc = byKind(AWS_CLASS)['cluster-class'];
    const [general, gpu] = cc.spec.workers.machineDeployments;
    expect(general.metadata).toEqual({ labels: { 'node-role.kubernetes.io/worker': '' } });
    expect(general.rollout).toEqual({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } } });
    expect(general.healthCheck.checks.unhealthyNodeConditions).toHaveLength(2);
    expect(gpu.healthCheck).toBeUndefined();
    expect(cc.spec.controlPlane.healthCheck.checks).toBeDefined();
    expect(cc.spec.kubernetesVersions).toEqual(['v1.33.6', 'v1.34.1']);
  });

  test('variables render with their schema under openAPIV3Schema; patches with a selector of the target template kind', () => {
    const cc = byKind(AWS_CLASS)['cluster-class'];
    expect(cc.spec.variables[0]).toEqual({ name: 'region', required: true, schema: { openAPIV3Schema: { type: 'string', enum: ['eu-west-1', 'eu-central-1'] } } });
    expect(cc.spec.variables[1].required).toBe(false);
    expect(cc.spec.patches.map((p: any) => p.definitions[0].selector)).toEqual([
      { apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2', kind: 'AWSClusterTemplate', matchResources: { infrastructureCluster: true } },
      { apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2', kind: 'AWSMachineTemplate', matchResources: { machineDeploymentClass: { names: ['general'] } } },
      { apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2', kind: 'KubeadmControlPlaneTemplate', matchResources: { controlPlane: true } },
    ]);
    expect(cc.spec.patches[1].enabledIf).toBe('{{ if .rootVolume }}true{{ end }}');
    expect(cc.spec.patches[0].definitions[0].jsonPatches).toEqual([{ op: 'replace', path: '/spec/template/spec/region', valueFrom: { variable: 'region' } }]);
  });

  test('class objects carry the class label and no cluster-name label; templates the prune-protection annotations', () => {
    const o = byKind(AWS_CLASS);
    for (const m of Object.values(o)) {
      expect(m.metadata.labels['capi-constructs.io/cluster-class']).toBe('aws-standard');
      expect(m.metadata.labels['cluster.x-k8s.io/cluster-name']).toBeUndefined();
      expect(m.metadata.namespace).toBe('clusters');
    }
    expect(o['pool/gpu/machine-template'].metadata.labels['capi-constructs.io/worker-class']).toBe('gpu');
    for (const [role, m] of Object.entries(o)) {
      if (role === 'cluster-class') expect(m.metadata.annotations).toBeUndefined();
      else expect(m.metadata.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled', 'argocd.argoproj.io/sync-options': 'Prune=false' });
    }
  });
});

describe('template rotation', () => {
  const names = (spec: ClusterClassSpec) => Object.fromEntries(Object.entries(byKind(spec)).map(([role, m]) => [role, m.metadata.name]));

  test('a changed worker machine spec renames only that template; the class points at the new name', () => {
    const before = names(AWS_CLASS);
    const changed: ClusterClassSpec = { ...AWS_CLASS, workerClasses: [{ ...AWS_CLASS.workerClasses![0], machine: { aws: { instanceType: 'm6i.2xlarge' } } }, AWS_CLASS.workerClasses![1]] };
    const after = names(changed);
    const differs = Object.keys(before).filter(r => before[r] !== after[r]);
    expect(differs).toEqual(['pool/general/machine-template']);
    const cc = byKind(changed)['cluster-class'];
    expect(cc.spec.workers.machineDeployments[0].infrastructure.templateRef.name).toBe(after['pool/general/machine-template']);
  });

  test('a changed control plane renames the KubeadmControlPlaneTemplate; variables and patches rename no template', () => {
    const before = names(AWS_CLASS);
    const cp = names({ ...AWS_CLASS, controlPlane: { ...AWS_CLASS.controlPlane, apiServerExtraArgs: { 'audit-log-maxage': '30' } } });
    expect(Object.keys(before).filter(r => before[r] !== cp[r])).toEqual(['control-plane']);
    const vars = names({ ...AWS_CLASS, variables: [...AWS_CLASS.variables!, { name: 'extra', schema: { type: 'boolean' } }], patches: [] });
    expect(vars).toEqual(before);
  });

  test('a class override changes the template before hashing, so it gets a new name', () => {
    const before = names(AWS_CLASS);
    const after = names({ ...AWS_CLASS, overrides: [{ target: 'pool/gpu/machine-template', path: 'spec.template.spec.rootVolume', value: { size: 200 } }] });
    expect(Object.keys(before).filter(r => before[r] !== after[r])).toEqual(['pool/gpu/machine-template']);
    expect(byKind({ ...AWS_CLASS, overrides: [{ target: 'pool/gpu/machine-template', path: 'spec.template.spec.rootVolume', value: { size: 200 } }] })['pool/gpu/machine-template'].spec.template.spec.rootVolume).toEqual({ size: 200 });
  });
});

describe('validateClusterClass', () => {
  test('throws one error listing every problem, with the class in the header', () => {
    const bad = {
      ...AWS_CLASS,
      name: 'Bad_Name',
      controlPlane: { replicas: 3 },
      workerClasses: [{ name: 'general', replicas: 2, failureDomain: 'a', machine: { aws: { instanceType: 'm6i.large', bogus: 1 } } }],
    } as unknown as ClusterClassSpec;
    let error: unknown;
    try {
      renderClusterClass(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CapiValidationError);
    const e = error as CapiValidationError;
    expect(e.message).toMatch(/^Invalid ClusterClass "Bad_Name"/);
    const paths = e.issues.map(i => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'controlPlane.replicas', 'workerClasses[0].replicas', 'workerClasses[0].failureDomain', 'workerClasses[0].machine.aws.bogus']));
    expect(e.issues.find(i => i.path === 'controlPlane.replicas')!.fix).toBe('set topology.controlPlane.replicas in each cluster');
  });

  test('throws when a field is unknown, with the closest name', () => {
    expect(validateClusterClass({ ...AWS_CLASS, workerClass: [] } as unknown as ClusterClassSpec)).toEqual([
      expect.objectContaining({ path: 'workerClass', message: 'is not a field of a ClusterClass spec', fix: 'did you mean workerClasses?' }),
    ]);
  });

  test('throws when variables break the upstream rules: reserved, dotted or repeated names', () => {
    expect(messages({ ...AWS_CLASS, patches: [], variables: [
      { name: 'builtin', schema: { type: 'string' } }, { name: 'a.b', schema: { type: 'string' } }, { name: 'x', schema: { type: 'string' } }, { name: 'x', schema: { type: 'string' } },
    ] })).toEqual([
      'variables[0].name: "builtin" is a reserved variable name',
      'variables[1].name: variable name cannot contain "."',
      'variables[3].name: variable name must be unique: "x" is defined more than once',
    ]);
  });

  test('throws when a schema uses a feature this library does not check, or a default breaks it', () => {
    expect(messages({ ...AWS_CLASS, patches: [], variables: [
      { name: 'a', schema: { type: 'string', 'x-kubernetes-validations': [{ rule: 'self.size() > 1' }] } },
      { name: 'b', schema: { anyOf: [{ type: 'string' }], type: 'string' } },
      { name: 'c', schema: { type: 'integer', minimum: 1, default: 0 } },
      { name: 'd', schema: { type: 'array' } },
      { name: 'e', schema: { type: 'string', pattern: '(a+)+$' } },
      { name: 'f', schema: { type: 'string', format: 'email' } },
      { name: 'g', schema: { type: 'object', properties: { x: { type: 'string' } }, required: ['y'] } },
      { name: 'h', schema: { type: 'string', pattern: '^(?!x)' } },
    ] })).toEqual([
      'variables[0].schema.x-kubernetes-validations: is not supported: CEL rules cannot be evaluated at synth time',
      'variables[1].schema.anyOf: is not supported: schema composition is not checked at synth time',
      'variables[2].schema.default: must be at least 1',
      'variables[3].schema.items: an array schema must give the schema of its items (a structural schema)',
      'variables[4].schema.pattern: nests quantifiers (like (a+)+), which can take exponential time to match outside RE2',
      'variables[5].schema.format: is not a format this library checks',
      'variables[6].schema.required[0]: names a field the schema does not define',
      'variables[7].schema.pattern: uses a lookaround, which Go regular expressions (RE2) do not support',
    ]);
  });

  test('throws when kubernetesVersions are not ascending or skip a minor', () => {
    expect(messages({ ...AWS_CLASS, kubernetesVersions: ['v1.34.1', 'v1.34.0', 'v1.36.0', 'v1.35'] })).toEqual([
      'kubernetesVersions[1]: version must be greater than v1.34.1',
      'kubernetesVersions[2]: expecting a version with minor 34 or 35',
      'kubernetesVersions[3]: must be a full Kubernetes version',
    ]);
  });

  test('throws when patches break the upstream rules: path, ops, value/valueFrom, variables, selectors', () => {
    const patch = (jsonPatches: unknown[], extra: object = {}) => ({ name: `p${Math.random()}`, definitions: [{ target: 'workers/machine-template', jsonPatches, ...extra }] });
    expect(messages({ ...AWS_CLASS, patches: [
      patch([{ op: 'add', path: '/metadata/labels/x', value: 'y' }]),
      patch([{ op: 'move', path: '/spec/template/spec/a', value: 1 }]),
      patch([{ op: 'add', path: '/spec/template/spec/a' }]),
      patch([{ op: 'add', path: '/spec/template/spec/a', value: 1, valueFrom: { variable: 'region' } }]),
      patch([{ op: 'add', path: '/spec/template/spec/a', valueFrom: { variable: 'regoin' } }]),
      patch([{ op: 'add', path: '/spec/template/spec/a', valueFrom: { variable: 'builtin.cluster.nmae' } }]),
      patch([{ op: 'add', path: '/spec/template/spec/a', valueFrom: { variable: 'rootVolume.iops' } }]),
      patch([{ op: 'replace', path: '/spec/template/spec/additionalSecurityGroups/1', value: 1 }]),
      patch([{ op: 'add', path: '/spec/template/spec/a', value: 1 }], { workerClasses: ['gnu'] }),
      { name: 'dup', definitions: [{ target: 'nodes', jsonPatches: [] }] },
      { name: 'dup', definitions: [] },
    ] })).toEqual([
      'patches[0].definitions[0].jsonPatches[0].path: jsonPatch path must start with "/spec"',
      'patches[1].definitions[0].jsonPatches[0].op: is not a supported operation',
      'patches[2].definitions[0].jsonPatches[0]: jsonPatch must define one of value or valueFrom',
      'patches[3].definitions[0].jsonPatches[0]: jsonPatch can not define both value and valueFrom',
      'patches[4].definitions[0].jsonPatches[0].valueFrom.variable: variable with name regoin cannot be found',
      'patches[5].definitions[0].jsonPatches[0].valueFrom.variable: not a defined builtin variable',
      'patches[6].definitions[0].jsonPatches[0].valueFrom.variable: the schema of variable rootVolume has no field iops',
      'patches[7].definitions[0].jsonPatches[0].path: elements in arrays can not be accessed in a replace operation',
      'patches[8].definitions[0].workerClasses[0]: matches no worker class of the class',
      'patches[9].definitions[0].target: is not a template of the class',
      'patches[10].name: patch names must be unique: "dup" is used more than once',
      'patches[10].definitions: a patch needs at least one definition',
    ]);
    const fixOf = validateClusterClass({ ...AWS_CLASS, patches: [patch([{ op: 'add', path: '/spec/template/spec/a', valueFrom: { variable: 'regoin' } }])] } as ClusterClassSpec)[0];
    expect(fixOf.fix).toBe('did you mean region?');
  });

  test('throws when a patch path does not fit the template it targets, trying the patches in order', () => {
    const issues = validateClusterClass({ ...AWS_CLASS, patches: [
      { name: 'a', definitions: [{ target: 'workers/machine-template', jsonPatches: [{ op: 'replace', path: '/spec/template/spec/instanceTyp', value: 'm6i.large' }] }] },
      { name: 'b', definitions: [{ target: 'infrastructure-cluster', jsonPatches: [{ op: 'add', path: '/spec/template/spec/bastion/enabled', value: true }] }] },
      // Fine: the first adds the parent the second writes into.
      { name: 'c', definitions: [{ target: 'control-plane/machine-template', jsonPatches: [{ op: 'add', path: '/spec/template/spec/rootVolume', value: {} }, { op: 'add', path: '/spec/template/spec/rootVolume/size', value: 80 }] }] },
    ] });
    expect(issues.map(i => `${i.path}: ${i.message}`)).toEqual([
      'patches[0].definitions[0].jsonPatches[0].path: cannot be applied to the AWSMachineTemplate of worker class general: /spec/template/spec/instanceTyp does not exist in the template, so it cannot be replaced (use op add)',
      'patches[0].definitions[0].jsonPatches[0].path: cannot be applied to the AWSMachineTemplate of worker class gpu: /spec/template/spec/instanceTyp does not exist in the template, so it cannot be replaced (use op add)',
      'patches[1].definitions[0].jsonPatches[0].path: cannot be applied to the AWSClusterTemplate: /spec/template/spec/bastion does not exist in the template (a JSON patch add needs the parent to exist: add it first, as an object)',
    ]);
  });

  test('throws when the provider cannot back a class, or a class override targets the Cluster', () => {
    const vsphere = messages({ name: 'vs', infrastructure: { vsphere: { server: 'vc.example.com', datacenter: 'dc', controlPlaneEndpoint: { kubeVip: { address: '10.0.0.10' } } } } });
    expect(vsphere[0]).toBe('infrastructure.vsphere: the vsphere provider cannot back a ClusterClass in this library: its cluster section renders per cluster');
    expect(messages({ ...AWS_CLASS, overrides: [{ target: 'cluster', path: 'spec.paused', value: true }] })).toContain('overrides[0].target: a class has no Cluster object');
  });

  test('never crashes on hostile input', () => {
    const cyclic: any = { type: 'object', properties: {} };
    cyclic.properties.self = cyclic;
    for (const input of [null, [], 'x', { ...AWS_CLASS, variables: {} }, { ...AWS_CLASS, patches: [null, 1] }, { ...AWS_CLASS, variables: [{ name: 'c', schema: cyclic }] },
      { ...AWS_CLASS, variables: [{ name: '__proto__', schema: { type: 'string' } }] }, { ...AWS_CLASS, patches: [{ name: 'x', definitions: [{ target: 'control-plane', jsonPatches: [{ op: 'add', path: '/spec/__proto__/x', value: 1 }] }] }] }]) {
      expect(Array.isArray(validateClusterClass(input as unknown as ClusterClassSpec))).toBe(true);
    }
    expect(validateClusterClass({ ...AWS_CLASS, variables: [{ name: 'c', schema: cyclic }] }).map(i => i.message)).toContain('nests deeper than 32 levels');
  });
});
