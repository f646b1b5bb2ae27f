import { ManagedClusterSpec, WorkerPoolSpec } from '../lib';

/**
 * A deterministic fleet for the benchmarks: every cluster has a control plane, three worker
 * pools and health checks; even clusters run on AWS, odd ones on the Dev provider. The same
 * size always gives the same specs (no randomness beyond the index), so runs are comparable.
 */
export function fleetSpecs(size: number): ManagedClusterSpec[] {
  const specs: ManagedClusterSpec[] = [];
  for (let i = 0; i < size; i++) specs.push(clusterSpec(i));
  return specs;
}

const VERSIONS = ['v1.33.4', 'v1.34.2', 'v1.35.0'];
const REGIONS = ['eu-west-1', 'us-east-2', 'ap-southeast-1'];
const INSTANCE_TYPES = ['t3.large', 'm6i.xlarge', 'c6i.2xlarge'];

export function clusterSpec(i: number): ManagedClusterSpec {
  const name = `fleet-${String(i).padStart(4, '0')}`;
  const aws = i % 2 === 0;
  const version = VERSIONS[i % VERSIONS.length];
  const env = ['dev', 'staging', 'prod'][i % 3];
  const pools: WorkerPoolSpec[] = ['general', 'compute', 'system'].map((pool, p) => ({
    name: pool,
    ...(p === 1 ? { autoscaling: { min: 1, max: 5 + (i % 10) } } : { replicas: 2 + ((i + p) % 4) }),
    machine: aws
      ? { aws: { instanceType: INSTANCE_TYPES[(i + p) % INSTANCE_TYPES.length], rootVolume: { sizeGiB: 50 + 10 * p, type: 'gp3' } } }
      : { dev: { preLoadImages: [`registry.example.com/app:${i % 7}`] } },
    nodeLabels: { 'node-role.kubernetes.io/worker': '', 'example.com/pool': pool, 'example.com/env': env },
    taints: pool === 'system' ? [{ key: 'example.com/system', value: 'true', effect: 'NoSchedule' }] : undefined,
    rollout: { maxSurge: 1, maxUnavailable: 0 },
    healthCheck: { nodeStartupTimeoutSeconds: 900, maxUnhealthy: '40%' },
    files: [{ path: '/etc/example/pool.conf', content: `pool=${pool}\ncluster=${name}\n`, permissions: '0644' }],
    preKubeadmCommands: ['echo "preparing node"'],
  }));
  return {
    name,
    namespace: `team-${i % 5}`,
    labels: { 'example.com/env': env, 'example.com/customer': `customer-${i % 11}` },
    annotations: { 'example.com/owner': `team-${i % 5}@example.com` },
    version,
    infrastructure: aws
      ? { aws: { region: REGIONS[i % REGIONS.length], sshKeyName: 'ops', network: { managed: { vpcCidr: '10.0.0.0/16', availabilityZoneCount: 3 } } } }
      : { dev: {} },
    controlPlane: {
      replicas: i % 4 === 0 ? 1 : 3,
      machine: aws ? { aws: { instanceType: 't3.large' } } : undefined,
      apiServerExtraArgs: { 'audit-log-maxage': '30' },
      healthCheck: { nodeStartupTimeoutSeconds: 1200 },
      files: [{ path: '/etc/kubernetes/audit-policy.yaml', content: 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n', permissions: '0600' }],
    },
    workerPools: pools,
  };
}
