import { ClusterEntry, Inventory, LayerEntry } from '../lib';

/**
 * A deterministic inventory for the fleet benchmark: 3 environments, 11 customers, 3 sites and
 * 2 providers (aws, dev) set most of each cluster, the cluster itself a pool size and, for a
 * tenth of them, an extra pool. The same size always gives the same inventory.
 */
export function fleetInventory(size: number): Inventory {
  const environments = ['dev', 'staging', 'prod'];
  const customers = Array.from({ length: 11 }, (_, i) => `customer-${i}`);
  const sites = [{ name: 'euw1', region: 'eu-west-1' }, { name: 'use2', region: 'us-east-2' }, { name: 'apse1', region: 'ap-southeast-1' }];
  const entries: LayerEntry[] = [
    ...environments.map((env, i): LayerEntry => ({
      layer: 'environment', name: env, source: `inventory/environments/${env}.yaml`,
      spec: {
        version: ['v1.33.4', 'v1.34.2', 'v1.35.0'][i],
        labels: { 'example.com/env': env },
        controlPlane: { replicas: env === 'dev' ? 1 : 3, apiServerExtraArgs: { 'audit-log-maxage': '30' }, healthCheck: { nodeStartupTimeoutSeconds: 1200 } },
        workerPools: ['general', 'compute', 'system'].map((pool, p) => ({
          name: pool,
          ...(p === 1 ? { autoscaling: { min: 1, max: 5 } } : { replicas: 2 }),
          nodeLabels: { 'node-role.kubernetes.io/worker': '', 'example.com/pool': pool, 'example.com/env': env },
          rollout: { maxSurge: 1, maxUnavailable: 0 },
          healthCheck: { nodeStartupTimeoutSeconds: 900, maxUnhealthy: '40%' },
          preKubeadmCommands: ['echo "preparing node"'],
          ...(pool === 'system' ? { taints: [{ key: 'example.com/system', value: 'true', effect: 'NoSchedule' as const }] } : {}),
        })),
      },
      rollouts: [{ waves: ['canary'], spec: { controlPlane: { apiServerExtraArgs: { 'audit-log-maxage': '60' } } } }],
    })),
    ...customers.map((c, i): LayerEntry => ({
      layer: 'customer', name: c, source: `inventory/customers/${c}.yaml`,
      spec: { namespace: `team-${i % 5}`, labels: { 'example.com/customer': c }, annotations: { 'example.com/owner': `team-${i % 5}@example.com` } },
    })),
    ...sites.map((s): LayerEntry => ({
      layer: 'site', name: s.name, source: `inventory/sites/${s.name}.yaml`,
      spec: { labels: { 'example.com/site': s.name }, infrastructure: { aws: { region: s.region, sshKeyName: 'ops', network: { managed: { vpcCidr: '10.0.0.0/16', availabilityZoneCount: 3 } } } } },
    })),
    {
      layer: 'provider', name: 'aws', source: 'inventory/providers/aws.yaml',
      spec: {
        controlPlane: { machine: { aws: { instanceType: 't3.large' } } },
        workerPools: ['general', 'compute', 'system'].map((pool, p) => ({ name: pool, $ifInherited: true, machine: { aws: { instanceType: ['t3.large', 'm6i.xlarge', 'c6i.2xlarge'][p], rootVolume: { sizeGiB: 50 + 10 * p, type: 'gp3' } } } })),
      },
    },
    { layer: 'provider', name: 'dev', source: 'inventory/providers/dev.yaml', spec: { infrastructure: { dev: {} } } },
  ];
  const clusters: ClusterEntry[] = [];
  for (let i = 0; i < size; i++) {
    const aws = i % 2 === 0;
    const name = `fleet-${String(i).padStart(4, '0')}`;
    clusters.push({
      name, source: `inventory/clusters/${name}.yaml`,
      layers: { environment: environments[i % 3], customer: customers[i % 11], ...(aws ? { site: sites[i % 3].name } : {}), provider: aws ? 'aws' : 'dev' },
      ...(i % 20 === 0 ? { wave: 'canary' } : {}),
      spec: {
        workerPools: [
          { name: 'general', replicas: 2 + (i % 4) },
          ...(i % 10 === 0 ? [{ name: 'gpu', replicas: 1, ...(aws ? { machine: { aws: { instanceType: 'g5.xlarge' } } } : {}) }] : []),
        ],
      },
    });
  }
  return { waves: ['canary'], entries, clusters };
}
