import {
  CapiValidationError, clusterClassReference, needsClusterTopology, readClusterClassReference, renderManagedCluster, renderClusterClass, renderTopologyCluster, toYaml, TopologyClusterSpec, usesClusterTopology,
  validateTopologyCluster,
} from '../../../lib';
import { AWS_CLASS } from './fixtures';

const ref = clusterClassReference(AWS_CLASS);
const base: TopologyClusterSpec = {
  name: 'team-a',
  namespace: 'clusters',
  topology: { class: ref, version: 'v1.34.1', controlPlane: { replicas: 3 }, variables: { region: 'eu-central-1' }, workers: [{ class: 'general', name: 'general', replicas: 2 }] },
};
const problems = (spec: TopologyClusterSpec) => validateTopologyCluster(spec).map(i => `${i.path}: ${i.message}`);
const topo = (t: Partial<TopologyClusterSpec['topology']>): TopologyClusterSpec => ({ ...base, topology: { ...base.topology, ...t } });

describe('renderTopologyCluster', () => {
  test('renders the Cluster alone, with spec.topology: classRef, version, replicas, workers and variables by name', () => {
    const r = renderTopologyCluster(topo({
      workers: [
        { class: 'general', name: 'general', replicas: 2, failureDomain: 'eu-central-1a', variables: { workerInstanceType: 'm6i.2xlarge' } },
        { class: 'gpu', name: 'gpu', autoscaling: { min: 0, max: 4 } },
      ],
      variables: { rootVolume: { sizeGiB: 100 }, region: 'eu-central-1' },
    }));
    expect(r.manifests).toHaveLength(1);
    expect(r.roles).toEqual(['cluster']);
    const c = r.manifests[0] as any;
    expect(c.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'capi-constructs', 'capi-constructs.io/cluster-class': 'aws-standard', 'cluster.x-k8s.io/cluster-name': 'team-a' });
    expect(c.spec.controlPlaneRef).toBeUndefined();
    expect(c.spec.infrastructureRef).toBeUndefined();
    expect(c.spec.topology).toEqual({
      classRef: { name: 'aws-standard' },
      version: 'v1.34.1',
      controlPlane: { replicas: 3 },
      variables: [{ name: 'region', value: 'eu-central-1' }, { name: 'rootVolume', value: { sizeGiB: 100 } }],
      workers: {
        machineDeployments: [
          { class: 'general', name: 'general', replicas: 2, failureDomain: 'eu-central-1a', variables: { overrides: [{ name: 'workerInstanceType', value: 'm6i.2xlarge' }] } },
          // Autoscaled: the annotations, and no replicas (the webhook refuses both).
          { class: 'gpu', name: 'gpu', metadata: { annotations: { 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size': '4', 'cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size': '0' } } },
        ],
      },
    });
    expect(c.spec.clusterNetwork.pods.cidrBlocks).toEqual(['192.168.0.0/16']);
  });

  test('writes classRef.namespace only when the class lives in another namespace', () => {
    const other = renderTopologyCluster({ ...base, namespace: 'team-a' }).manifests[0] as any;
    expect(other.spec.topology.classRef).toEqual({ name: 'aws-standard', namespace: 'clusters' });
    const byName = renderTopologyCluster({ name: 'x', topology: { class: 'shared', classNamespace: 'platform', version: 'v1.34.1' } }).manifests[0] as any;
    expect(byName.spec.topology.classRef).toEqual({ name: 'shared', namespace: 'platform' });
  });

  test('an override of the cluster role changes the Cluster', () => {
    const c = renderTopologyCluster({ ...base, overrides: [{ target: 'cluster', path: ['metadata', 'annotations', 'example.com/owner'], value: 'team-a' }] }).manifests[0];
    expect(c.metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
  });

  test('usesClusterTopology tells topology specs from fully rendered ones', () => {
    expect(usesClusterTopology(base)).toBe(true);
    expect(usesClusterTopology({ name: 'x', version: 'v1.34.1', infrastructure: { dev: {} } })).toBe(false);
    expect(usesClusterTopology(undefined)).toBe(false);
  });

  test('needsClusterTopology: a ClusterClass or a topology Cluster among manifests needs the gate, a rendered cluster does not', () => {
    expect(needsClusterTopology(renderTopologyCluster(base).manifests)).toBe(true);
    expect(needsClusterTopology(renderClusterClass(AWS_CLASS).manifests.slice(-1))).toBe(true);
    expect(needsClusterTopology(renderClusterClass(AWS_CLASS).manifests.slice(0, -1))).toBe(false);
    expect(needsClusterTopology(renderManagedCluster({ name: 'x', version: 'v1.34.1', infrastructure: { dev: {} } }).manifests)).toBe(false);
  });
});

describe('validateTopologyCluster', () => {
  test('throws one error listing every problem: variables against the schemas, unknown worker classes and variables, versions', () => {
    let error: unknown;
    try {
      renderTopologyCluster(topo({
        version: 'v1.35.0',
        controlPlane: { replicas: 2 },
        variables: { region: 'us-east-1', rootVolume: { sizeGiB: 4, type: 'io1', iops: 3 }, workerInstanceType: 'M6I' },
        workers: [{ class: 'genral', name: 'general', replicas: 1 }, { class: 'gpu', name: 'general', replicas: 2, autoscaling: { min: 3, max: 2 }, variables: { regoin: 'x' } }],
      }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CapiValidationError);
    expect((error as Error).message).toMatch(/^Invalid cluster "team-a"/);
    expect((error as CapiValidationError).issues.map(i => `${i.path}: ${i.message}`)).toEqual([
      'topology.version: version must match one of the versions defined in the ClusterClass aws-standard',
      expect.stringMatching(/^topology\.controlPlane\.replicas: an even number of control-plane machines/),
      'topology.variables.region: is not one of the allowed values',
      'topology.variables.rootVolume.sizeGiB: must be at least 8',
      'topology.variables.rootVolume.type: is not one of the allowed values',
      'topology.variables.rootVolume.iops: is not a field of the variable\'s schema',
      'topology.variables.workerInstanceType: must match the pattern ^[a-z][a-z0-9]*\\.[a-z0-9]+$',
      'topology.workers[0].class: is not a worker class of ClusterClass aws-standard',
      'topology.workers[1].name: names must be unique among the workers of a cluster',
      'topology.workers[1].replicas: cannot be set when autoscaling is set: cluster-autoscaler owns the count (CAPI\'s webhook refuses both)',
      'topology.workers[1].autoscaling.min: must not exceed autoscaling.max',
      'topology.workers[1].variables.regoin: is not a variable of ClusterClass aws-standard',
    ]);
    const issues = (error as CapiValidationError).issues;
    expect(issues.find(i => i.path === 'topology.workers[0].class')!.fix).toBe('did you mean general?');
    expect(issues.find(i => i.path === 'topology.variables.region')!.allowed).toBe('"eu-west-1", "eu-central-1"');
  });

  test('throws when a required variable without a default is missing; a defaulted one may be left out', () => {
    expect(problems(topo({ variables: {} }))).toEqual(['topology.variables.region: is required by ClusterClass aws-standard']);
    const withDefault = { ...ref, variables: [{ name: 'size', required: true, schema: { type: 'string' as const, default: 'small' } }] };
    expect(problems(topo({ class: withDefault, variables: {} }))).toEqual([]);
  });

  test('nested defaults count as set for required fields', () => {
    const r = { ...ref, variables: [{ name: 'disk', schema: { type: 'object' as const, properties: { type: { type: 'string' as const, default: 'gp3' } }, required: ['type'] } }] };
    expect(problems(topo({ class: r, variables: { disk: {} } }))).toEqual([]);
  });

  test('a class known by name only: variables and worker classes are not checked, the rest is', () => {
    expect(problems(topo({ class: 'elsewhere', variables: { anything: 1 }, workers: [{ class: 'any', name: 'w' }] }))).toEqual([]);
    expect(problems(topo({ class: 'Elsewhere!', version: 'v1.34' }))).toEqual([
      expect.stringMatching(/^topology\.class: /),
      "topology.version: a minor-only version is rejected by CAPI's webhooks",
    ]);
  });

  test('throws when a field is misspelled (strict shape) or an override targets an object the class owns', () => {
    expect(problems({ ...base, topology: { ...base.topology, worker: [] } as never })).toEqual([expect.stringMatching(/^topology\.worker: /)]);
    expect(problems({ ...base, overrides: [{ target: 'control-plane', path: 'spec.replicas', value: 1 }] })).toEqual([
      'overrides[0].target: in topology mode only the Cluster is emitted, so `cluster` is the only override target',
    ]);
  });
});

describe('readClusterClassReference', () => {
  test('reads an external class from its YAML: variables with schemas, worker classes, versions', () => {
    const yaml = toYaml(renderClusterClass(AWS_CLASS).manifests);
    const read = readClusterClassReference(yaml);
    expect(read).toEqual({ ...ref, variables: ref.variables!.map(v => ({ ...v, required: v.required === true })) });
    expect(problems(topo({ class: read, variables: { region: 'mars-1' } }))).toEqual(['topology.variables.region: is not one of the allowed values']);
  });

  test('leaves variables whose schema uses unsupported features (CEL) to the webhook', () => {
    const yaml = [
      'apiVersion: cluster.x-k8s.io/v1beta2', 'kind: ClusterClass', 'metadata: {name: theirs}', 'spec:', '  variables:',
      '  - name: size', '    required: true', '    schema:', '      openAPIV3Schema:', '        type: string', '        x-kubernetes-validations: [{rule: "self != \'\'"}]',
      '  - name: count', '    required: false', '    schema: {openAPIV3Schema: {type: integer}}',
    ].join('\n');
    const theirs = readClusterClassReference(yaml);
    expect(problems({ name: 'x', topology: { class: theirs, version: 'v1.34.1', variables: { size: 7, count: 'many' } } })).toEqual(['topology.variables.count: must be an integer']);
  });

  test('throws when the YAML holds no ClusterClass of that name', () => {
    expect(() => readClusterClassReference('kind: ConfigMap\nmetadata: {name: x}\n')).toThrow('holds no ClusterClass');
    expect(() => readClusterClassReference(toYaml(renderClusterClass(AWS_CLASS).manifests), 'other')).toThrow('holds no ClusterClass named other');
  });
});
