import * as path from 'path';
import { clusterAddonObjects, renderManagedCluster } from '../../lib';
import { parseStackConfig, StackConfigError } from '../../stacks/config';
import { appliedManifests, loadStackConfig, REPO_ROOT, StackRun } from './_mocks';

type Mocks = typeof import('./_mocks');

/** Runs the stacks/ program for `Pulumi.<stack>.yaml` in its own module registry, under fresh mocks. */
async function runStack(stack: string, extraConfig: Record<string, string> = {}, secretKeys: string[] = []): Promise<StackRun & { mocks: Mocks }> {
  let run: (StackRun & { mocks: Mocks }) | undefined;
  let failure: unknown;
  jest.isolateModules(() => {
    const mocks = require('./_mocks') as Mocks;
    try {
      run = { ...mocks.startStack(stack, extraConfig, secretKeys), mocks };
    } catch (e) {
      failure = e;
    }
  });
  if (failure) throw failure;
  await run!.mocks.settle(run!.registered);
  return run!;
}

const stackConfig = (stack: string) => loadStackConfig(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`));
const clustersOf = (stack: string) => JSON.parse(stackConfig(stack)['capi-constructs:clusters']);
const ofType = (run: StackRun, type: string) => run.registered.filter(r => r.type === type);

describe('stacks/ under Pulumi.dev.yaml', () => {
  let run: StackRun & { mocks: Mocks };
  beforeAll(async () => {
    run = await runStack('dev');
  });

  test('one Kubernetes provider for the management cluster, from the ambient kubeconfig and the configured context', () => {
    const providers = ofType(run, 'pulumi:providers:kubernetes');
    expect(providers.map(p => p.name)).toEqual(['management']);
    expect(providers[0].inputs.context).toBe('kind-capi-management');
    expect(providers[0].inputs.kubeconfig).toBeUndefined();
  });

  test('applies exactly the manifests the core renders for the configured cluster, through the provider, and no AWS resource', () => {
    const [spec] = clustersOf('dev');
    const expected = renderManagedCluster(spec).manifests;
    const addons = clusterAddonObjects(spec);
    expect(addons.map(m => `${m.kind}/${m.metadata.name}`)).toEqual(['HelmChartProxy/cni']);
    const applied = run.registered.filter(r => r.type.startsWith('kubernetes:') && r.id === undefined);
    const names = [...expected.map(m => `default/dev/${m.kind}/${m.metadata.name}`), ...addons.map(m => `addons-default/${m.kind}/${m.metadata.name}`)];
    expect(applied.map(r => r.name).sort()).toEqual(names.sort());
    for (const m of expected) expect(applied.find(r => r.name === `default/dev/${m.kind}/${m.metadata.name}`)!.inputs).toEqual(m);
    for (const m of addons) expect(applied.find(r => r.name === `addons-default/${m.kind}/${m.metadata.name}`)!.inputs).toEqual(m);
    expect(applied.every(r => r.provider?.includes('pulumi:providers:kubernetes::management'))).toBe(true);
    expect(ofType(run, 'capi-constructs:index:ManagedCluster').map(r => r.name)).toEqual(['dev']);
    expect(run.registered.filter(r => r.type.startsWith('aws:') || r.type.startsWith('capi-constructs:aws:'))).toEqual([]);
  });

  test('exports cluster info and no secret in plain text', async () => {
    const { valueOf } = run.mocks;
    expect(await valueOf(run.outputs.clusterInfo.dev.namespace)).toBe('default');
    expect(await valueOf(run.outputs.clusterInfo.dev.kubeconfigSecretName)).toBe('dev-kubeconfig');
    expect(await valueOf(run.outputs.kubeconfigs)).toEqual({});
    expect(run.outputs.vpcId).toBeUndefined();
    expect(run.outputs.controllersRoleArn).toBeUndefined();
  });
});

describe('stacks/ under Pulumi.aws.yaml', () => {
  let run: StackRun & { mocks: Mocks };
  beforeAll(async () => {
    run = await runStack('aws');
  });

  test('creates the network, IAM and the CAPA cluster', () => {
    expect(ofType(run, 'capi-constructs:aws:CapaNetwork').map(r => r.name)).toEqual(['network']);
    expect(ofType(run, 'capi-constructs:aws:CapaIam').map(r => r.name)).toEqual(['iam']);
    expect(ofType(run, 'aws:ec2/subnet:Subnet')).toHaveLength(6);
    expect(ofType(run, 'aws:iam/role:Role').map(r => r.inputs.name).sort()).toEqual([
      'control-plane.cluster-api-provider-aws.sigs.k8s.io', 'controllers.cluster-api-provider-aws.sigs.k8s.io', 'nodes.cluster-api-provider-aws.sigs.k8s.io',
    ]);
    expect(ofType(run, 'capi-constructs:index:ManagedCluster').map(r => r.name)).toEqual(['prod-eu-1']);
    expect(ofType(run, 'pulumi:providers:kubernetes')[0].inputs.kubeconfig).toBe('management.kubeconfig');
  });

  test('wires the network outputs into the AWSCluster, and tags the subnets for the cluster', async () => {
    const vpc = ofType(run, 'aws:ec2/vpc:Vpc')[0];
    const vpcId = await run.mocks.valueOf(run.outputs.vpcId);
    const subnets = [...await run.mocks.valueOf<string[]>(run.outputs.privateSubnetIds), ...await run.mocks.valueOf<string[]>(run.outputs.publicSubnetIds)];
    expect(vpc).toBeDefined();
    expect(vpcId).toMatch(/^vpc-[0-9a-f]+$/);
    const awsCluster = run.registered.find(r => r.name === 'clusters/prod-eu-1/AWSCluster/prod-eu-1')!;
    expect(awsCluster.inputs.spec.network).toEqual({ vpc: { id: vpcId }, subnets: subnets.map(id => ({ id })) });
    for (const s of ofType(run, 'aws:ec2/subnet:Subnet')) expect(s.inputs.tags['kubernetes.io/cluster/prod-eu-1']).toBe('shared');
    // The templates are identical to a plain rendering with the same ids: no Output reached them.
    const [spec] = clustersOf('aws');
    const plain = renderManagedCluster({ ...spec, infrastructure: { aws: { ...spec.infrastructure.aws, network: { existing: { vpcId, subnetIds: subnets } } } } }).manifests;
    for (const m of plain) expect(run.registered.find(r => r.name === `clusters/prod-eu-1/${m.kind}/${m.metadata.name}`)!.inputs).toEqual(m);
  });

  test('creates the cluster namespace, annotated with its clusters', () => {
    const ns = ofType(run, 'kubernetes:core/v1:Namespace');
    expect(ns.map(n => n.inputs.metadata)).toEqual([{ name: 'clusters', annotations: { 'capi-constructs.io/clusters': 'prod-eu-1' } }]);
  });

  test('the manifests written for conformance hold every applied object and no dangling identity reference', () => {
    const manifests = appliedManifests(run);
    const kinds = manifests.map(m => m.kind);
    expect(kinds).toEqual(expect.arrayContaining(['Namespace', 'AWSCluster', 'AWSMachineTemplate', 'KubeadmControlPlane', 'Cluster', 'KubeadmConfigTemplate', 'MachineDeployment']));
    expect(manifests.find(m => m.kind === 'AWSCluster')!.spec.identityRef).toBeUndefined();
  });
});

describe('stacks/ with a static identity and the kubeconfig as a secret', () => {
  const aws = JSON.parse(stackConfig('aws')['capi-constructs:aws']);
  const [cluster] = clustersOf('aws');
  const config = {
    'capi-constructs:aws': JSON.stringify({ ...aws, identity: { kind: 'AWSClusterStaticIdentity', name: 'tenant-a' } }),
    'capi-constructs:clusters': JSON.stringify([{ ...cluster, waitForReady: true, infrastructure: { aws: { ...cluster.infrastructure.aws, identity: 'stack' } } }]),
    'capi-constructs:kubeconfig': 'apiVersion: v1\nkind: Config\n',
    'capi-constructs:awsAccessKeyId': 'AKIAMOCKMOCKMOCK',
    'capi-constructs:awsSecretAccessKey': 'mock-secret-key',
  };
  const secretKeys = ['capi-constructs:kubeconfig', 'capi-constructs:awsAccessKeyId', 'capi-constructs:awsSecretAccessKey'];

  test('throws when both kubeconfig and kubeconfigPath are set (Pulumi.aws.yaml sets the path)', async () => {
    await expect(runStack('aws', config, secretKeys)).rejects.toThrow(/capi-constructs:kubeconfig and capi-constructs:kubeconfigPath are both set/);
  });

  let run: StackRun & { mocks: Mocks };
  beforeAll(async () => {
    // Pulumi.aws.yaml's kubeconfigPath is replaced by a secret kubeconfig.
    const base = stackConfig('aws');
    delete base['capi-constructs:kubeconfigPath'];
    jest.isolateModules(() => {
      const mocks = require('./_mocks') as Mocks;
      const registered = mocks.installMocks();
      require('@pulumi/pulumi').runtime.setAllConfig({ ...base, ...config }, secretKeys);
      run = { registered, outputs: require('../../stacks'), mocks };
    });
    await run.mocks.settle(run.registered);
  });

  test('hands the kubeconfig to the provider as a secret', () => {
    const provider = ofType(run, 'pulumi:providers:kubernetes')[0];
    expect(run.mocks.isSecretEnvelope(provider.rawInputs.kubeconfig)).toBe(true);
    expect(provider.inputs.kubeconfig).toBe('apiVersion: v1\nkind: Config\n');
  });

  test('emits the identity and its Secret, references it from the AWSCluster and keeps the keys secret', () => {
    const identity = ofType(run, 'kubernetes:infrastructure.cluster.x-k8s.io/v1beta2:AWSClusterStaticIdentity')[0];
    expect(identity.inputs.metadata.name).toBe('tenant-a');
    expect(identity.inputs.spec.allowedNamespaces).toEqual({ list: ['clusters'] });
    const awsCluster = run.registered.find(r => r.name === 'clusters/prod-eu-1/AWSCluster/prod-eu-1')!;
    expect(awsCluster.inputs.spec.identityRef).toEqual({ kind: 'AWSClusterStaticIdentity', name: 'tenant-a' });
    const secret = ofType(run, 'kubernetes:core/v1:Secret').find(s => s.id === undefined)!;
    expect(run.mocks.isSecretEnvelope(secret.rawInputs.stringData)).toBe(true);
    const written = appliedManifests(run).find(m => m.kind === 'Secret')!;
    expect(JSON.stringify(written)).not.toMatch(/mock-secret-key|AKIAMOCK/);
  });

  test('exports the kubeconfig of a waitForReady cluster as a secret', async () => {
    const { valueOf, MOCK_KUBECONFIG } = run.mocks;
    expect(await valueOf(run.outputs.kubeconfigs)).toEqual({ 'prod-eu-1': MOCK_KUBECONFIG });
    expect(await require('@pulumi/pulumi').isSecret(run.outputs.kubeconfigs)).toBe(true);
    expect(await valueOf(run.outputs.identityRef)).toEqual({ kind: 'AWSClusterStaticIdentity', name: 'tenant-a' });
  });
});

describe('parseStackConfig', () => {
  const cluster = { name: 'a', version: 'v1.34.2', infrastructure: { dev: {} } };

  test('accepts the shipped stack files', () => {
    for (const stack of ['dev', 'aws']) {
      const c = stackConfig(stack);
      const parsed = parseStackConfig({
        kubeconfigPath: c['capi-constructs:kubeconfigPath'], context: c['capi-constructs:context'],
        clusters: JSON.parse(c['capi-constructs:clusters']), aws: c['capi-constructs:aws'] && JSON.parse(c['capi-constructs:aws']),
      });
      expect(parsed.clusters.length).toBeGreaterThan(0);
    }
  });

  test('reports the kubeconfig source and which clusters use the stack network', () => {
    const parsed = parseStackConfig({
      kubeconfig: 'x', aws: { network: {} },
      clusters: [cluster, { ...cluster, name: 'b', infrastructure: { aws: { region: 'eu-west-1', network: 'stack' } } }],
    });
    expect(parsed).toMatchObject({ kubeconfigSource: 'kubeconfig', networkClusters: ['b'], identityClusters: [] });
  });

  test('throws when the config has problems, listing every one with its key and a fix', () => {
    let error: StackConfigError | undefined;
    try {
      parseStackConfig({
        kubeconfigPath: '', context: 7,
        clusters: [cluster, { ...cluster }, { version: 'v1.34.2' }, { ...cluster, name: 'c', infrastructure: { aws: { region: 'eu-west-1', network: 'stack', identity: 'stack' } } }],
        aws: { iam: true, identity: { kind: 'AWSClusterRoleIdentity' }, vpc: {} },
      });
    } catch (e) {
      error = e as StackConfigError;
    }
    expect(error).toBeInstanceOf(StackConfigError);
    expect(error!.problems).toEqual([
      'capi-constructs:kubeconfigPath: must be a file path (got ""). Fix: pulumi config set capi-constructs:kubeconfigPath ~/.kube/config',
      'capi-constructs:context: must be the name of a kubeconfig context (got 7). Fix: pulumi config set capi-constructs:context kind-capi-management, or leave it out for the current context',
      'capi-constructs:clusters[1].name: duplicate cluster name (got "a"). Fix: give each cluster its own name',
      'capi-constructs:clusters[2].name: every cluster needs a name (it names the Pulumi resources) (got undefined). Fix: set name',
      'capi-constructs:clusters[3].infrastructure.aws.network: "stack" needs a network created by this stack (got "stack"). Fix: configure capi-constructs:aws.network, or give network.existing / network.managed',
      'capi-constructs:aws.vpc: unknown key (got {}). Fix: use network, iam or identity',
      'capi-constructs:aws.iam: must be an object (use {} for the defaults) (got true). Fix: write iam: {} or leave it out',
      'capi-constructs:aws.identity.roleArn: a role identity needs the ARN of the role to assume (got undefined). Fix: set roleArn: arn:aws:iam::<account>:role/<name>',
    ]);
    expect(error!.message).toMatch(/^Invalid stack config: 8 problems:\n {2}- capi-constructs:kubeconfigPath/);
  });

  test('throws when there is no cluster, or a static identity lacks its keys', () => {
    expect(() => parseStackConfig({})).toThrow('capi-constructs:clusters: must be a non-empty list of cluster specs (got undefined)');
    expect(() => parseStackConfig({ clusters: [cluster], aws: { identity: { kind: 'AWSClusterStaticIdentity' } }, hasAwsAccessKeyId: true }))
      .toThrow(/capi-constructs:awsAccessKeyId and capi-constructs:awsSecretAccessKey must be set for a static identity/);
  });
});
