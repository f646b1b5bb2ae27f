import * as pulumi from '@pulumi/pulumi';
import { renderClusterClass } from '../../lib';
import { AWS_CLASS } from '../core/topology/fixtures';
import { CapturedOptions, captureOptions, installMocks, settle, valueOf } from './_mocks';
import { inputPropertiesErrorOf } from './aws/_mocks';

// GIVEN mocks installed before the modules under test are loaded.
const registered = installMocks();
let cc: typeof import('../../lib/pulumi/cluster-class');
let k8s: typeof import('@pulumi/kubernetes');

beforeAll(async () => {
  cc = await import('../../lib/pulumi/cluster-class');
  k8s = await import('@pulumi/kubernetes');
});

const { name: _name, ...classArgs } = AWS_CLASS;

describe('ClusterClass (Pulumi)', () => {
  test('plans what the core renders, templates retainOnDelete, the class depending on its templates', () => {
    const plan = cc.planClusterClassResources('aws-standard', classArgs);
    const core = renderClusterClass(AWS_CLASS);
    expect(plan.resources.map(r => r.manifest)).toEqual(core.manifests);
    expect(plan.resources.map(r => r.resourceName)).toEqual(core.manifests.map(m => `clusters/aws-standard/${m.kind}/${m.metadata.name}`));
    expect(plan.resources.map(r => r.retainOnDelete ?? false)).toEqual([true, true, true, true, true, true, true, false]);
    const classPlan = plan.resources[plan.resources.length - 1];
    expect([...classPlan.dependsOn].sort()).toEqual(plan.resources.slice(0, -1).map(r => r.resourceName).sort());
    expect(plan.reference.workerClasses).toEqual(['general', 'gpu']);
  });

  test('registers one CustomResource per object under the component, with the planned options', async () => {
    const captured: CapturedOptions[] = [];
    const provider = new k8s.Provider('mgmt-cc', { kubeconfig: 'mock' });
    const component = new cc.ClusterClass('aws-standard', classArgs, { provider, transformations: [captureOptions(captured)] });
    await valueOf(component.manifests);
    await settle(registered);
    const plan = cc.planClusterClassResources('aws-standard', classArgs);
    const children = captured.filter(c => c.name.startsWith('clusters/aws-standard/'));
    expect(children.map(c => c.name)).toEqual(plan.resources.map(r => r.resourceName));
    children.forEach((c, i) => {
      expect(c.opts.parent).toBe(component);
      expect(c.opts.retainOnDelete).toBe(plan.resources[i].retainOnDelete);
    });
    expect(registered.find(r => r.name === plan.resources[0].resourceName)!.inputs).toEqual(plan.resources[0].manifest);
    expect(await valueOf(component.className)).toBe('aws-standard');
  });

  test('throws an InputPropertiesError listing every problem', () => {
    const e = inputPropertiesErrorOf(() => cc.planClusterClassResources('bad', { ...classArgs, controlPlane: { replicas: 3 } as never, variables: [{ name: 'builtin', schema: { type: 'string' } }] }));
    expect(e.message).toMatch(/^Invalid arguments for capi-constructs:index:ClusterClass "bad": \d+ problems/);
    expect(e.message).toContain('controlPlane.replicas: is chosen by each cluster, not by the class');
    expect(e.message).toContain('variables[0].name: "builtin" is a reserved variable name');
  });
});

describe('TopologyCluster (Pulumi)', () => {
  test('registers the Cluster alone, protected unless protectCluster is false', async () => {
    const captured: CapturedOptions[] = [];
    const plan = cc.planClusterClassResources('aws-standard', classArgs);
    const args = { namespace: 'clusters', topology: { class: plan.reference, version: 'v1.34.1', variables: { region: 'eu-west-1' } } };
    const protectedOne = new cc.TopologyCluster('team-a', args, { transformations: [captureOptions(captured)] });
    const open = new cc.TopologyCluster('team-b', { ...args, protectCluster: false }, { transformations: [captureOptions(captured)] });
    const [manifest] = await valueOf(protectedOne.manifests);
    await settle(registered);
    expect(manifest.kind).toBe('Cluster');
    expect((manifest.spec as any).topology.classRef).toEqual({ name: 'aws-standard' });
    const a = captured.find(c => c.name === 'clusters/team-a/Cluster/team-a')!;
    const b = captured.find(c => c.name === 'clusters/team-b/Cluster/team-b')!;
    expect([a.opts.protect, b.opts.protect]).toEqual([true, undefined]);
    expect(a.opts.parent).toBe(protectedOne);
    expect(captured.filter(c => c.name.startsWith('clusters/team-a/'))).toHaveLength(1);
    expect(await valueOf(open.kubeconfigSecretName)).toBe('team-b-kubeconfig');
  });

  test('checked against its management cluster: the ClusterTopology gate must be on', () => {
    const plan = cc.planClusterClassResources('aws-standard', classArgs);
    const management = { name: 'mgmt', kubernetesVersion: 'v1.34.2', clusterApiVersion: 'v1.14.0', providers: { infrastructure: { aws: { version: 'v2.11.1' } } } };
    const e = inputPropertiesErrorOf(() => new cc.TopologyCluster('gated', { topology: { class: plan.reference, version: 'v1.34.1', variables: { region: 'eu-west-1' } }, managementCluster: management }));
    expect(e.message).toMatch(/topology: a topology cluster .* needs the ClusterTopology feature gate/);
  });

  test('throws an InputPropertiesError when variables break the class\'s schemas', () => {
    const plan = cc.planClusterClassResources('aws-standard', classArgs);
    let caught: unknown;
    try {
      new cc.TopologyCluster('bad', { topology: { class: plan.reference, version: 'v1.34.1', variables: { region: 'mars' } }, protectCluster: 'yes' as never });
    } catch (e) {
      caught = e;
    }
    expect(pulumi.InputPropertiesError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toContain('topology.variables.region: is not one of the allowed values');
    expect((caught as Error).message).toContain('protectCluster: must be a boolean');
  });
});
