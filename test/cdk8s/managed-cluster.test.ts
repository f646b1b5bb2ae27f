import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing, YamlOutputType } from 'cdk8s';
import { awsCluster, devCluster } from '../../examples/clusters';
import { renderManagedCluster } from '../../lib';
import { ClusterChart, ManagedCluster } from '../../lib/cdk8s';

test('synthesizes exactly the core manifests', () => {
  const chart = Testing.chart();
  new ManagedCluster(chart, 'dev-local', devCluster);
  expect(Testing.synth(chart)).toEqual(renderManagedCluster({ ...devCluster, name: 'dev-local' }).manifests);
});

test('the name defaults to the construct id', () => {
  const chart = Testing.chart();
  const { name: _name, ...props } = devCluster;
  const cluster = new ManagedCluster(chart, 'from-id', props);
  expect(cluster.clusterName).toBe('from-id');
  expect(Testing.synth(chart).find(m => m.kind === 'Cluster').metadata.name).toBe('from-id');
});

test('addWorkerPool after construction is included at synth', () => {
  const chart = Testing.chart();
  const cluster = new ManagedCluster(chart, 'c', { version: 'v1.34.1', infrastructure: { dev: {} }, controlPlane: { replicas: 1 } });
  cluster.addWorkerPool('gpu', { replicas: 2 });
  cluster.addWorkerPool('batch', { autoscaling: { min: 0, max: 2 } });
  const mds = Testing.synth(chart).filter(m => m.kind === 'MachineDeployment');
  expect(mds.map(m => m.metadata.name)).toEqual(['c-gpu', 'c-batch']);
  expect(cluster.toSpec().workerPools!.map(p => p.name)).toEqual(['gpu', 'batch']);
});

test('addOverride survives synth and renames an overridden template', () => {
  const chart = Testing.chart();
  const cluster = new ManagedCluster(chart, 'prod-eu-1', awsCluster);
  const before = cluster.manifests.find(m => m.kind === 'AWSMachineTemplate' && m.metadata.name.startsWith('prod-eu-1-general-'))!.metadata.name;
  cluster.addOverride('pool/general/machine-template', 'spec.template.spec.instanceType', 'm7i.xlarge');
  cluster.addOverride('cluster', ['metadata', 'annotations', 'example.com/owner'], 'team-a');
  const out = Testing.synth(chart);
  const tpl = out.find(m => m.kind === 'AWSMachineTemplate' && m.metadata.name.startsWith('prod-eu-1-general-'));
  expect(tpl.spec.template.spec.instanceType).toBe('m7i.xlarge');
  expect(tpl.metadata.name).not.toBe(before);
  expect(out.find(m => m.kind === 'MachineDeployment' && m.metadata.name === 'prod-eu-1-general').spec.template.spec.infrastructureRef.name).toBe(tpl.metadata.name);
  expect(out.find(m => m.kind === 'Cluster').metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
});

test('apiObject gives the ApiObject of a role for cdk8s escape hatches', () => {
  const chart = Testing.chart();
  const cluster = new ManagedCluster(chart, 'c', devCluster);
  expect(cluster.apiObject('cluster').kind).toBe('Cluster');
  expect(() => cluster.apiObject('nope')).toThrow(/has no object with role "nope"; roles: infrastructure-cluster/);
});

test('throws when props are invalid, naming the construct path and every problem', () => {
  const chart = Testing.chart();
  expect(() => new ManagedCluster(chart, 'bad', { version: 'v1.34', infrastructure: { dev: {} }, controlPlane: { replicas: 2 } }))
    .toThrow(/Invalid ManagedCluster \[test\/bad\] \(cluster "bad"\): 2 problems:\n  - version: a minor-only version[^\n]*\n  - controlPlane.replicas: an even number/);
});

test('throws when an added pool is invalid', () => {
  const chart = Testing.chart();
  const cluster = new ManagedCluster(chart, 'c', devCluster);
  expect(() => cluster.addWorkerPool('general', { replicas: 1 })).toThrow(/workerPools\[2\]\.name: duplicate pool name \(also workerPools\[0\]\)/);
});

test('example app: one folder per cluster, stable bytes across runs', () => {
  const synth = () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'capi-cdk8s-'));
    const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    new ClusterChart(app, 'dev-local', devCluster);
    new ClusterChart(app, 'prod-eu-1', awsCluster);
    app.synth();
    const files: Record<string, string> = {};
    for (const dir of fs.readdirSync(outdir).sort()) {
      for (const f of fs.readdirSync(path.join(outdir, dir)).sort()) files[`${dir}/${f}`] = fs.readFileSync(path.join(outdir, dir, f), 'utf8');
    }
    return files;
  };
  const first = synth();
  expect(Object.keys(first).filter(f => f.startsWith('dev-local/'))).toHaveLength(10);
  expect(Object.keys(first).filter(f => f.startsWith('prod-eu-1/'))).toHaveLength(17);
  expect(synth()).toEqual(first);
  expect(first).toMatchSnapshot();
});

test('chart labels are added by cdk8s on top of the core labels', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'labelled', { labels: { team: 'a' } });
  new ManagedCluster(chart, 'c', devCluster);
  for (const m of Testing.synth(chart)) expect(m.metadata.labels).toMatchObject({ team: 'a', 'cluster.x-k8s.io/cluster-name': 'dev-local' });
});
