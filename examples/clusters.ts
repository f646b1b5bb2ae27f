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

/**
 * An on-premise cluster on vSphere (CAPV, govmomi mode): three control-plane machines behind a
 * kube-vip virtual IP, credentials from a shared VSphereClusterIdentity, machines spread over
 * two deployment zones (see examples/vsphere.ts, which emits the shared objects once), a general
 * pool on DHCP and an autoscaled pool with addresses from an IPAM pool. Calico is its pod
 * network; the vSphere cloud controller manager is a provider default, its vCenter credentials
 * delivered from the management-cluster Secret `cloud-provider-vsphere-credentials` (README,
 * Add-ons) and its search narrowed to the cluster's datacenter.
 */
export const vsphereCluster: ClusterChartProps = {
  name: 'onprem-1',
  namespace: 'clusters',
  version: 'v1.34.1',
  infrastructure: {
    vsphere: {
      server: 'vcenter.example.com',
      thumbprint: '5A:3B:71:0C:9E:44:12:8D:F0:6B:2A:91:C3:77:E5:08:1D:BA:4F:66',
      identity: { kind: 'VSphereClusterIdentity', name: 'platform' },
      controlPlaneEndpoint: { kubeVip: { address: '10.20.0.10' } },
      deploymentZones: ['zone-a', 'zone-b'],
      template: 'ubuntu-2404-kube-v1.34.1',
      datacenter: 'dc-1',
      storagePolicyName: 'k8s-gold',
      folder: 'kubernetes/onprem-1',
      network: { devices: [{ networkName: 'k8s-nodes' }] },
    },
  },
  controlPlane: {
    replicas: 3,
    machine: { vsphere: { numCPUs: 4, memoryMiB: 8192, diskGiB: 40 } },
  },
  workerPools: [
    {
      name: 'general',
      replicas: 3,
      failureDomain: 'zone-a',
      machine: { vsphere: { numCPUs: 8, memoryMiB: 32768, diskGiB: 100 } },
      nodeLabels: { 'node-role.kubernetes.io/worker': '' },
    },
    {
      // vSphere machine templates report no capacity: a pool that may scale from zero says
      // what one machine has, so cluster-autoscaler can plan the first node.
      name: 'batch',
      failureDomain: 'zone-b',
      autoscaling: { min: 0, max: 5, capacity: { cpu: '8', memory: '32Gi' } },
      machine: {
        vsphere: {
          numCPUs: 8,
          memoryMiB: 32768,
          network: { devices: [{ networkName: 'k8s-batch', addressesFromPools: [{ apiGroup: 'ipam.cluster.x-k8s.io', kind: 'InClusterIPPool', name: 'batch-nodes' }], nameservers: ['10.20.0.2'] }] },
        },
      },
      taints: [{ key: 'example.com/batch', value: 'true', effect: 'NoSchedule' }],
    },
  ],
  addons: [
    { name: 'cni', kind: 'cni', plugin: 'calico' },
    { name: 'cloud-controller-manager', kind: 'cloud-controller-manager', values: { config: { datacenter: 'dc-1' } } },
  ],
};

/**
 * A production-shaped cluster on Azure (CAPZ): three control-plane machines behind an internal
 * API server load balancer in an existing virtual network, a general pool spread over the
 * location's three availability zones, and a Spot pool that may scale to zero (CAPZ reports
 * the VM size's cpu and memory). The machines run the cloud controller manager's identity
 * (a user-assigned managed identity), as CAPZ's default template does on the control plane.
 * `examples/azure.ts` renders it with its AzureClusterIdentity.
 */
export const azureCluster: ClusterChartProps = {
  name: 'prod-weu-1',
  namespace: 'clusters',
  version: 'v1.34.1',
  labels: { 'example.com/environment': 'production' },
  // Cilium (VXLAN) as the pod network: Azure's network carries no IP-in-IP, which the Calico
  // chart's IPv4 pools use (CAPZ's own Calico runs VXLAN). The cloud controller manager and the
  // Azure Disk CSI driver are the provider's defaults.
  addons: [{ name: 'cni', kind: 'cni', plugin: 'cilium' }],
  infrastructure: {
    azure: {
      subscriptionId: '3f2c1b0a-9d8e-4c7b-a6f5-e4d3c2b1a098',
      location: 'westeurope',
      resourceGroup: 'prod-weu-1',
      identity: { name: 'platform' },
      network: {
        vnet: { name: 'platform-vnet', resourceGroup: 'platform-network', cidrBlocks: ['10.20.0.0/16'] },
        controlPlaneSubnet: { name: 'prod-weu-1-control-plane', cidrBlocks: ['10.20.0.0/24'] },
        nodeSubnet: { name: 'prod-weu-1-nodes', cidrBlocks: ['10.20.16.0/20'] },
      },
      apiServerLoadBalancer: { type: 'Internal', privateIp: '10.20.0.10' },
      // Azure tag names cannot hold '/'.
      additionalTags: { 'cost-center': 'platform' },
    },
  },
  controlPlane: {
    replicas: 3,
    machine: {
      azure: {
        vmSize: 'Standard_D4s_v5',
        osDisk: { sizeGiB: 128, storageAccountType: 'Premium_LRS' },
        sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFPMxIqEzjvvHdzDx1fDxinm3pgMNoHTPYqcD4PbCngv ops@example',
        identity: 'UserAssigned',
        userAssignedIdentities: ['/subscriptions/3f2c1b0a-9d8e-4c7b-a6f5-e4d3c2b1a098/resourceGroups/platform-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/cloud-provider'],
      },
    },
  },
  workerPools: [
    {
      name: 'general',
      failureDomains: ['1', '2', '3'],
      autoscaling: { min: 3, max: 12 },
      machine: { azure: { vmSize: 'Standard_D8s_v5', dataDisks: [{ nameSuffix: 'containerd', sizeGiB: 256, lun: 0, storageAccountType: 'Premium_LRS' }] } },
      nodeLabels: { 'node-role.kubernetes.io/worker': '' },
    },
    {
      name: 'spot',
      autoscaling: { min: 0, max: 20 },
      machine: { azure: { vmSize: 'Standard_F8s_v2', spot: { maxPrice: '-1', evictionPolicy: 'Delete' } } },
      taints: [{ key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: 'NoSchedule' }],
    },
  ],
};
