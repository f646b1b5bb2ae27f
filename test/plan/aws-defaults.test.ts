// The AWS defaults this library changed (NLB control-plane load balancer, IMDSv2) are not silent:
// the plan shows what they do to a cluster rendered by an older version.
import { AwsMachineSpec, Manifest, ManagedClusterSpec, planChanges, renderManagedCluster } from '../../lib';
import { awsSpec } from '../core/fixtures';
import { awsCluster } from '../../examples/clusters';

const render = (spec: ManagedClusterSpec) => [...renderManagedCluster(spec).manifests];

/** What versions before the NLB default rendered: no `controlPlaneLoadBalancer` (CAPA made it classic). */
function withoutLoadBalancer(ms: Manifest[]): Manifest[] {
  return ms.map(m => {
    if (m.kind !== 'AWSCluster') return m;
    const { controlPlaneLoadBalancer: _, ...spec } = (m as any).spec;
    return { ...m, spec } as Manifest;
  });
}

/** Every AWS machine with CAPA's IMDS default, which renders what versions before IMDSv2 rendered. */
function imdsOptional(spec: ManagedClusterSpec): ManagedClusterSpec {
  const m = (aws: AwsMachineSpec | undefined) => ({ aws: { ...aws, instanceMetadataOptions: { httpTokens: 'optional' as const } } });
  return {
    ...spec,
    controlPlane: { ...spec.controlPlane, machine: m(spec.controlPlane?.machine?.aws) },
    workerPools: spec.workerPools!.map(p => ({ ...p, machine: m(p.machine?.aws) })),
  };
}

test('the NLB default on a cluster created with the classic default is a danger, the health check protocol that comes with it is not', () => {
  const spec = imdsOptional(awsSpec());
  const [cluster] = planChanges(withoutLoadBalancer(render(spec)), render(spec)).clusters;
  // CAPA's webhook lets the health check protocol change because the old type is classic, and the
  // type change too (it only refuses one to or from disabled): the danger is the running cluster's.
  expect(cluster.dangers.map(d => d.message)).toEqual([
    "spec.controlPlaneLoadBalancer.loadBalancerType changes on a running AWSCluster (classic → nlb): the API server accepts it, but CAPA does not move a running cluster to another load balancer: the control-plane endpoint (the old load balancer's DNS name, in every kubeconfig and certificate) cannot change once set; create a new cluster instead",
  ]);
  expect(cluster.rollouts).toEqual([]);
});

test('keeping the classic load balancer explicitly is no change', () => {
  const spec = imdsOptional(awsSpec({ infrastructure: { aws: { region: 'eu-west-1', sshKeyName: 'ops', controlPlaneLoadBalancer: { type: 'classic' } } } }));
  const [cluster] = planChanges(withoutLoadBalancer(render(spec)), render(spec)).clusters;
  expect(cluster.dangers).toEqual([]);
});

test('changing the health check protocol or the scheme is a danger', () => {
  const before = render(awsSpec());
  const after = render(awsSpec({ infrastructure: { aws: { region: 'eu-west-1', sshKeyName: 'ops', controlPlaneLoadBalancer: { scheme: 'internal', healthCheckProtocol: 'TCP' } } } }));
  const [cluster] = planChanges(before, after).clusters;
  expect(cluster.dangers.map(d => d.message.split(':')[0])).toEqual([
    'spec.controlPlaneLoadBalancer.scheme cannot change on an existing AWSCluster (internet-facing → internal)',
    'spec.controlPlaneLoadBalancer.healthCheckProtocol cannot change on an existing AWSCluster (HTTPS → TCP)',
  ].reverse()); // (the plan sorts dangers)
});

test('the IMDSv2 default rotates every AWS machine template: the plan shows a rollout of every machine', () => {
  const [cluster] = planChanges(render(imdsOptional(awsSpec())), render(awsSpec())).clusters;
  expect(cluster.rollouts.map(r => [r.target, r.machines])).toEqual([['control-plane', 3], ['general', 3], ['gpu', null]]);
});

test('httpTokens: optional renders the templates of older versions (no instanceMetadataOptions): no rollout', () => {
  const templates = (ms: Manifest[]) => ms.filter(m => m.kind === 'AWSMachineTemplate') as any[];
  const kept = templates(render(imdsOptional(awsSpec())));
  expect(kept.map(t => t.spec.template.spec.instanceMetadataOptions)).toEqual([undefined, undefined, undefined]);
  expect(kept.map(t => t.metadata.name)).not.toEqual(templates(render(awsSpec())).map(t => t.metadata.name));
  // The example AWS cluster's control-plane template, by the name the release before IMDSv2 gave it.
  const example = templates(render(imdsOptional({ ...awsCluster, name: awsCluster.name! })));
  expect(example[0].metadata.name).toBe('prod-eu-1-control-plane-9bf7dcd2');
});
