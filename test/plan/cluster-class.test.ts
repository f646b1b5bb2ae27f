/**
 * The plan of ClusterClasses and topology Clusters: test/fixtures/plan-class/before is a class
 * `aws-standard` (AWS, v1beta2, templates hash-named and kept by their prune annotation) and three
 * topology clusters that use it; each test edits a copy of it.
 */
import * as path from 'path';
import { readManifestPath } from '../../lib/io/files';
import { clusterClassReference, ClusterClassSpec, renderClusterClass, renderTopologyCluster, TopologyClusterSpec } from '../../lib/core';
import { formatPlan, planChanges, planDangers, Plan, PlanCluster, PlanManifest } from '../../lib/plan';
import { controlPlaneUpgradePlan, workersUpgradePlan } from '../../lib/plan/topology';
import { edit, FIXTURES, get, rotate, without } from './fixtures';

const CLASS_FIXTURES = path.join(FIXTURES, '..', 'plan-class');
const before = (): PlanManifest[] => readManifestPath(path.join(CLASS_FIXTURES, 'before'));
const CLASS = 'aws-standard';

function cluster(plan: Plan, name: string): PlanCluster {
  const c = plan.clusters.find((x) => x.cluster === name);
  if (!c) throw new Error(`no cluster ${name} in the plan: ${plan.clusters.map((x) => x.cluster).join(', ')}`);
  return c;
}

const codes = (plan: Plan) => planDangers(plan).map((d) => d.code);
const topology = (name: string, change: (t: Record<string, any>) => void) => (ms: PlanManifest[]) => edit(ms, 'Cluster', name, (m) => change(m.spec.topology));
const onClass = (change: (spec: Record<string, any>) => void) => (ms: PlanManifest[]) => edit(ms, 'ClusterClass', CLASS, (m) => change(m.spec));

describe('a ClusterClass change is a rollout of every cluster that uses the class', () => {
  const after = () => rotate(before(), 'AWSMachineTemplate', 'aws-standard-general-7e8f9a0b', 'aws-standard-general-4c5d6e7f', (m) => (m.spec.template.spec.instanceType = 'm7i.large'));

  test('the machine template of a worker class: each cluster rolls its workers of that class, with the field change', () => {
    const plan = planChanges(before(), after());
    expect(plan.clusters.map((c) => c.cluster)).toEqual(['alpha', 'beta', 'gamma']);
    for (const name of ['alpha', 'beta', 'gamma']) {
      const c = cluster(plan, name);
      expect(c.changes).toEqual([]);
      expect(c.rollouts).toEqual([
        expect.objectContaining({
          target: 'general',
          kind: 'MachineDeployment',
          name: `${name}-general`,
          machines: 3,
          causes: ['ClusterClass aws-standard: machine template changed'],
          fieldChanges: [{ path: 'instanceType', kind: 'AWSMachineTemplate', from: 't3.large', to: 'm7i.large' }],
        }),
      ]);
      expect(c.rollouts[0].possible).toBeUndefined();
    }
    expect(plan.classes).toEqual([
      expect.objectContaining({
        name: CLASS,
        namespace: 'fleet',
        clusters: ['fleet/alpha', 'fleet/beta', 'fleet/gamma'],
        impacts: [{ target: 'general', what: 'machine template changed', effect: 'rollout', clusters: ['fleet/alpha', 'fleet/beta', 'fleet/gamma'], fieldChanges: [{ path: 'instanceType', kind: 'AWSMachineTemplate', from: 't3.large', to: 'm7i.large' }] }],
        dangers: [],
      }),
    ]);
    expect(plan.unassigned).toBeUndefined();
    expect(formatPlan(plan, 'text')).toContain('ClusterClass aws-standard: machine template changed: 3 clusters roll their general workers (instanceType: t3.large → m7i.large)');
    expect(formatPlan(plan, 'markdown')).toContain('ClusterClass `aws-standard`: machine template changed: 3 clusters roll their `general` workers');
  });

  test('the superseded template is kept by its prune annotation and is a cleanup candidate of the class, not a deletion', () => {
    const plan = planChanges(before(), after());
    const cls = plan.classes![0];
    expect(cls.changes).toEqual([
      { kind: 'AWSMachineTemplate', name: 'aws-standard-general-4c5d6e7f', action: 'created', paths: [] },
      { kind: 'ClusterClass', name: CLASS, action: 'updated', paths: ['spec.workers.machineDeployments[0].infrastructure.templateRef.name'] },
    ]);
    expect(cls.cleanup).toEqual([expect.objectContaining({ kind: 'AWSMachineTemplate', name: 'aws-standard-general-7e8f9a0b', reason: expect.stringContaining('superseded') })]);
  });

  test('a class template that leaves the manifests without a prune annotation is deleted (and the class then misses it when still referenced)', () => {
    const plain = edit(before(), 'KubeadmControlPlaneTemplate', 'aws-standard-control-plane-5e6f7a8b', (m) => delete m.metadata.annotations);
    const plan = planChanges(plain, without(plain, 'KubeadmControlPlaneTemplate'));
    expect(plan.classes![0].changes).toEqual([{ kind: 'KubeadmControlPlaneTemplate', name: 'aws-standard-control-plane-5e6f7a8b', action: 'deleted', paths: [] }]);
    expect(plan.classes![0].dangers.map((d) => d.code)).toEqual(['template-missing']);
  });

  test('a class template kept by its annotation but still referenced is no danger and no cleanup candidate when unchanged', () => {
    const plan = planChanges(before(), before());
    expect(plan).toEqual({ clusters: [] });
    expect(formatPlan(plan, 'text')).toBe('No changes: no object changes and no machine is replaced.\n');
  });

  test('a bootstrap template change rolls the workers and never shows file contents', () => {
    const withFile = (content: string) => (ms: PlanManifest[]) => edit(ms, 'KubeadmConfigTemplate', 'aws-standard-general-3a4b5c6d', (m) => (m.spec.template.spec.files = [{ path: '/etc/app.conf', content }]));
    const plan = planChanges(withFile('password=hunter2')(before()), withFile('password=correct-horse')(before()));
    const r = cluster(plan, 'alpha').rollouts[0];
    expect(r.causes).toEqual(['ClusterClass aws-standard: bootstrap template changed']);
    expect(r.fieldChanges).toEqual([{ path: 'files[/etc/app.conf].content', kind: 'KubeadmConfigTemplate', from: expect.stringMatching(/^sha256:[0-9a-f]{8}$/), to: expect.stringMatching(/^sha256:[0-9a-f]{8}$/) }]);
    for (const format of ['text', 'markdown', 'json'] as const) expect(formatPlan(plan, format)).not.toMatch(/hunter2|correct-horse/);
    // A class template edited under its own name is fine for the topology controller: it compares and rotates.
    expect(codes(plan)).toEqual([]);
  });

  test('a metadata-only change of a class template is patched in place: nothing rolls', () => {
    const label = (ms: PlanManifest[]) => edit(ms, 'AWSMachineTemplate', 'aws-standard-general-7e8f9a0b', (m) => (m.spec.template.metadata = { labels: { team: 'a' } }));
    const plan = planChanges(before(), label(before()));
    expect(cluster(plan, 'alpha').rollouts).toEqual([]);
    expect(cluster(plan, 'alpha').inPlace).toEqual([{ target: 'general', kind: 'MachineDeployment', name: 'alpha-general', paths: ['spec.template.metadata'] }]);
    expect(plan.classes![0].impacts).toEqual([expect.objectContaining({ target: 'general', effect: 'in-place', what: 'machine template metadata changed' })]);
  });

  test('the control plane template: kubeadmConfigSpec rolls the control planes, other fields are patched in place', () => {
    const cp = (ms: PlanManifest[]) =>
      edit(ms, 'KubeadmControlPlaneTemplate', 'aws-standard-control-plane-5e6f7a8b', (m) => {
        m.spec.template.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs.push({ name: 'audit-log-maxage', value: '30' });
        m.spec.template.spec.machineTemplate = { spec: { deletion: { nodeDrainTimeoutSeconds: 600 } } };
      });
    const plan = planChanges(before(), cp(before()));
    const c = cluster(plan, 'beta');
    expect(c.rollouts).toEqual([expect.objectContaining({ target: 'control-plane', kind: 'KubeadmControlPlane', name: 'beta', machines: 3, causes: ['ClusterClass aws-standard: control plane template changed'] })]);
    expect(c.rollouts[0].fieldChanges.map((f) => f.path)).toEqual(['kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs[audit-log-maxage].value']);
    expect(c.inPlace).toEqual([expect.objectContaining({ target: 'control-plane', paths: ['spec.machineTemplate'] })]);
    expect(formatPlan(plan, 'text')).toContain('control plane template changed: 3 clusters roll their control planes');
  });

  test('the control plane machine template rolls the control planes', () => {
    const plan = planChanges(before(), rotate(before(), 'AWSMachineTemplate', 'aws-standard-control-plane-9c0d1e2f', 'aws-standard-control-plane-0a1b2c3d', (m) => (m.spec.template.spec.instanceType = 'm7i.xlarge')));
    expect(cluster(plan, 'alpha').rollouts.map((r) => [r.target, r.causes])).toEqual([['control-plane', ['ClusterClass aws-standard: control plane machine template changed']]]);
  });

  test('the infrastructure cluster template is patched in place, and an immutable field of it is a danger per cluster', () => {
    const region = (ms: PlanManifest[]) => edit(ms, 'AWSClusterTemplate', 'aws-standard-1a2b3c4d', (m) => (m.spec.template.spec.region = 'eu-central-1'));
    const plan = planChanges(before(), region(before()));
    const c = cluster(plan, 'alpha');
    expect(c.rollouts).toEqual([]);
    expect(c.inPlace).toEqual([expect.objectContaining({ target: 'infrastructure', paths: ['spec.region'] })]);
    expect(c.dangers).toEqual([expect.objectContaining({ code: 'immutable-field-changed', object: 'Cluster/alpha', message: expect.stringContaining('spec.region cannot change') })]);
    expect(plan.classes![0].impacts).toEqual([expect.objectContaining({ target: 'infrastructure', effect: 'in-place', fieldChanges: [{ path: 'region', kind: 'AWSClusterTemplate', from: 'eu-west-1', to: 'eu-central-1' }] })]);
  });

  test('a changed patch may roll what it targets: said as "may roll", not as a certain rollout', () => {
    const patch = onClass((spec) => (spec.patches[1].definitions[0].jsonPatches[0].path = '/spec/template/spec/rootVolume/size'));
    const plan = planChanges(before(), patch(before()));
    const r = cluster(plan, 'alpha').rollouts[0];
    expect(r).toEqual(expect.objectContaining({ target: 'general', possible: true }));
    expect(formatPlan(plan, 'text')).toContain('may roll');
    expect(plan.classes![0].impacts).toEqual([expect.objectContaining({ target: 'general', what: 'patch worker-instance-type changed', effect: 'possible-rollout' })]);
  });
});

describe('ClusterClass webhook rules', () => {
  test('deleting a class that clusters use', () => {
    const plan = planChanges(before(), without(before(), 'ClusterClass'));
    expect(plan.classes![0].dangers.map((d) => d.code)).toEqual(['class-deleted-in-use']);
    expect(plan.classes![0].dangers[0].message).toContain('3 clusters still use it (alpha, beta, gamma)');
  });

  test('removing a worker class in use, a variable in use, a version in use', () => {
    const plan = planChanges(
      before(),
      onClass((spec) => {
        spec.workers.machineDeployments[0].class = 'large';
        spec.variables = spec.variables.filter((v: any) => v.name !== 'region');
        spec.patches = spec.patches.filter((p: any) => p.name !== 'region');
        spec.kubernetesVersions = ['v1.34.1'];
      })(before()),
    );
    expect(plan.classes![0].dangers.map((d) => d.code).sort()).toEqual([...Array(3).fill('class-version-missing'), ...Array(3).fill('variable-undefined'), ...Array(3).fill('worker-class-missing')]);
    expect(plan.classes![0].dangers.find((d) => d.code === 'worker-class-missing')!.message).toBe(
      'ClusterClass aws-standard removes worker class general, which cluster alpha uses (worker general): the ClusterClass webhook rejects the update',
    );
  });
});

describe('topology cluster changes', () => {
  test('a version upgrade: the control plane, then the workers', () => {
    const plan = planChanges(before(), topology('alpha', (t) => (t.version = 'v1.34.1'))(before()));
    const c = cluster(plan, 'alpha');
    expect(c.versions).toEqual([
      { target: 'control-plane', kind: 'KubeadmControlPlane', name: 'alpha', from: 'v1.33.2', to: 'v1.34.1' },
      { target: 'general', kind: 'MachineDeployment', name: 'alpha-general', from: 'v1.33.2', to: 'v1.34.1' },
    ]);
    expect(c.rollouts.map((r) => r.target)).toEqual(['control-plane', 'general']);
    expect(c.rollouts[1].reason).toContain('after the control plane');
    expect(c.dangers).toEqual([]);
  });

  test('across several minors: chained through the class kubernetesVersions, workers skipping what the skew allows', () => {
    const versions = onClass((spec) => (spec.kubernetesVersions = ['v1.32.0', 'v1.33.2', 'v1.34.0', 'v1.34.1', 'v1.35.0', 'v1.36.0']));
    const plan = planChanges(versions(before()), topology('alpha', (t) => (t.version = 'v1.36.0'))(versions(before())));
    const c = cluster(plan, 'alpha');
    expect(c.dangers).toEqual([]);
    expect(c.rollouts[0].reason).toBe('version v1.33.2 → v1.36.0 (chained upgrade: the control plane goes v1.33.2 → v1.34.1 → v1.35.0 → v1.36.0)');
    expect(c.rollouts[1].reason).toContain('workers go v1.33.2 → v1.36.0');
  });

  test('the upgrade plans follow upstream (the proposal example v1.29.0 → v1.33.0)', () => {
    const listed = ['v1.29.0', 'v1.30.0', 'v1.30.1', 'v1.31.0', 'v1.32.0', 'v1.33.0'];
    const cp = controlPlaneUpgradePlan('v1.29.0', 'v1.33.0', listed);
    expect(cp).toEqual(['v1.30.1', 'v1.31.0', 'v1.32.0', 'v1.33.0']);
    expect(workersUpgradePlan('v1.29.0', 'v1.33.0', cp)).toEqual(['v1.32.0', 'v1.33.0']);
    expect(workersUpgradePlan('v1.29.0', 'v1.31.0', cp)).toEqual(['v1.31.0']);
    expect(controlPlaneUpgradePlan('v1.29.0', 'v1.30.0', [])).toEqual(['v1.30.0']);
  });

  test('two minors without kubernetesVersions in the class: the Cluster webhook rejects it', () => {
    const noVersions = onClass((spec) => delete spec.kubernetesVersions);
    const plan = planChanges(noVersions(before()), topology('alpha', (t) => (t.version = 'v1.35.0'))(noVersions(before())));
    expect(cluster(plan, 'alpha').dangers).toEqual([expect.objectContaining({ code: 'version-skip', message: expect.stringContaining('skips v1.34') })]);
  });

  test('a downgrade, and a version the class does not list', () => {
    // v1.32.0 is not listed either: the webhook reports both.
    expect(codes(planChanges(before(), topology('alpha', (t) => (t.version = 'v1.32.0'))(before())))).toEqual(['version-downgrade', 'class-version-missing']);
    expect(codes(planChanges(before(), topology('alpha', (t) => (t.version = 'v1.34.0'))(before())))).toEqual(['class-version-missing']);
  });

  test('replicas are scaling; an even control plane is a danger', () => {
    const plan = planChanges(
      before(),
      topology('alpha', (t) => {
        t.controlPlane.replicas = 4;
        t.workers.machineDeployments[0].replicas = 6;
      })(before()),
    );
    const c = cluster(plan, 'alpha');
    expect(c.rollouts).toEqual([]);
    expect(c.scaling).toEqual([
      expect.objectContaining({ target: 'control-plane', from: 3, to: 4, note: expect.stringContaining('ends at 4 members') }),
      { target: 'general', kind: 'MachineDeployment', name: 'alpha-general', from: 3, to: 6 },
    ]);
    expect(c.dangers.map((d) => d.code)).toEqual(['control-plane-even']);
  });

  test('a worker added is scaling from 0; a worker removed deletes its machines', () => {
    const add = topology('alpha', (t) => t.workers.machineDeployments.push({ class: 'general', name: 'batch', replicas: 2 }));
    expect(cluster(planChanges(before(), add(before())), 'alpha').scaling).toEqual([expect.objectContaining({ target: 'batch', from: 0, to: 2 })]);
    const plan = planChanges(add(before()), before());
    expect(cluster(plan, 'alpha').dangers).toEqual([expect.objectContaining({ code: 'pool-deleted', message: expect.stringContaining('removing worker batch') })]);
  });

  test('a worker with a class the class does not define', () => {
    const plan = planChanges(before(), topology('alpha', (t) => (t.workers.machineDeployments[0].class = 'gpu'))(before()));
    expect(codes(plan)).toEqual(['worker-class-missing']);
  });

  describe('variables roll depending on the patches that use them', () => {
    test('a variable a patch writes into a worker template: those workers roll', () => {
      const plan = planChanges(before(), topology('alpha', (t) => t.variables.push({ name: 'workerInstanceType', value: 'm7i.large' }))(before()));
      const r = cluster(plan, 'alpha').rollouts;
      expect(r).toEqual([expect.objectContaining({ target: 'general', causes: ['variable workerInstanceType (unset) → m7i.large: patch worker-instance-type writes it into the templates'] })]);
      expect(r[0].possible).toBeUndefined();
    });

    test('a per-worker override', () => {
      const override = topology('alpha', (t) => (t.workers.machineDeployments[0].variables = { overrides: [{ name: 'workerInstanceType', value: 'c7i.large' }] }));
      expect(cluster(planChanges(before(), override(before())), 'alpha').rollouts[0].causes[0]).toContain('variable workerInstanceType (override of worker general)');
    });

    test('a variable of the infrastructure cluster only: in place', () => {
      const plan = planChanges(before(), topology('alpha', (t) => (t.variables[0].value = 'eu-central-1'))(before()));
      expect(cluster(plan, 'alpha').rollouts).toEqual([]);
      expect(cluster(plan, 'alpha').inPlace).toEqual([expect.objectContaining({ target: 'infrastructure', paths: ['variable region (patch region)'] })]);
    });

    test('a variable used in a Go template: may roll', () => {
      const templated = onClass((spec) => (spec.patches[1].definitions[0].jsonPatches[0].valueFrom = { template: '{{ .workerInstanceType }}' }));
      const plan = planChanges(templated(before()), topology('alpha', (t) => t.variables.push({ name: 'workerInstanceType', value: 'm7i.large' }))(templated(before())));
      expect(cluster(plan, 'alpha').rollouts).toEqual([expect.objectContaining({ target: 'general', possible: true })]);
    });

    test('a variable the class does not define', () => {
      expect(codes(planChanges(before(), topology('alpha', (t) => t.variables.push({ name: 'typo', value: 1 }))(before())))).toEqual(['variable-undefined']);
    });
  });

  describe('classRef: rebasing a cluster to another class', () => {
    const withLarge = (ms: PlanManifest[]) => {
      const copy = structuredClone(get(ms, 'ClusterClass', CLASS));
      copy.metadata.name = 'aws-large';
      copy.spec.workers.machineDeployments[0].infrastructure.templateRef.name = 'aws-large-general-1f2e3d4c';
      const template = structuredClone(get(ms, 'AWSMachineTemplate', 'aws-standard-general-7e8f9a0b'));
      template.metadata.name = 'aws-large-general-1f2e3d4c';
      template.spec.template.spec.instanceType = 'm7i.2xlarge';
      return [...ms, copy, template] as PlanManifest[];
    };

    test('to a compatible class: what differs rolls', () => {
      const plan = planChanges(withLarge(before()), topology('alpha', (t) => (t.classRef.name = 'aws-large'))(withLarge(before())));
      const c = cluster(plan, 'alpha');
      expect(c.dangers).toEqual([]);
      expect(c.rollouts).toEqual([
        expect.objectContaining({ target: 'general', causes: ['rebased to ClusterClass aws-large: machine template changed'], fieldChanges: [{ path: 'instanceType', kind: 'AWSMachineTemplate', from: 't3.large', to: 'm7i.2xlarge' }] }),
      ]);
    });

    test('to an incompatible class: the Cluster webhook rejects it', () => {
      const incompatible = (ms: PlanManifest[]) => edit(withLarge(ms), 'ClusterClass', 'aws-large', (m) => (m.spec.workers.machineDeployments[0].class = 'big'));
      const plan = planChanges(incompatible(before()), topology('alpha', (t) => (t.classRef.name = 'aws-large'))(incompatible(before())));
      expect(cluster(plan, 'alpha').dangers).toEqual([expect.objectContaining({ code: 'class-incompatible', message: expect.stringContaining('it has no worker class general (worker general)') })]);
    });

    test('to a class outside the manifests: an external reference, and the workers may roll', () => {
      const plan = planChanges(before(), topology('alpha', (t) => (t.classRef.name = 'shared-class'))(before()));
      const c = cluster(plan, 'alpha');
      expect(c.externalReferences).toEqual([{ object: 'Cluster/alpha', path: 'spec.topology.classRef', kind: 'ClusterClass', name: 'shared-class' }]);
      expect(c.rollouts.every((r) => r.possible)).toBe(true);
      expect(c.dangers).toEqual([]);
    });
  });
});

test('the JSON has the classes, and class dangers are in the summary-only JSON', () => {
  const plan = planChanges(before(), without(before(), 'ClusterClass'));
  const json = JSON.parse(formatPlan(plan, 'json'));
  expect(json.classes[0].name).toBe(CLASS);
  expect(JSON.parse(formatPlan(plan, 'json', { summaryOnly: true })).dangers).toEqual([expect.objectContaining({ code: 'class-deleted-in-use', clusterClass: 'fleet/aws-standard' })]);
  expect(formatPlan(plan, 'text', { summaryOnly: true })).toContain('! class-deleted-in-use ClusterClass/aws-standard');
});

test('live: the objects the topology controller made for a cluster are no deletions', () => {
  const owned = { apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2', kind: 'KubeadmControlPlane', metadata: { name: 'alpha-x7k2p', namespace: 'fleet', labels: { 'cluster.x-k8s.io/cluster-name': 'alpha', 'topology.cluster.x-k8s.io/owned': '' } }, spec: { replicas: 3, version: 'v1.33.2' } };
  const plan = planChanges([...before(), owned as PlanManifest], before(), { beforeIsLive: true });
  expect(plan).toEqual({ clusters: [] });
  // Without the label it is a control plane the manifests no longer hold.
  const unowned = { ...owned, metadata: { ...owned.metadata, labels: { 'cluster.x-k8s.io/cluster-name': 'alpha' } } };
  expect(codes(planChanges([...before(), unowned as PlanManifest], before(), { beforeIsLive: true }))).toContain('control-plane-deleted');
});

test('a class that no cluster uses: its change is shown, no cluster is affected', () => {
  const alone = (ms: PlanManifest[]) => without(ms, 'Cluster');
  const after = rotate(alone(before()), 'AWSMachineTemplate', 'aws-standard-general-7e8f9a0b', 'aws-standard-general-4c5d6e7f', (m) => (m.spec.template.spec.instanceType = 'm7i.large'));
  const plan = planChanges(alone(before()), after);
  expect(plan.clusters).toEqual([]);
  expect(plan.classes![0].impacts).toEqual([expect.objectContaining({ effect: 'rollout', clusters: [] })]);
  const text = formatPlan(plan, 'text');
  expect(text).toContain('machine template changed: no cluster uses worker class general');
  const markdown = formatPlan(plan, 'markdown');
  expect(markdown).toContain('<details open><summary>ClusterClass <code>fleet/aws-standard</code>: used by 0 clusters, 2 changes</summary>');
  expect(markdown).not.toContain('### ClusterClasses');
});

describe('on what the core renders (renderClusterClass, renderTopologyCluster)', () => {
  const classSpec = (instanceType = 'm6i.xlarge'): ClusterClassSpec => ({
    name: 'aws-standard',
    namespace: 'clusters',
    infrastructure: { aws: { region: 'eu-west-1', network: { managed: { vpcCidr: '10.0.0.0/16', availabilityZoneCount: 3 } } } },
    controlPlane: { machine: { aws: { instanceType: 'm6i.large' } } },
    workerClasses: [
      { name: 'general', machine: { aws: { instanceType } } },
      { name: 'gpu', machine: { aws: { instanceType: 'g5.xlarge' } } },
    ],
    variables: [{ name: 'workerInstanceType', schema: { type: 'string', default: 'm6i.xlarge' } }],
    patches: [
      { name: 'worker-instance-type', definitions: [{ target: 'workers/machine-template', workerClasses: ['gpu'], jsonPatches: [{ op: 'replace', path: '/spec/template/spec/instanceType', valueFrom: { variable: 'workerInstanceType' } }] }] },
    ],
    kubernetesVersions: ['v1.33.6', 'v1.34.1', 'v1.35.0'],
  });
  const clusterSpec = (name: string, version = 'v1.34.1', variables: Record<string, unknown> = {}): TopologyClusterSpec => ({
    name,
    namespace: 'clusters',
    topology: {
      class: clusterClassReference(classSpec()),
      version,
      controlPlane: { replicas: 3 },
      workers: [
        { class: 'general', name: 'general', replicas: 3 },
        { class: 'gpu', name: 'gpu', autoscaling: { min: 0, max: 4 } },
      ],
      variables,
    },
  });
  const render = (cls: ClusterClassSpec, clusters: TopologyClusterSpec[]): PlanManifest[] =>
    [...renderClusterClass(cls).manifests, ...clusters.flatMap((c) => renderTopologyCluster(c).manifests)] as PlanManifest[];

  test('a worker class machine template change rolls that worker class in every cluster, and the old template is kept', () => {
    const clusters = [clusterSpec('team-a'), clusterSpec('team-b')];
    const plan = planChanges(render(classSpec(), clusters), render(classSpec('m7i.xlarge'), clusters));
    expect(plan.clusters.map((c) => [c.cluster, c.rollouts.map((r) => [r.target, r.machines, r.fieldChanges.map((f) => `${f.path}: ${f.from} → ${f.to}`)])])).toEqual([
      ['team-a', [['general', 3, ['instanceType: m6i.xlarge → m7i.xlarge']]]],
      ['team-b', [['general', 3, ['instanceType: m6i.xlarge → m7i.xlarge']]]],
    ]);
    expect(planDangers(plan)).toEqual([]);
    const [cls] = plan.classes!;
    expect(cls.impacts.map((i) => [i.target, i.effect, i.clusters])).toEqual([['general', 'rollout', ['clusters/team-a', 'clusters/team-b']]]);
    expect(cls.cleanup.map((c) => c.kind)).toEqual(['AWSMachineTemplate']);
    expect(formatPlan(plan, 'text')).toContain('ClusterClass aws-standard: machine template changed: 2 clusters roll their general workers (instanceType: m6i.xlarge → m7i.xlarge)');
  });

  test('a variable that a patch writes into the gpu template rolls the autoscaled gpu workers; an upgrade is control plane then workers', () => {
    const before = render(classSpec(), [clusterSpec('team-a')]);
    const plan = planChanges(before, render(classSpec(), [clusterSpec('team-a', 'v1.35.0', { workerInstanceType: 'g5.2xlarge' })]));
    const [c] = plan.clusters;
    expect(c.rollouts.map((r) => [r.target, r.machines, r.autoscaling, r.possible])).toEqual([
      ['control-plane', 3, undefined, undefined],
      ['general', 3, undefined, undefined],
      ['gpu', null, { min: '0', max: '4' }, undefined],
    ]);
    expect(c.rollouts[2].causes).toContain('variable workerInstanceType (unset) → g5.2xlarge: patch worker-instance-type writes it into the templates');
    expect(c.rollouts[1].causes.join()).not.toContain('workerInstanceType');
    expect(c.dangers).toEqual([]);
  });
});

test('class templates edited under their own name: a KubeadmControlPlaneTemplate or AWSClusterTemplate is rejected, a KubeadmConfigTemplate is rotated per cluster', () => {
  const kcp = edit(before(), 'KubeadmControlPlaneTemplate', 'aws-standard-control-plane-5e6f7a8b', (m) => (m.spec.template.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs[0].value = 'aws'));
  expect(planChanges(before(), kcp).classes![0].dangers).toEqual([expect.objectContaining({ code: 'immutable-field-changed', object: 'KubeadmControlPlaneTemplate/aws-standard-control-plane-5e6f7a8b', message: expect.stringContaining('webhook rejects it') })]);
  const infra = edit(before(), 'AWSClusterTemplate', 'aws-standard-1a2b3c4d', (m) => (m.spec.template.spec.sshKeyName = 'ops'));
  expect(planChanges(before(), infra).classes![0].dangers.map((d) => d.code)).toEqual(['immutable-field-changed']);
  const bootstrap = edit(before(), 'KubeadmConfigTemplate', 'aws-standard-general-3a4b5c6d', (m) => (m.spec.template.spec.joinConfiguration.nodeRegistration.kubeletExtraArgs[0].value = 'aws'));
  expect(planChanges(before(), bootstrap).classes![0].dangers).toEqual([]);
});

test('hostile ClusterClasses and topologies never crash the plan', () => {
  const hostile: PlanManifest[] = [
    { apiVersion: 'cluster.x-k8s.io/v1beta2', kind: 'ClusterClass', metadata: { name: 'bad', namespace: 'fleet' }, spec: { workers: 'x', patches: [null, 1, { name: '__proto__', definitions: 'y', external: {} }], variables: [{ name: '__proto__' }], infrastructure: { templateRef: 'z' } } },
    JSON.parse('{"apiVersion":"cluster.x-k8s.io/v1beta2","kind":"Cluster","metadata":{"name":"h","namespace":"fleet"},"spec":{"topology":{"classRef":"bad","version":7,"workers":{"machineDeployments":[null,{"name":"__proto__","class":{}}]},"variables":[{"name":"__proto__","value":{"a":1}}]}}}'),
  ];
  const after = structuredClone(hostile) as any[];
  after[1].spec.topology.classRef = { name: 'bad' };
  after[1].spec.topology.variables = [{ name: '__proto__', value: { a: 2 } }];
  after[0].spec.patches.push({ name: 'new', definitions: [{ selector: { matchResources: { machineDeploymentClass: { names: '*' } } } }] });
  for (const [b, a] of [[hostile, after], [after, hostile], [[], after], [after, []]] as Array<[PlanManifest[], PlanManifest[]]>) {
    const plan = planChanges(b, a);
    for (const format of ['text', 'markdown', 'json'] as const) expect(typeof formatPlan(plan, format)).toBe('string');
  }
  expect(({} as Record<string, unknown>).a).toBeUndefined();
});

test('live: server defaults in the class templates and the variables the Cluster webhook filled in are no change', () => {
  const live = before().map((m) => {
    const copy = structuredClone(m) as any;
    if (copy.kind === 'AWSMachineTemplate') copy.spec.template.spec.ami = {};
    if (copy.kind === 'Cluster') copy.spec.topology.variables.push({ name: 'workerInstanceType', value: 't3.large' });
    if (copy.kind === 'ClusterClass') copy.spec.workers.machineDeployments[0].rollout = { strategy: { type: 'RollingUpdate' } };
    return copy as PlanManifest;
  });
  const plan = planChanges(live, before(), { beforeIsLive: true });
  // The generic live diff keeps lists whole, so the defaulted variable is a changed path of the Cluster; the topology analysis sees no change.
  expect(plan.clusters.map((c) => [c.cluster, c.rollouts, c.scaling, c.inPlace, c.dangers])).toEqual(['alpha', 'beta', 'gamma'].map((c) => [c, [], [], [], []]));
  expect(plan.classes).toBeUndefined();
});

test('a changed topology Cluster whose class is not in the manifests: an external reference', () => {
  const external = without(before(), 'ClusterClass');
  const plan = planChanges(external, topology('alpha', (t) => (t.controlPlane.replicas = 5))(external));
  expect(cluster(plan, 'alpha').externalReferences).toEqual([{ object: 'Cluster/alpha', path: 'spec.topology.classRef', kind: 'ClusterClass', name: CLASS }]);
  expect(cluster(plan, 'alpha').scaling.map((s) => [s.from, s.to])).toEqual([[3, 5]]);
});
