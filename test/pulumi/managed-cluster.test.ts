import * as pulumi from '@pulumi/pulumi';
import { ANNOTATIONS, renderManagedCluster } from '../../lib';
import { AWS_CLUSTER, DEV_CLUSTER } from '../fixtures/clusters';
import { CapturedOptions, captureOptions, installMocks, isSecretEnvelope, MOCK_KUBECONFIG, settle, valueOf } from './_mocks';
import { inputPropertiesErrorOf } from './aws/_mocks';

// GIVEN mocks installed before the module under test is loaded.
const registered = installMocks();
let mc: typeof import('../../lib/pulumi/managed-cluster');
let k8s: typeof import('@pulumi/kubernetes');

beforeAll(async () => {
  mc = await import('../../lib/pulumi/managed-cluster');
  k8s = await import('@pulumi/kubernetes');
});

const { name: _devName, ...devArgs } = DEV_CLUSTER;
const plain = (spec: typeof AWS_CLUSTER) => renderManagedCluster(spec).manifests;

describe('planClusterResources (pure)', () => {
  test('one resource per core manifest, in the core order, named namespace/cluster/Kind/name, with the old name as legacyResourceName', () => {
    const plan = mc.planClusterResources('ignored', DEV_CLUSTER);
    const core = plain(DEV_CLUSTER);
    expect(plan.resources.map(r => r.manifest)).toEqual(core);
    expect(plan.resources.map(r => r.resourceName)).toEqual(core.map(m => `default/dev-local/${m.kind}/${m.metadata.name}`));
    expect(plan.resources.map(r => r.legacyResourceName)).toEqual(core.map(m => `dev-local/${m.kind}/${m.metadata.name}`));
    expect(plan.resources.map(r => r.manifest.kind)).toEqual([
      'DevCluster', 'DevMachineTemplate', 'KubeadmControlPlane', 'Cluster',
      'DevMachineTemplate', 'KubeadmConfigTemplate', 'MachineDeployment',
      'DevMachineTemplate', 'KubeadmConfigTemplate', 'MachineDeployment',
      'DevMachineTemplate', 'KubeadmConfigTemplate', 'MachineDeployment', 'MachineHealthCheck',
    ]);
    expect(plan).toMatchObject({ clusterName: 'dev-local', namespace: 'default', kubeconfigSecretName: 'dev-local-kubeconfig', readKubeconfig: false });
  });

  test('the cluster name defaults to the Pulumi resource name', () => {
    const plan = mc.planClusterResources('from-pulumi', devArgs);
    expect(plan.clusterName).toBe('from-pulumi');
    expect(plan.resources.find(r => r.manifest.kind === 'Cluster')!.resourceName).toBe('default/from-pulumi/Cluster/from-pulumi');
  });

  test('dependsOn lists the referenced objects, and the Cluster for workers and health checks', () => {
    const plan = mc.planClusterResources('x', DEV_CLUSTER);
    const deps = Object.fromEntries(plan.resources.map(r => [r.resourceName, r.dependsOn]));
    const cpTemplate = plan.resources[1].resourceName;
    expect(deps['default/dev-local/DevCluster/dev-local']).toEqual([]);
    expect(deps[cpTemplate]).toEqual([]);
    expect(deps['default/dev-local/KubeadmControlPlane/dev-local-control-plane']).toEqual([cpTemplate]);
    expect(deps['default/dev-local/Cluster/dev-local']).toEqual(['default/dev-local/KubeadmControlPlane/dev-local-control-plane', 'default/dev-local/DevCluster/dev-local']);
    const md = plan.resources.find(r => r.resourceName === 'default/dev-local/MachineDeployment/dev-local-general')!;
    expect([...md.dependsOn].sort()).toEqual([plan.resources[4].resourceName, plan.resources[5].resourceName, 'default/dev-local/Cluster/dev-local'].sort());
    expect(deps['default/dev-local/MachineHealthCheck/dev-local-edge']).toEqual(['default/dev-local/Cluster/dev-local']);
    // Every dependency is registered before its dependant.
    plan.resources.forEach((r, i) => r.dependsOn.forEach(d => expect(plan.resources.findIndex(x => x.resourceName === d)).toBeLessThan(i)));
  });

  test('protects the Cluster by default and only the Cluster; protectCluster: false opts out', () => {
    const protectedNames = (args: any) => mc.planClusterResources('x', args).resources.filter(r => r.protect).map(r => r.resourceName);
    expect(protectedNames(DEV_CLUSTER)).toEqual(['default/dev-local/Cluster/dev-local']);
    expect(protectedNames({ ...DEV_CLUSTER, protectCluster: false })).toEqual([]);
  });

  test('retains immutable templates on delete, nothing else', () => {
    const plan = mc.planClusterResources('x', DEV_CLUSTER);
    const retained = plan.resources.filter(r => r.retainOnDelete).map(r => r.manifest.kind);
    expect(retained).toEqual(['DevMachineTemplate', 'DevMachineTemplate', 'KubeadmConfigTemplate', 'DevMachineTemplate', 'KubeadmConfigTemplate', 'DevMachineTemplate', 'KubeadmConfigTemplate']);
  });

  test('ignores spec.replicas on autoscaled MachineDeployments only', () => {
    const plan = mc.planClusterResources('x', DEV_CLUSTER);
    const ignoring = plan.resources.filter(r => r.ignoreChanges).map(r => [r.resourceName, r.ignoreChanges]);
    expect(ignoring).toEqual([['default/dev-local/MachineDeployment/dev-local-batch', ['spec.replicas']]]);
    const batch = plan.resources.find(r => r.resourceName === 'default/dev-local/MachineDeployment/dev-local-batch')!.manifest as any;
    expect(batch.spec.replicas).toBeUndefined();
    expect(batch.metadata.annotations[ANNOTATIONS.autoscalerMax]).toBe('5');
  });

  test('waitForReady annotates the Cluster only, sets its timeouts and reads the kubeconfig; template names do not change', () => {
    const off = mc.planClusterResources('x', DEV_CLUSTER);
    const on = mc.planClusterResources('x', { ...DEV_CLUSTER, waitForReady: true, readyTimeoutSeconds: 600 });
    expect(on.readKubeconfig).toBe(true);
    expect(on.resources.map(r => r.resourceName)).toEqual(off.resources.map(r => r.resourceName));
    on.resources.forEach((r, i) => {
      if (r.manifest.kind === 'Cluster') {
        expect(r.manifest.metadata.annotations).toEqual({ 'pulumi.com/waitFor': 'condition=Available' });
        expect(r.customTimeouts).toEqual({ create: '600s', update: '600s' });
      } else {
        expect(r.manifest).toEqual(off.resources[i].manifest);
        expect(r.customTimeouts).toBeUndefined();
      }
    });
    const defaults = mc.planClusterResources('x', { ...DEV_CLUSTER, waitForReady: true });
    expect(defaults.resources[3].customTimeouts).toEqual({ create: '1800s', update: '1800s' });
  });

  test('Inputs at the allowed AWS leaves keep every template name of the plain spec', async () => {
    const aws = AWS_CLUSTER.infrastructure.aws!;
    const plan = mc.planClusterResources('x', {
      ...AWS_CLUSTER,
      infrastructure: {
        aws: {
          ...aws,
          network: { existing: { vpcId: pulumi.output('vpc-0a1b2c3d'), subnetIds: pulumi.output(['subnet-0a1', 'subnet-0b2', 'subnet-0c3']) } },
          identity: { kind: 'AWSClusterRoleIdentity', name: Promise.resolve('prod-eu-1-role') },
        },
      },
    });
    const core = plain(AWS_CLUSTER);
    expect(plan.resources.map(r => r.manifest.metadata.name)).toEqual(core.map(m => m.metadata.name));
    const withInputs = plan.resources.filter(r => r.inputs.length > 0);
    expect(withInputs.map(r => r.manifest.kind)).toEqual(['AWSCluster']);
    expect(withInputs[0].inputs.map(s => s.path)).toEqual([
      'infrastructure.aws.network.existing.vpcId', 'infrastructure.aws.network.existing.subnetIds', 'infrastructure.aws.identity.name',
    ]);
    // THEN the resolved args equal the plain spec's AWSCluster.
    const args = mc.resourceArgs(withInputs[0]);
    expect(await valueOf(pulumi.output(args) as any)).toEqual(core[0]);
  });

  test('substitutePlaceholders repeats the list item of a whole-list Input once per element', () => {
    const slots = [
      { path: 'a', placeholder: 'P-LIST', value: undefined, list: true },
      { path: 'b', placeholder: 'P-VPC', value: undefined, list: false },
    ];
    const out = mc.substitutePlaceholders({ vpc: { id: 'P-VPC' }, subnets: [{ id: 'P-LIST' }, { id: 'fixed' }], ids: ['P-LIST'] }, slots, [['s1', 's2'], 'vpc-1']);
    expect(out).toEqual({ vpc: { id: 'vpc-1' }, subnets: [{ id: 's1' }, { id: 's2' }, { id: 'fixed' }], ids: ['s1', 's2'] });
  });

  test('throws when an Output is inside template content, naming its property path', () => {
    const args = { ...AWS_CLUSTER, workerPools: [{ name: 'general', machine: { aws: { instanceType: pulumi.output('m6i.large') } } }] } as any;
    const err = inputPropertiesErrorOf(() => mc.planClusterResources('x', args));
    expect(err.errors).toEqual([{ propertyPath: 'workerPools[0].machine.aws.instanceType', reason: expect.stringMatching(/^a Pulumi Output or Promise is not allowed here: template content/) }]);
    expect(err.message).toMatch(/^Invalid arguments for capi-constructs:index:ManagedCluster "x": 1 problem:\n {2}- workerPools\[0\]\.machine\.aws\.instanceType: a Pulumi Output/);
    expect(err.message).toMatch(/allowed: Inputs only at infrastructure\.aws\.network\.existing\.vpcId, infrastructure\.aws\.network\.existing\.subnetIds, infrastructure\.aws\.identity\.name/);
  });

  test('the Input leaves come from the provider registry: a dev cluster has none', () => {
    const args = { ...DEV_CLUSTER, workerPools: [{ name: 'a', machine: { dev: { customImage: pulumi.output('kindest/node:v1.34.2') } } }] } as any;
    const err = inputPropertiesErrorOf(() => mc.planClusterResources('x', args));
    expect(err.errors.map(e => e.propertyPath)).toEqual(['workerPools[0].machine.dev.customImage']);
    expect(err.errors[0].reason).toContain('allowed: no Inputs: this provider has no late-bound leaves');
    expect(err.errors[0].reason).not.toContain('infrastructure.aws');
  });

  test('a misspelled property in the args (from code or stack config) is an error naming the closest property', () => {
    const args = { ...DEV_CLUSTER, workerPools: [{ name: 'a', replica: 2 }], controlplane: {} } as any;
    const err = inputPropertiesErrorOf(() => mc.planClusterResources('x', args));
    expect(err.errors).toEqual([
      { propertyPath: 'workerPools[0].replica', reason: expect.stringMatching(/^unknown property: did you mean "replicas"\?/) },
      { propertyPath: 'controlplane', reason: expect.stringMatching(/^unknown property: did you mean "controlPlane"\?/) },
    ]);
  });

  test('throws when an Output is in an override or the cluster name', () => {
    const args = { ...DEV_CLUSTER, name: pulumi.output('n'), overrides: [{ target: 'cluster', path: 'spec.paused', value: pulumi.output(true) }] } as any;
    const err = inputPropertiesErrorOf(() => mc.planClusterResources('x', args));
    expect(err.errors.map(e => e.propertyPath)).toEqual(['name', 'overrides[0].value']);
  });

  test('throws one InputPropertiesError with one property path per problem (core and adapter issues together)', () => {
    const args = {
      ...DEV_CLUSTER,
      version: 'v1.34',
      controlPlane: { replicas: 2 },
      workerPools: [
        { name: 'a', autoscaling: { min: 5, max: 2 } },
        { name: 'b', machine: { dev: { customImage: pulumi.output('kindest/node:v1.34.2') } } },
      ],
      waitForReady: 'yes',
    } as any;
    const err = inputPropertiesErrorOf(() => mc.planClusterResources('x', args));
    const paths = err.errors.map(e => e.propertyPath);
    expect(paths).toEqual(expect.arrayContaining(['version', 'controlPlane.replicas', 'workerPools[0].autoscaling', 'workerPools[1].machine.dev.customImage', 'waitForReady']));
    expect(new Set(paths).size).toBe(paths.length);
    expect(err.errors.find(e => e.propertyPath === 'controlPlane.replicas')!.reason).toMatch(/got 2/);
    expect(err.errors.find(e => e.propertyPath === 'waitForReady')!.reason).toBe('must be a boolean (got "yes"; allowed: true, false). Fix: set waitForReady to true or false, or leave it out');
    expect(err.message).toContain(`${err.errors.length} problems`);
  });

  test('throws when readyTimeoutSeconds is set without waitForReady', () => {
    const err = inputPropertiesErrorOf(() => mc.planClusterResources('x', { ...DEV_CLUSTER, readyTimeoutSeconds: 60 }));
    expect(err.errors).toEqual([{ propertyPath: 'readyTimeoutSeconds', reason: 'has no effect without waitForReady (got 60). Fix: set waitForReady: true or remove readyTimeoutSeconds' }]);
  });

  test('an Output identity name does not leak its placeholder into error messages', () => {
    const aws = AWS_CLUSTER.infrastructure.aws!;
    const args = { ...AWS_CLUSTER, infrastructure: { aws: { ...aws, identity: { kind: 'AWSClusterControllerIdentity', name: pulumi.output('default') } } } } as any;
    const err = inputPropertiesErrorOf(() => mc.planClusterResources('x', args));
    expect(err.errors).toEqual([{ propertyPath: 'infrastructure.aws.identity.name', reason: expect.stringContaining('got "(Pulumi Output)"') }]);
  });
});

describe('ManagedCluster (under mocks)', () => {
  test('registers one CustomResource per manifest as children, with the planned options and the provider', async () => {
    const captured: CapturedOptions[] = [];
    const provider = new k8s.Provider('mgmt', { kubeconfig: 'mock' });
    const cluster = new mc.ManagedCluster('dev', devArgs, { provider, transformations: [captureOptions(captured)] });
    const manifests = await valueOf(cluster.manifests);
    await settle(registered);

    const plan = mc.planClusterResources('dev', devArgs);
    expect(manifests).toEqual(plan.resources.map(r => r.manifest));
    // Registration order under mocks follows dependsOn resolution, not construction order.
    const mine = plan.resources.map(p => registered.find(r => r.name === p.resourceName)!);
    expect(registered.filter(r => r.name.startsWith('default/dev/')).length).toBe(plan.resources.length);
    expect(mine.map(r => r.type)).toEqual(plan.resources.map(r => `kubernetes:${r.manifest.apiVersion}:${r.manifest.kind}`));
    mine.forEach((r, i) => expect(r.inputs).toEqual(plan.resources[i].manifest));
    expect(mine.every(r => r.provider?.includes('pulumi:providers:kubernetes::mgmt'))).toBe(true);

    const children = captured.filter(c => c.name.startsWith('default/dev/'));
    expect(children.map(c => c.name)).toEqual(plan.resources.map(r => r.resourceName));
    for (const [i, c] of children.entries()) {
      const p = plan.resources[i];
      expect(c.opts.parent).toBe(cluster);
      expect(c.opts.protect).toBe(p.protect);
      expect(c.opts.retainOnDelete).toBe(p.retainOnDelete);
      expect(c.opts.ignoreChanges).toEqual(p.ignoreChanges);
      // The first cluster of this name in the program keeps the legacy names through aliases (test/pulumi/urns.test.ts).
      expect(c.opts.aliases).toEqual([{ name: p.legacyResourceName }]);
      const deps = (c.opts.dependsOn as pulumi.Resource[]).map(d => cluster.resources.get(manifestKeyOf(cluster, d)));
      expect(deps.length).toBe(p.dependsOn.length);
      expect(deps.every(d => d !== undefined)).toBe(true);
    }
    expect(await valueOf(cluster.clusterName)).toBe('dev');
    expect(await valueOf(cluster.namespace)).toBe('default');
    expect(await valueOf(cluster.kubeconfigSecretName)).toBe('dev-kubeconfig');
    expect(await valueOf(cluster.kubeconfig)).toBeUndefined();
    expect(registered.some(r => r.type === 'kubernetes:core/v1:Secret' && r.id === 'default/dev-kubeconfig')).toBe(false);
  });

  test('with waitForReady, reads the kubeconfig Secret after the Cluster and exposes it as a secret', async () => {
    const captured: CapturedOptions[] = [];
    const provider = new k8s.Provider('mgmt-ready', { kubeconfig: 'mock' });
    const cluster = new mc.ManagedCluster('ready', { ...devArgs, namespace: 'team-a', waitForReady: true }, { provider, transformations: [captureOptions(captured)] });
    const kubeconfig = await valueOf(cluster.kubeconfig);
    await settle(registered);

    expect(kubeconfig).toBe(MOCK_KUBECONFIG);
    expect(await pulumi.isSecret(cluster.kubeconfig)).toBe(true);
    const read = registered.find(r => r.type === 'kubernetes:core/v1:Secret' && r.name === 'team-a/ready/Secret/ready-kubeconfig');
    expect(read?.id).toBe('team-a/ready-kubeconfig');
    expect(read?.provider).toContain('pulumi:providers:kubernetes::mgmt-ready');
    const readOpts = captured.find(c => c.name === 'team-a/ready/Secret/ready-kubeconfig')!.opts;
    expect(readOpts.dependsOn).toEqual([cluster.resources.get('Cluster/team-a/ready')]);
    const clusterInputs = registered.find(r => r.name === 'team-a/ready/Cluster/ready')!.inputs;
    expect(clusterInputs.metadata.annotations).toEqual({ 'pulumi.com/waitFor': 'condition=Available' });
    expect(captured.find(c => c.name === 'team-a/ready/Cluster/ready')!.opts.customTimeouts).toEqual({ create: '1800s', update: '1800s' });
  });

  test('wires Outputs (e.g. CapaNetwork outputs) into the AWSCluster and nowhere else', async () => {
    const aws = AWS_CLUSTER.infrastructure.aws!;
    const vpcId = pulumi.secret('vpc-0fedcba9');
    const cluster = new mc.ManagedCluster('aws', {
      ...AWS_CLUSTER,
      infrastructure: { aws: { ...aws, network: { existing: { vpcId, subnetIds: [pulumi.output('subnet-0aa'), 'subnet-0bb'] } }, identity: { kind: 'AWSClusterStaticIdentity', name: pulumi.output('static-id') } } },
    });
    const manifests = await valueOf(cluster.manifests);
    await settle(registered);

    const awsCluster = registered.find(r => r.name === 'clusters/prod-eu-1/AWSCluster/prod-eu-1')!;
    expect(awsCluster.inputs.spec.network).toEqual({ vpc: { id: 'vpc-0fedcba9' }, subnets: [{ id: 'subnet-0aa' }, { id: 'subnet-0bb' }] });
    expect(awsCluster.inputs.spec.identityRef).toEqual({ kind: 'AWSClusterStaticIdentity', name: 'static-id' });
    expect(isSecretEnvelope(awsCluster.rawInputs.spec)).toBe(true);
    expect(isSecretEnvelope(awsCluster.rawInputs.metadata)).toBe(false);
    expect(manifests[0]).toEqual(awsCluster.inputs);
    // A secret Input stays secret in what the component exposes.
    expect(await pulumi.isSecret(cluster.manifests)).toBe(true);
    // Templates keep the names of the plain spec: their hash never sees an Output.
    const core = plain(AWS_CLUSTER);
    expect(manifests.slice(1).map(m => m.metadata.name)).toEqual(core.slice(1).map(m => m.metadata.name));
    const templates = registered.filter(r => r.name.startsWith('clusters/prod-eu-1/') && /Template$/.test(r.type));
    expect(JSON.stringify(templates.map(t => t.inputs))).not.toMatch(/vpc-|subnet-0aa|static-id/);
  });

  test.each([
    ['a list', (r: pulumi.Resource) => [r]],
    ['a single resource', (r: pulumi.Resource) => r],
    ['an Output', (r: pulumi.Resource) => pulumi.output([r]) as unknown as pulumi.Input<pulumi.Resource>[]],
  ])('the component\'s dependsOn (%s) applies to every object', async (_label, dependsOn) => {
    const captured: CapturedOptions[] = [];
    const prerequisite = new k8s.core.v1.Namespace(`ns-${captured.length}-${_label.replace(/ /g, '-')}`, {});
    const name = `deps-${_label.replace(/ /g, '-').toLowerCase()}`;
    const cluster = new mc.ManagedCluster(name, devArgs, { dependsOn: dependsOn(prerequisite), transformations: [captureOptions(captured)] });
    await valueOf(cluster.manifests);
    const children = captured.filter(c => c.name.startsWith(`default/${name}/`));
    expect(children).toHaveLength(mc.planClusterResources(name, devArgs).resources.length);
    for (const c of children) {
      const deps = await valueOf(c.opts.dependsOn as pulumi.Input<pulumi.Resource[]>);
      expect(deps).toContain(prerequisite);
    }
  });

  test('exposes typed handles to its objects, found by role', async () => {
    const cluster = new mc.ManagedCluster('handles', { ...devArgs, controlPlane: { replicas: 1, healthCheck: {} } });
    await valueOf(cluster.manifests);
    const key = (r: pulumi.Resource | undefined) => (r ? manifestKeyOf(cluster, r) : undefined);
    expect(key(cluster.clusterResource)).toBe('Cluster/default/handles');
    expect(key(cluster.infrastructureCluster)).toBe('DevCluster/default/handles');
    expect(key(cluster.controlPlane.kubeadmControlPlane)).toBe('KubeadmControlPlane/default/handles-control-plane');
    expect(key(cluster.controlPlane.machineTemplate)).toMatch(/^DevMachineTemplate\/default\/handles-control-plane-[0-9a-f]{8}$/);
    expect(key(cluster.controlPlane.healthCheck)).toBe('MachineHealthCheck/default/handles-control-plane');
    expect([...cluster.workerPools.keys()]).toEqual(['general', 'batch', 'edge']);
    const edge = cluster.workerPools.get('edge')!;
    expect(key(edge.machineDeployment)).toBe('MachineDeployment/default/handles-edge');
    expect(key(edge.machineTemplate)).toMatch(/^DevMachineTemplate\/default\/handles-edge-[0-9a-f]{8}$/);
    expect(key(edge.bootstrapTemplate)).toMatch(/^KubeadmConfigTemplate\/default\/handles-edge-[0-9a-f]{8}$/);
    expect(key(edge.healthCheck)).toBe('MachineHealthCheck/default/handles-edge');
    expect(cluster.workerPools.get('general')!.healthCheck).toBeUndefined();
    expect(mc.planClusterResources('handles', devArgs).resources.map(r => r.role)).toEqual(renderManagedCluster({ ...DEV_CLUSTER, name: 'handles' }).roles);
  });

  test('a pool spread over failure domains has one MachineDeployment handle per domain', async () => {
    const cluster = new mc.ManagedCluster('spread', {
      ...devArgs,
      infrastructure: { dev: { failureDomains: [{ name: 'fd-a' }, { name: 'fd-b' }] } },
      workerPools: [{ name: 'web', failureDomains: ['fd-a', 'fd-b'], replicas: 3 }, { name: 'one', replicas: 1 }],
    });
    await valueOf(cluster.manifests);
    const key = (r: pulumi.Resource | undefined) => (r ? manifestKeyOf(cluster, r) : undefined);
    const web = cluster.workerPools.get('web')!;
    expect(Object.keys(web.machineDeployments)).toEqual(['fd-a', 'fd-b']);
    expect(key(web.machineDeployments['fd-a'])).toBe('MachineDeployment/default/spread-web-fd-a');
    expect(key(web.machineDeployments['fd-b'])).toBe('MachineDeployment/default/spread-web-fd-b');
    expect(() => web.machineDeployment).toThrow("ManagedCluster spread: pool web is spread over failureDomains (fd-a, fd-b): use machineDeployments['<domain>']");
    const one = cluster.workerPools.get('one')!;
    expect(key(one.machineDeployment)).toBe('MachineDeployment/default/spread-one');
    expect(one.machineDeployments).toEqual({});
  });

  test('toClusterReference gives what a pool needs, Inputs as given', async () => {
    const vpcId = pulumi.output('vpc-0fedcba9');
    const aws = { ...AWS_CLUSTER.infrastructure.aws!, network: { existing: { vpcId, subnetIds: ['subnet-0aa'] } } };
    const cluster = new mc.ManagedCluster('ref', { ...AWS_CLUSTER, version: 'v1.34.2', labels: { team: 'a' }, infrastructure: { aws } });
    expect(cluster.toClusterReference()).toEqual({ name: 'prod-eu-1', namespace: 'clusters', version: 'v1.34.2', infrastructure: { aws }, labels: { team: 'a' } });
    expect(cluster.toClusterReference().infrastructure.aws!.network!.existing!.vpcId).toBe(vpcId);
    expect(new mc.ManagedCluster('ref-dev', devArgs).toClusterReference()).toEqual({ name: 'ref-dev', namespace: 'default', version: 'v1.34.2', infrastructure: { dev: {} } });
  });

  test('throws InputPropertiesError from the constructor', () => {
    expect(() => new mc.ManagedCluster('bad', { ...devArgs, controlPlane: { replicas: 2 } })).toThrow(/Invalid arguments for capi-constructs:index:ManagedCluster "bad": 1 problem:\n {2}- controlPlane\.replicas: /);
  });
});

/** The `Kind/namespace/name` key of one of the component's children. */
function manifestKeyOf(cluster: InstanceType<typeof mc.ManagedCluster>, resource: pulumi.Resource): string {
  return [...cluster.resources.entries()].find(([, r]) => r === resource)?.[0] ?? '(not a child)';
}

describe('shared add-on objects', () => {
  const cni = { name: 'cni', kind: 'cni' as const, plugin: 'cilium' as const };

  test('clusters of one namespace register one ClusterAddons component and one object per add-on', async () => {
    const before = registered.length;
    const a = new mc.ManagedCluster('addons-a', { ...devArgs, name: 'addons-a', namespace: 'shared', addons: [cni] });
    const b = new mc.ManagedCluster('addons-b', { ...devArgs, name: 'addons-b', namespace: 'shared', addons: [cni] });
    await settle(registered);
    expect(a.addons).toBe(b.addons);
    const mine = registered.slice(before);
    expect(mine.filter(r => r.type === 'capi-constructs:index:ClusterAddons').map(r => r.name)).toEqual(['addons-shared']);
    expect(mine.filter(r => r.name.startsWith('addons-shared/')).map(r => r.name)).toEqual(['addons-shared/HelmChartProxy/cni']);
  });

  test("the shared objects go through the first cluster's provider; another provider gets its own component", async () => {
    const provider = new k8s.Provider('mgmt-addons', { kubeconfig: 'mock' });
    const other = new k8s.Provider('mgmt-other', { kubeconfig: 'mock' });
    const a = new mc.ManagedCluster('addons-p1', { ...devArgs, name: 'addons-p1', namespace: 'deps', addons: [cni] }, { provider });
    const b = new mc.ManagedCluster('addons-p2', { ...devArgs, name: 'addons-p2', namespace: 'deps', addons: [cni] }, { provider: other });
    await settle(registered);
    expect(a.addons).not.toBe(b.addons);
    const proxies = ['addons-deps/HelmChartProxy/cni', 'addons-deps-2/HelmChartProxy/cni'].map(n => registered.find(r => r.name === n)!);
    expect(proxies.map(r => r.provider?.match(/mgmt-[a-z]+/)?.[0])).toEqual(['mgmt-addons', 'mgmt-other']);
    expect(registered.filter(r => r.type === 'capi-constructs:index:ClusterAddons' && r.name.startsWith('addons-deps')).map(r => r.name)).toEqual(['addons-deps', 'addons-deps-2']);
  });

  test('throws an InputPropertiesError when a cluster asks for a shared object that differs', () => {
    new mc.ManagedCluster('conflict-a', { ...devArgs, name: 'conflict-a', namespace: 'conflict', addons: [cni] });
    const e = inputPropertiesErrorOf(() => new mc.ManagedCluster('conflict-b', { ...devArgs, name: 'conflict-b', namespace: 'conflict', addons: [{ ...cni, version: '1.19.4' }] }));
    expect(e.message).toMatch(/shares the HelmChartProxy conflict\/cni with cluster conflict-a, but they differ in version/);
  });
});
