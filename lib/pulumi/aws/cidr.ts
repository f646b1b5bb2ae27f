/**
 * Small, pure IPv4 CIDR helpers for planning a VPC's subnets. No Pulumi imports.
 */

/** An IPv4 network: its first address as an unsigned 32-bit number, and its prefix length. */
export interface Ipv4Cidr {
  readonly address: number;
  readonly prefixLength: number;
}

const CIDR_SYNTAX = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function mask(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

function formatAddress(address: number): string {
  return [24, 16, 8, 0].map(shift => (address >>> shift) & 0xff).join('.');
}

/** Formats a CIDR as `a.b.c.d/n`. */
export function formatCidr(cidr: Ipv4Cidr): string {
  return `${formatAddress(cidr.address)}/${cidr.prefixLength}`;
}

/**
 * What is wrong with a CIDR string, or undefined when it is a valid IPv4 network. The text names the
 * value, the expected form and, for host bits set, the network that was probably meant.
 */
export function cidrProblem(text: string): string | undefined {
  const m = typeof text === 'string' ? CIDR_SYNTAX.exec(text) : null;
  if (!m) return `${JSON.stringify(text)} is not an IPv4 CIDR; write it as a.b.c.d/n, e.g. "10.0.0.0/16"`;
  const octets = m.slice(1, 5).map(Number);
  const prefixLength = Number(m[5]);
  if (octets.some(o => o > 255) || m.slice(1, 5).some(o => o.length > 1 && o.startsWith('0'))) {
    return `${JSON.stringify(text)} is not an IPv4 CIDR: each of the four numbers must be 0-255 without leading zeros`;
  }
  if (prefixLength > 32) return `${JSON.stringify(text)} has prefix length /${prefixLength}; an IPv4 prefix is /0 to /32`;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const network = (address & mask(prefixLength)) >>> 0;
  if (network !== address) {
    const meant = formatCidr({ address: network, prefixLength });
    return `${JSON.stringify(text)} has bits set after its /${prefixLength} prefix; did you mean "${meant}"?`;
  }
  return undefined;
}

/** Parses a CIDR; throws an Error with {@link cidrProblem}'s text when it is not valid. */
export function parseCidr(text: string): Ipv4Cidr {
  const problem = cidrProblem(text);
  if (problem) throw new Error(problem);
  const m = CIDR_SYNTAX.exec(text)!;
  const address = m.slice(1, 5).map(Number).reduce((acc, o) => acc * 256 + o, 0);
  return { address, prefixLength: Number(m[5]) };
}

/**
 * The `index`-th subnet of `parent` that is `newBits` longer (Terraform's `cidrsubnet`): for
 * `10.0.0.0/16`, 4 new bits and index 2 that is `10.0.32.0/20`.
 */
export function subnetCidr(parent: string, newBits: number, index: number): string {
  const p = parseCidr(parent);
  const prefixLength = p.prefixLength + newBits;
  if (!Number.isInteger(newBits) || newBits < 0 || prefixLength > 32) {
    throw new Error(`cannot add ${newBits} bits to /${p.prefixLength}: the result must be /${p.prefixLength} to /32`);
  }
  const count = 2 ** newBits;
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`subnet index ${index} is out of range: ${parent} holds ${count} subnets of /${prefixLength} (0 to ${count - 1})`);
  }
  return formatCidr({ address: p.address + index * 2 ** (32 - prefixLength), prefixLength });
}

/** True when `inner` lies entirely within `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return i.prefixLength >= o.prefixLength && ((i.address & mask(o.prefixLength)) >>> 0) === o.address;
}

/** True when the two networks share at least one address. */
export function cidrsOverlap(a: string, b: string): boolean {
  return cidrContains(a, b) || cidrContains(b, a);
}

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
  const newBits = subnetPrefixLength - parseCidr(vpcCidr).prefixLength;
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
  const vpcPrefix = parseCidr(vpcCidr).prefixLength;
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
