// ClusterClasses and topology clusters: one class per provider (AWS, Dev), two clusters each.
// `npx ts-node examples/cluster-classes.ts` writes one folder per class and per cluster.
// conformance: one group (the clusters' classRefs resolve to the classes' folders)
import { App, YamlOutputType } from 'cdk8s';
import { ClusterClassChart, TopologyClusterChart } from '../lib/cdk8s';

const app = new App({ yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });

/**
 * AWS: the cluster network, load balancer and machine sizes are the platform team's; each
 * cluster picks its region's SSH key, its worker instance type and whether workers use spot.
 */
const aws = new ClusterClassChart(app, 'aws-standard', {
  namespace: 'clusters',
  infrastructure: {
    aws: {
      region: 'eu-west-1',
      network: { managed: { vpcCidr: '10.0.0.0/16', availabilityZoneCount: 3 } },
      controlPlaneLoadBalancer: { type: 'nlb', scheme: 'internal' },
      additionalTags: { 'example.com/cost-center': 'platform' },
    },
  },
  controlPlane: {
    machine: { aws: { instanceType: 'm6i.large', rootVolume: { sizeGiB: 80, type: 'gp3' } } },
    rollout: { maxSurge: 0 },
  },
  workerClasses: [
    {
      name: 'general',
      machine: { aws: { instanceType: 'm6i.xlarge', rootVolume: { sizeGiB: 100, type: 'gp3' } } },
      nodeLabels: { 'node-role.kubernetes.io/worker': '' },
      rollout: { maxSurge: 1, maxUnavailable: 0 },
    },
    {
      name: 'gpu',
      machine: { aws: { instanceType: 'g5.xlarge', rootVolume: { sizeGiB: 200, type: 'gp3' } } },
      nodeLabels: { 'example.com/accelerator': 'nvidia' },
      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
    },
  ],
  variables: [
    { name: 'region', required: true, schema: { type: 'string', enum: ['eu-west-1', 'eu-central-1'], description: 'AWS region of the cluster.' } },
    { name: 'sshKeyName', schema: { type: 'string', minLength: 1, default: 'platform-ops' } },
    { name: 'workerInstanceType', schema: { type: 'string', pattern: '^[a-z][a-z0-9]*\\.[a-z0-9]+$', default: 'm6i.xlarge' } },
  ],
  patches: [
    {
      name: 'region',
      definitions: [{ target: 'infrastructure-cluster', jsonPatches: [{ op: 'replace', path: '/spec/template/spec/region', valueFrom: { variable: 'region' } }] }],
    },
    {
      name: 'ssh-key',
      definitions: [
        { target: 'infrastructure-cluster', jsonPatches: [{ op: 'add', path: '/spec/template/spec/sshKeyName', valueFrom: { variable: 'sshKeyName' } }] },
        { target: 'control-plane/machine-template', jsonPatches: [{ op: 'add', path: '/spec/template/spec/sshKeyName', valueFrom: { variable: 'sshKeyName' } }] },
        { target: 'workers/machine-template', jsonPatches: [{ op: 'add', path: '/spec/template/spec/sshKeyName', valueFrom: { variable: 'sshKeyName' } }] },
      ],
    },
    {
      name: 'worker-instance-type',
      definitions: [{ target: 'workers/machine-template', workerClasses: ['general'], jsonPatches: [{ op: 'replace', path: '/spec/template/spec/instanceType', valueFrom: { variable: 'workerInstanceType' } }] }],
    },
  ],
  kubernetesVersions: ['v1.33.6', 'v1.34.1', 'v1.34.2'],
});

new TopologyClusterChart(app, 'team-a', {
  namespace: 'clusters',
  topology: {
    class: aws.clusterClass.reference,
    version: 'v1.34.1',
    controlPlane: { replicas: 3 },
    workers: [
      { class: 'general', name: 'general', replicas: 3 },
      { class: 'gpu', name: 'gpu', autoscaling: { min: 0, max: 4 }, failureDomain: 'eu-central-1a' },
    ],
    variables: { region: 'eu-central-1', workerInstanceType: 'm6i.2xlarge' },
  },
});

new TopologyClusterChart(app, 'team-b', {
  namespace: 'clusters',
  labels: { 'example.com/environment': 'staging' },
  topology: {
    class: aws.clusterClass.reference,
    version: 'v1.33.6',
    controlPlane: { replicas: 1 },
    workers: [{ class: 'general', name: 'general', replicas: 2, variables: { workerInstanceType: 'm6i.large' } }],
    variables: { region: 'eu-west-1', sshKeyName: 'team-b' },
  },
});

/** Dev (CAPD, docker backend): the same shape on a laptop; a cluster may pull from a mirror and pin its load balancer image. */
const dev = new ClusterClassChart(app, 'dev-standard', {
  namespace: 'dev',
  infrastructure: { dev: {} },
  controlPlane: { taints: [] },
  workerClasses: [{ name: 'general', nodeLabels: { 'node-role.kubernetes.io/worker': '' } }],
  variables: [
    { name: 'imageRepository', schema: { type: 'string', default: 'registry.k8s.io' } },
    {
      name: 'loadBalancer',
      schema: { type: 'object', properties: { imageRepository: { type: 'string', minLength: 1 }, imageTag: { type: 'string', minLength: 1 } }, required: ['imageTag'] },
    },
  ],
  patches: [
    {
      name: 'image-repository',
      definitions: [{
        target: 'control-plane',
        jsonPatches: [{ op: 'add', path: '/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository', valueFrom: { variable: 'imageRepository' } }],
      }],
    },
    {
      name: 'load-balancer',
      enabledIf: '{{ if .loadBalancer }}true{{ end }}',
      definitions: [{ target: 'infrastructure-cluster', jsonPatches: [{ op: 'add', path: '/spec/template/spec/loadBalancer', valueFrom: { variable: 'loadBalancer' } }] }],
    },
  ],
});

new TopologyClusterChart(app, 'dev-a', {
  namespace: 'dev',
  topology: { class: dev.clusterClass.reference, version: 'v1.34.1', controlPlane: { replicas: 1 }, workers: [{ class: 'general', name: 'general', replicas: 2 }] },
});

new TopologyClusterChart(app, 'dev-b', {
  namespace: 'dev',
  topology: {
    class: dev.clusterClass.reference,
    version: 'v1.33.6',
    workers: [{ class: 'general', name: 'general', autoscaling: { min: 1, max: 3 } }],
    variables: { imageRepository: 'mirror.example.com/k8s', loadBalancer: { imageTag: 'v20230606-42a2262b' } },
  },
});

app.synth();
