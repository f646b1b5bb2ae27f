/**
 * How CapaNetwork lays out a VPC's subnets: one private and one public subnet per availability
 * zone, stable when zones are added. Pure; the CIDR arithmetic is the support library's.
 */
import { requireCidr, subnetCidr } from '../../support/cidr';

/** Subnet CIDRs per availability zone, index-aligned with the zones. */
export interface SubnetCidrPlan {
  readonly private: readonly string[];
  readonly public: readonly string[];
}

/**
 * Carves one private and one public subnet per availability zone out of a VPC CIDR, deterministically
 * and stably: the VPC is split into equal blocks of `subnetPrefixLength`; private subnets take blocks
 * 0, 1, 2, ... from the lower half and public subnets the same positions in the upper half. Adding a
 * zone later adds subnets without moving the existing ones. For `10.0.0.0/16`, /20 and 3 zones:
 * private `10.0.0.0/20`, `10.0.16.0/20`, `10.0.32.0/20`; public `10.0.128.0/20`, `10.0.144.0/20`,
 * `10.0.160.0/20`. Throws when the layout does not fit; {@link subnetPlanProblem} says why first.
 */
export function planSubnetCidrs(vpcCidr: string, zoneCount: number, subnetPrefixLength: number): SubnetCidrPlan {
  const problem = subnetPlanProblem(vpcCidr, zoneCount, subnetPrefixLength);
  if (problem) throw new Error(problem);
  const newBits = subnetPrefixLength - requireCidr(vpcCidr).prefix;
  const half = 2 ** (newBits - 1);
  const zones = [...Array(zoneCount).keys()];
  return {
    private: zones.map(i => subnetCidr(vpcCidr, newBits, i)),
    public: zones.map(i => subnetCidr(vpcCidr, newBits, half + i)),
  };
}

/** Largest subnet prefix AWS allows (a /28 holds 16 addresses, 11 usable). */
export const AWS_SMALLEST_SUBNET_PREFIX = 28;

/**
 * Why {@link planSubnetCidrs} cannot lay out these subnets, or undefined when it can. Assumes a
 * valid VPC CIDR (check {@link cidrProblem} first).
 */
export function subnetPlanProblem(vpcCidr: string, zoneCount: number, subnetPrefixLength: number): string | undefined {
  const vpcPrefix = requireCidr(vpcCidr).prefix;
  if (!Number.isInteger(subnetPrefixLength) || subnetPrefixLength <= vpcPrefix || subnetPrefixLength > AWS_SMALLEST_SUBNET_PREFIX) {
    return `subnet prefix length ${JSON.stringify(subnetPrefixLength)} does not fit VPC ${vpcCidr}: it must be an integer from ` +
      `${vpcPrefix + 1} to ${AWS_SMALLEST_SUBNET_PREFIX} (AWS's smallest subnet is /${AWS_SMALLEST_SUBNET_PREFIX})`;
  }
  const perHalf = 2 ** (subnetPrefixLength - vpcPrefix - 1);
  if (zoneCount > perHalf) {
    return `${zoneCount} availability zones need ${zoneCount} private and ${zoneCount} public /${subnetPrefixLength} subnets, ` +
      `but each half of ${vpcCidr} holds only ${perHalf}; use a longer subnet prefix (e.g. /${subnetPrefixLength + 1}), ` +
      'a larger VPC CIDR or fewer zones';
  }
  return undefined;
}
