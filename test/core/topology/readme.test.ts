import * as fs from 'fs';
import * as path from 'path';
import { clusterClassReference, renderTopologyCluster, toYaml } from '../../../lib';

/** The README's ClusterClass section shows real output. */
const readme = fs.readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## ClusterClass and topology clusters'));

test('the topology cluster YAML in the README is what the core renders', () => {
  const block = /renders only the Cluster[^\n]*\n\n```yaml\n([\s\S]*?)```/.exec(section)![1];
  const reference = clusterClassReference({
    name: 'aws-standard', namespace: 'clusters', infrastructure: { aws: { region: 'eu-west-1' } }, workerClasses: [{ name: 'general' }, { name: 'gpu' }],
    variables: [{ name: 'region', required: true, schema: { type: 'string', enum: ['eu-west-1', 'eu-central-1'] } }, { name: 'workerInstanceType', schema: { type: 'string' } }],
  });
  const rendered = renderTopologyCluster({
    name: 'team-a',
    namespace: 'clusters',
    topology: {
      class: reference,
      version: 'v1.34.1',
      controlPlane: { replicas: 3 },
      workers: [{ class: 'general', name: 'general', replicas: 3 }, { class: 'gpu', name: 'gpu', autoscaling: { min: 0, max: 4 }, failureDomain: 'eu-central-1a' }],
      variables: { region: 'eu-central-1', workerInstanceType: 'm6i.2xlarge' },
    },
  });
  // The README shows cdk8s's output, whose writer quotes strings only where YAML needs it.
  expect(block.replace(/"/g, '')).toBe(toYaml(rendered.manifests).replace(/"/g, ''));
});
