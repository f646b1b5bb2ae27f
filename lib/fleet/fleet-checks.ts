/**
 * The checks that need more than one cluster: one name per namespace of a management cluster,
 * and no overlapping networks among clusters that share one.
 */
import { providerOf } from '../core/provider';
import { DEFAULT_POD_CIDRS, DEFAULT_SERVICE_CIDRS } from '../core/spec';
import { Cidr, parseCidr } from '../support/cidr';
import { originsOf, provenanceIndex } from './provenance';
import { FleetIssue, ResolvedCluster } from './types';

/** Every problem across the clusters, each attached to one cluster. */
export function fleetChecks(clusters: readonly ResolvedCluster[]): FleetIssue[] {
  return [...duplicateNames(clusters), ...networkOverlaps(clusters)];
}

/**
 * CAPI objects are namespaced: two clusters of one name in one namespace of one management
 * cluster would be the same objects. The same name under different management clusters is fine.
 */
function duplicateNames(clusters: readonly ResolvedCluster[]): FleetIssue[] {
  const seen = new Map<string, ResolvedCluster>();
  const issues: FleetIssue[] = [];
  for (const c of clusters) {
    const key = JSON.stringify([c.managementCluster ?? '', c.namespace, c.name]);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, c);
      continue;
    }
    const where = c.managementCluster ? `management cluster ${c.managementCluster}` : 'the management cluster';
    const firstSource = first.layers[first.layers.length - 1].source;
    issues.push({
      path: 'name', rule: 'duplicate-cluster', cluster: c.name, value: c.name,
      message: `another cluster of this name is in namespace ${c.namespace} of ${where}${firstSource ? ` (${firstSource})` : ''}: both would be the same objects`,
      fix: 'rename one of them, or put it in another namespace (spec.namespace)',
      origins: [c.layers[c.layers.length - 1]],
    });
  }
  return issues;
}

interface Block {
  readonly cluster: ResolvedCluster;
  readonly path: string;
  readonly what: string;
  readonly cidr: Cidr;
  readonly start: bigint;
  readonly end: bigint;
  /** True for the default network of a cluster that sets none. */
  readonly isDefault: boolean;
}

function blocksOf(c: ResolvedCluster): Block[] {
  const out: Block[] = [];
  const add = (path: string, what: string, text: unknown, isDefault: boolean) => {
    const cidr = typeof text === 'string' ? parseCidr(text) : undefined;
    // A malformed block is the cluster's own validation problem.
    if (!cidr) return;
    const bits = BigInt(cidr.family === 'ipv4' ? 32 : 128);
    const size = 1n << (bits - BigInt(cidr.prefix));
    out.push({ cluster: c, path, what, cidr, start: cidr.network, end: cidr.network + size - 1n, isDefault });
  };
  const net = c.spec.network;
  const lists = [
    { path: 'network.podCidrs', what: 'pod network', given: net?.podCidrs, defaults: DEFAULT_POD_CIDRS },
    { path: 'network.serviceCidrs', what: 'service network', given: net?.serviceCidrs, defaults: DEFAULT_SERVICE_CIDRS },
  ];
  for (const l of lists) {
    if (Array.isArray(l.given)) l.given.forEach((t, i) => add(`${l.path}[${i}]`, l.what, t, false));
    else l.defaults.forEach(t => add(l.path, `default ${l.what}`, t, true));
  }
  const infra = (c.spec.infrastructure ?? {}) as Record<string, unknown>;
  const provider = providerOf(infra);
  if (provider?.nodeNetworks) {
    // The provider says which node networks a section sets (AWS: the VPC, CAPA's default 10.0.0.0/16 when unmanaged).
    for (const n of provider.nodeNetworks(infra[provider.id] as never)) add(`infrastructure.${provider.id}.network`, n.description.replace(/^the /, ''), n.cidr, false);
  }
  return out;
}

/**
 * Clusters that share a network route each other's pod, service and node addresses: a block
 * of one that overlaps a block of another makes addresses ambiguous. Sorted by start address
 * and swept once, so a fleet of thousands stays fast; each block is reported with the first
 * block of another cluster it overlaps.
 */
function networkOverlaps(clusters: readonly ResolvedCluster[]): FleetIssue[] {
  const byNetwork = new Map<string, ResolvedCluster[]>();
  for (const c of clusters) {
    if (c.sharedNetwork === undefined) continue;
    const group = byNetwork.get(c.sharedNetwork) ?? [];
    group.push(c);
    byNetwork.set(c.sharedNetwork, group);
  }
  const issues: FleetIssue[] = [];
  for (const [network, group] of byNetwork) {
    if (group.length < 2) continue;
    for (const family of ['ipv4', 'ipv6'] as const) {
      const blocks = group.flatMap(blocksOf).filter(b => b.cidr.family === family).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      let active: Block[] = [];
      for (const b of blocks) {
        active = active.filter(a => a.end >= b.start);
        const other = active.find(a => a.cluster !== b.cluster);
        if (other) issues.push(overlapIssue(b, other, network));
        active.push(b);
      }
    }
  }
  return issues;
}

function overlapIssue(b: Block, other: Block, network: string): FleetIssue {
  const index = provenanceIndex(b.cluster.provenance);
  const origins = b.isDefault ? [] : originsOf(b.cluster, b.path, index);
  return {
    path: b.path, rule: 'cidr-overlap', cluster: b.cluster.name, value: b.cidr.text,
    message: `the ${b.what} ${b.cidr.text} overlaps the ${other.what} ${other.cidr.text} of cluster ${other.cluster.name} (${other.path}); both share the network ${network}`,
    fix: b.isDefault ? `set ${b.path} to a block of its own` : 'give each cluster on the shared network blocks of its own',
    ...(origins.length ? { origins } : {}),
  };
}
