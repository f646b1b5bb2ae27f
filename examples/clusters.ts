import { ClusterChartProps } from '../lib/cdk8s';

/**
 * A local development cluster on CAPD's Dev provider (docker backend): needs no cloud account.
 * One control-plane machine, two workers, a tainted pool for batch jobs, and Cilium as the pod
 * network (installed by CAAPH's HelmChartProxy `cni` in the `addons-dev` folder).
 */
export const devCluster: ClusterChartProps = {
  name: 'dev-local',
  namespace: 'dev',
  version: 'v1.34.1',
  infrastructure: { dev: {} },
  addons: [{ name: 'cni', kind: 'cni', plugin: 'cilium' }],
  controlPlane: {
    replicas: 1,
    // An empty list removes kubeadm's control-plane taint, so workloads may run there too.
    taints: [],
  },
  workerPools: [
    { name: 'general', replicas: 2, nodeLabels: { 'node-role.kubernetes.io/worker': '' } },
    {
      name: 'batch',
      autoscaling: { min: 0, max: 3 },
      nodeLabels: { 'example.com/workload': 'batch' },
      taints: [{ key: 'example.com/batch', value: 'true', effect: 'NoSchedule' }],
    },
  ],
};

/**
 * A production-shaped cluster on AWS (CAPA): three control-plane machines, an internal API
 * load balancer in a CAPA-managed VPC, a general pool, an autoscaled GPU pool with an
 * opt-in health check, and a web pool spread over the region's three availability zones that
 * may scale to zero in each. Add-ons: Calico as the pod network (CAPA's default security groups
 * allow its BGP and IP-in-IP traffic), the AWS cloud controller manager and EBS CSI driver (on by
 * default for AWS; the CSI driver's values adjusted here), and a default gp3 StorageClass
 * applied by a ClusterResourceSet.
 */
export const awsCluster: ClusterChartProps = {
  name: 'prod-eu-1',
  namespace: 'clusters',
  version: 'v1.34.1',
  labels: { 'example.com/environment': 'production' },
  infrastructure: {
    aws: {
      region: 'eu-west-1',
      sshKeyName: 'platform-ops',
      network: { managed: { vpcCidr: '10.0.0.0/16', availabilityZoneCount: 3 } },
      controlPlaneLoadBalancer: { type: 'nlb', scheme: 'internal' },
      additionalTags: { 'example.com/cost-center': 'platform' },
    },
  },
  addons: [
    { name: 'cni', kind: 'cni', plugin: 'calico' },
    { name: 'csi', kind: 'csi', values: { controller: { replicaCount: 2 } } },
    {
      name: 'storage-classes',
      kind: 'manifests',
      // Reconcile: a change here is applied again (ApplyOnce would apply it once, never again).
      strategy: 'Reconcile',
      content: [
        'apiVersion: storage.k8s.io/v1',
        'kind: StorageClass',
        'metadata:',
        '  name: gp3',
        '  annotations:',
        '    storageclass.kubernetes.io/is-default-class: "true"',
        'provisioner: ebs.csi.aws.com',
        'volumeBindingMode: WaitForFirstConsumer',
        'parameters:',
        '  type: gp3',
        '',
      ].join('\n'),
    },
  ],
  controlPlane: {
    replicas: 3,
    machine: { aws: { instanceType: 'm6i.large', rootVolume: { sizeGiB: 80, type: 'gp3' } } },
    // An audit policy written with `files` and mounted into the API server pod: without the
    // extraVolumes entry, kube-apiserver cannot see the file and does not start.
    files: [{
      path: '/etc/kubernetes/audit/policy.yaml',
      content: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n',
      permissions: '0600',
    }],
    apiServerExtraArgs: {
      'audit-policy-file': '/etc/kubernetes/audit/policy.yaml',
      'audit-log-path': '/var/log/kubernetes/audit/audit.log',
      'audit-log-maxage': '30',
    },
    apiServerExtraVolumes: [
      { name: 'audit-policy', hostPath: '/etc/kubernetes/audit/policy.yaml', mountPath: '/etc/kubernetes/audit/policy.yaml', readOnly: true, pathType: 'File' },
      { name: 'audit-log', hostPath: '/var/log/kubernetes/audit', mountPath: '/var/log/kubernetes/audit', pathType: 'DirectoryOrCreate' },
    ],
    etcd: { extraArgs: { 'quota-backend-bytes': '8589934592' } },
    nodeLabels: { 'node.cluster.x-k8s.io/tier': 'control-plane', 'example.com/tier': 'control-plane' },
    machineNaming: { template: '{{ .cluster.name }}-cp-{{ .random }}' },
    rollout: { certificatesExpiryDays: 21 },
  },
  workerPools: [
    {
      name: 'general',
      replicas: 3,
      machine: { aws: { instanceType: 'm6i.xlarge', rootVolume: { sizeGiB: 100, type: 'gp3' } } },
      nodeLabels: { 'node-role.kubernetes.io/worker': '' },
      rollout: { maxSurge: 1, maxUnavailable: 0 },
      deletion: { nodeDrainTimeoutSeconds: 600 },
    },
    {
      name: 'gpu',
      autoscaling: { min: 1, max: 6 },
      machine: { aws: { instanceType: 'g5.xlarge', rootVolume: { sizeGiB: 200, type: 'gp3' } } },
      nodeLabels: { 'example.com/accelerator': 'nvidia' },
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
      // example.com/GPUHealthy stands for a condition a GPU health controller sets on the Machine.
      healthCheck: { maxUnhealthy: '40%', unhealthyMachineConditions: [{ type: 'example.com/GPUHealthy', status: 'False', timeoutSeconds: 300 }] },
      machineNaming: { template: '{{ .machineSet.name }}-{{ .random }}' },
    },
    {
      // One MachineDeployment per zone (prod-eu-1-web-eu-west-1a, ...), min 2 / max 9 split
      // [1, 1, 0] / [3, 3, 3]: the third zone may sit at zero, so its MachineDeployment carries
      // the autoscaler's capacity annotations (CAPA reports cpu and memory itself).
      name: 'web',
      failureDomains: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      autoscaling: { min: 2, max: 9, capacity: { maxPods: 58 } },
      machine: { aws: { instanceType: 'm6i.large' } },
      nodeLabels: { 'example.com/tier': 'web' },
      taints: [{ key: 'example.com/tier', value: 'web', effect: 'PreferNoSchedule' }],
      healthCheck: {},
    },
  ],
};
