import { ApiObject, Testing } from 'cdk8s';
import { CapiValidationError, renderClusterClass, renderTopologyCluster } from '../../lib';
import { ClusterClass, ClusterClassChart, TopologyCluster, TopologyClusterChart } from '../../lib/cdk8s';
import { AWS_CLASS } from '../core/topology/fixtures';

const { name: _name, ...classProps } = AWS_CLASS;

describe('ClusterClass construct', () => {
  test('synthesizes exactly what the core renders, the class as default child', () => {
    const chart = Testing.chart();
    const cls = new ClusterClass(chart, 'aws-standard', classProps);
    expect(Testing.synth(chart)).toEqual(renderClusterClass(AWS_CLASS).manifests);
    expect(ApiObject.of(cls)).toBe(cls.clusterClassObject);
    expect(cls.clusterClassObject.kind).toBe('ClusterClass');
    expect(cls.reference).toMatchObject({ name: 'aws-standard', namespace: 'clusters', workerClasses: ['general', 'gpu'] });
  });

  test('throws when the props are invalid, naming the construct path', () => {
    const chart = Testing.chart();
    expect(() => new ClusterClass(chart, 'bad', { ...classProps, workerClasses: [{ name: 'general', replicas: 3 } as never] }))
      .toThrow(/^Invalid ClusterClass \[test\/bad\] \(class "bad"\): 1 problem:\n {2}- workerClasses\[0\]\.replicas: is chosen by each cluster/);
  });
});

describe('TopologyCluster construct', () => {
  test('synthesizes the Cluster alone, checked against the class it references', () => {
    const app = Testing.app();
    const cls = new ClusterClassChart(app, 'aws-standard', classProps).clusterClass;
    const chart = new TopologyClusterChart(app, 'team-a', { namespace: 'clusters', topology: { class: cls.reference, version: 'v1.34.1', variables: { region: 'eu-west-1' } } });
    const out = Testing.synth(chart);
    expect(out).toEqual(renderTopologyCluster({ name: 'team-a', namespace: 'clusters', topology: { class: cls.reference, version: 'v1.34.1', variables: { region: 'eu-west-1' } } }).manifests);
    expect(ApiObject.of(chart.cluster)).toBe(chart.cluster.clusterObject);
  });

  test('checked against its management cluster: the ClusterTopology gate must be on', () => {
    const chart = Testing.chart();
    const cls = new ClusterClass(chart, 'aws-standard', classProps);
    const management = { name: 'mgmt', kubernetesVersion: 'v1.34.2', clusterApiVersion: 'v1.14.0', providers: { infrastructure: { aws: { version: 'v2.11.1' } } } };
    const topology = { class: cls.reference, version: 'v1.34.1', variables: { region: 'eu-west-1' } };
    expect(() => new TopologyCluster(chart, 'team-a', { topology, managementCluster: management })).toThrow(/topology: a topology cluster .* needs the ClusterTopology feature gate/);
    const on = { ...management, providers: { ...management.providers, core: { manager: { featureGates: { ClusterTopology: true } } } } };
    expect(new TopologyCluster(chart, 'team-b', { topology, managementCluster: on }).manifests).toHaveLength(1);
  });

  test('throws when a variable breaks the class\'s schema, naming the construct path', () => {
    const chart = Testing.chart();
    const cls = new ClusterClass(chart, 'aws-standard', classProps);
    let error: unknown;
    try {
      new TopologyCluster(chart, 'team-a', { topology: { class: cls.reference, version: 'v1.34.1', variables: { region: 'mars-1' } } });
    } catch (e) {
      error = e;
    }
    expect(CapiValidationError.isCapiValidationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/^Invalid TopologyCluster \[test\/team-a\] \(cluster "team-a"\)/);
    expect((error as Error).message).toContain('topology.variables.region: is not one of the allowed values');
  });
});
