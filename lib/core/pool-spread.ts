/**
 * How a worker pool becomes MachineDeployments: one for a pool without `failureDomains`, one per
 * domain for a spread pool, with their names, override roles and share of the pool's size.
 * Shared by validation (names), rendering and the engines (one handle per domain).
 */
import { createHash } from 'crypto';
import { WorkerPoolSpec } from './spec';

/** One MachineDeployment of a pool. */
export interface PoolDeployment {
  /** The failure domain of a spread pool's MachineDeployment; undefined for an unspread pool. */
  readonly domain?: string;
  /** The MachineDeployment's name. */
  readonly name: string;
  /** Its override role: `pool/<pool>/machine-deployment`, or `pool/<pool>/machine-deployment/<domain>` when spread. */
  readonly role: string;
  /** Its fixed size; undefined when autoscaled. */
  readonly replicas?: number;
  /** Its share of the autoscaling bounds; undefined when not autoscaled. */
  readonly autoscaling?: { readonly min: number; readonly max: number };
}

/** Domains used as they are in names: a DNS label piece (AWS zones, Dev names). */
const NAME_SAFE_DOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The suffix of a domain's MachineDeployment name: the domain itself when it is lowercase
 * letters, digits and '-', else `fd-` and 8 hex characters of its SHA-256. Only the domain goes
 * in, never its position, so adding or reordering domains keeps every name.
 */
export function domainNameSuffix(domain: string): string {
  return NAME_SAFE_DOMAIN.test(domain) ? domain : `fd-${createHash('sha256').update(String(domain)).digest('hex').slice(0, 8)}`;
}

/**
 * Splits `total` into `parts` shares that differ by at most one, the larger ones first:
 * 7 over 3 is [3, 2, 2]. Deterministic, so a re-render yields the same sizes.
 */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, i) => base + (i < total % parts ? 1 : 0));
}

/** True when the pool is spread over failure domains (a non-empty `failureDomains`). */
export function isSpread(pool: WorkerPoolSpec): boolean {
  return Array.isArray(pool.failureDomains) && pool.failureDomains.length > 0;
}

/**
 * The MachineDeployments of a pool, in `failureDomains` order. Assumes a valid pool (validation
 * refuses duplicates and a `max` below the number of domains).
 */
export function poolDeployments(clusterName: string, pool: WorkerPoolSpec): PoolDeployment[] {
  const role = `pool/${pool.name}/machine-deployment`;
  if (!isSpread(pool)) {
    return [{
      name: pool.names?.machineDeployment ?? `${clusterName}-${pool.name}`,
      role,
      replicas: pool.autoscaling ? undefined : pool.replicas ?? 1,
      autoscaling: pool.autoscaling ? { min: pool.autoscaling.min, max: pool.autoscaling.max } : undefined,
    }];
  }
  const domains = pool.failureDomains!;
  const replicas = splitEvenly(pool.replicas ?? 1, domains.length);
  const mins = pool.autoscaling ? splitEvenly(pool.autoscaling.min, domains.length) : [];
  const maxs = pool.autoscaling ? splitEvenly(pool.autoscaling.max, domains.length) : [];
  return domains.map((domain, i) => ({
    domain,
    name: pool.names?.machineDeployments?.[domain] ?? `${clusterName}-${pool.name}-${domainNameSuffix(domain)}`,
    role: `${role}/${domain}`,
    replicas: pool.autoscaling ? undefined : replicas[i],
    autoscaling: pool.autoscaling ? { min: mins[i], max: maxs[i] } : undefined,
  }));
}
