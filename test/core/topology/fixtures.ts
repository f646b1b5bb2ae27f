import { ClusterClassSpec } from '../../../lib';

/** An AWS class with two worker classes, typed variables and patches on every kind of template. */
export const AWS_CLASS: ClusterClassSpec = {
  name: 'aws-standard',
  namespace: 'clusters',
  infrastructure: { aws: { region: 'eu-west-1', network: { managed: { vpcCidr: '10.0.0.0/16', availabilityZoneCount: 3 } } } },
  controlPlane: { machine: { aws: { instanceType: 'm6i.large' } }, healthCheck: {} },
  workerClasses: [
    { name: 'general', machine: { aws: { instanceType: 'm6i.xlarge' } }, nodeLabels: { 'node-role.kubernetes.io/worker': '' }, healthCheck: {}, rollout: { maxSurge: 2 } },
    { name: 'gpu', machine: { aws: { instanceType: 'g5.xlarge' } }, taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }] },
  ],
  variables: [
    { name: 'region', required: true, schema: { type: 'string', enum: ['eu-west-1', 'eu-central-1'] } },
    { name: 'workerInstanceType', schema: { type: 'string', pattern: '^[a-z][a-z0-9]*\\.[a-z0-9]+$', default: 'm6i.xlarge' } },
    {
      name: 'rootVolume',
      schema: { type: 'object', properties: { sizeGiB: { type: 'integer', minimum: 8, maximum: 16384 }, type: { type: 'string', enum: ['gp2', 'gp3'], default: 'gp3' } }, required: ['sizeGiB'] },
    },
  ],
  patches: [
    { name: 'region', definitions: [{ target: 'infrastructure-cluster', jsonPatches: [{ op: 'replace', path: '/spec/template/spec/region', valueFrom: { variable: 'region' } }] }] },
    {
      name: 'workers',
      enabledIf: '{{ if .rootVolume }}true{{ end }}',
      definitions: [{
        target: 'workers/machine-template',
        workerClasses: ['general'],
        jsonPatches: [
          { op: 'replace', path: '/spec/template/spec/instanceType', valueFrom: { variable: 'workerInstanceType' } },
          { op: 'add', path: '/spec/template/spec/rootVolume', valueFrom: { variable: 'rootVolume' } },
          { op: 'add', path: '/spec/template/spec/rootVolume/encrypted', value: true },
        ],
      }],
    },
    {
      name: 'cluster-name-tag',
      definitions: [{ target: 'control-plane', jsonPatches: [{ op: 'add', path: '/spec/template/spec/kubeadmConfigSpec/files', valueFrom: { template: '[{"path": "/etc/cluster-name", "content": "{{ .builtin.cluster.name }}"}]' } }] }],
    },
  ],
  kubernetesVersions: ['v1.33.6', 'v1.34.1'],
};
