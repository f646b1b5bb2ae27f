import * as fc from 'fast-check';
import {
  cidrContains,
  cidrProblem,
  cidrsOverlap,
  formatCidr,
  parseCidr,
  planSubnetCidrs,
  subnetCidr,
  subnetPlanProblem,
} from '../../../lib/pulumi/aws/cidr';

describe('cidrProblem / parseCidr', () => {
  test('accepts networks and round-trips them', () => {
    for (const c of ['10.0.0.0/16', '0.0.0.0/0', '192.168.10.128/25', '255.255.255.255/32', '172.16.0.0/12']) {
      expect(cidrProblem(c)).toBeUndefined();
      expect(formatCidr(parseCidr(c))).toBe(c);
    }
  });

  test('reports host bits set and suggests the network', () => {
    expect(cidrProblem('10.0.1.0/16')).toBe('"10.0.1.0/16" has bits set after its /16 prefix; did you mean "10.0.0.0/16"?');
  });

  test('reports malformed text, octets and prefixes', () => {
    expect(cidrProblem('10.0.0.0')).toContain('is not an IPv4 CIDR; write it as a.b.c.d/n');
    expect(cidrProblem('10.0.0.256/24')).toContain('each of the four numbers must be 0-255');
    expect(cidrProblem('10.00.0.0/16')).toContain('without leading zeros');
    expect(cidrProblem('10.0.0.0/33')).toContain('has prefix length /33');
  });

  test('throws when parsing an invalid CIDR', () => {
    expect(() => parseCidr('nope')).toThrow('"nope" is not an IPv4 CIDR');
  });
});

describe('subnetCidr, cidrContains, cidrsOverlap', () => {
  test('carves like Terraform cidrsubnet', () => {
    expect(subnetCidr('10.0.0.0/16', 4, 0)).toBe('10.0.0.0/20');
    expect(subnetCidr('10.0.0.0/16', 4, 2)).toBe('10.0.32.0/20');
    expect(subnetCidr('10.0.0.0/16', 4, 15)).toBe('10.0.240.0/20');
    expect(subnetCidr('192.168.0.0/24', 4, 1)).toBe('192.168.0.16/28');
    expect(subnetCidr('255.255.255.0/24', 8, 255)).toBe('255.255.255.255/32');
  });

  test('throws when the index or the new bits do not fit', () => {
    expect(() => subnetCidr('10.0.0.0/16', 4, 16)).toThrow('subnet index 16 is out of range: 10.0.0.0/16 holds 16 subnets of /20 (0 to 15)');
    expect(() => subnetCidr('10.0.0.0/30', 3, 0)).toThrow('cannot add 3 bits to /30');
  });

  test('tells containment and overlap', () => {
    expect(cidrContains('10.0.0.0/16', '10.0.32.0/20')).toBe(true);
    expect(cidrContains('10.0.0.0/16', '10.1.0.0/20')).toBe(false);
    expect(cidrContains('10.0.32.0/20', '10.0.0.0/16')).toBe(false);
    expect(cidrContains('0.0.0.0/0', '200.1.2.0/24')).toBe(true);
    expect(cidrsOverlap('10.0.32.0/20', '10.0.0.0/16')).toBe(true);
    expect(cidrsOverlap('10.0.0.0/20', '10.0.16.0/20')).toBe(false);
  });
});

describe('planSubnetCidrs', () => {
  test('puts private subnets in the lower half and public ones at the same positions in the upper half', () => {
    expect(planSubnetCidrs('10.0.0.0/16', 3, 20)).toEqual({
      private: ['10.0.0.0/20', '10.0.16.0/20', '10.0.32.0/20'],
      public: ['10.0.128.0/20', '10.0.144.0/20', '10.0.160.0/20'],
    });
  });

  test('keeps existing subnets when a zone is added', () => {
    const three = planSubnetCidrs('10.20.0.0/16', 3, 20);
    const four = planSubnetCidrs('10.20.0.0/16', 4, 20);
    expect(four.private.slice(0, 3)).toEqual(three.private);
    expect(four.public.slice(0, 3)).toEqual(three.public);
  });

  test('every planned subnet lies in the VPC and none overlap (property)', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 16, max: 27 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 8 }),
      (seed, vpcPrefix, extraBits, zones) => {
        const vpc = formatCidr({ address: Number((BigInt(seed) >> BigInt(32 - vpcPrefix)) << BigInt(32 - vpcPrefix)), prefixLength: vpcPrefix });
        const subnetPrefix = Math.min(vpcPrefix + extraBits, 28);
        if (subnetPlanProblem(vpc, zones, subnetPrefix)) return;
        const plan = planSubnetCidrs(vpc, zones, subnetPrefix);
        const all = [...plan.private, ...plan.public];
        expect(all).toHaveLength(2 * zones);
        for (const s of all) expect(cidrContains(vpc, s)).toBe(true);
        for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(cidrsOverlap(all[i], all[j])).toBe(false);
      },
    ));
  });

  test('throws when the zones do not fit or the prefix is out of range', () => {
    expect(() => planSubnetCidrs('10.0.0.0/16', 9, 20)).toThrow(
      '9 availability zones need 9 private and 9 public /20 subnets, but each half of 10.0.0.0/16 holds only 8; use a longer subnet prefix (e.g. /21)');
    expect(subnetPlanProblem('10.0.0.0/16', 1, 16)).toContain('it must be an integer from 17 to 28');
    expect(subnetPlanProblem('10.0.0.0/24', 1, 29)).toContain("AWS's smallest subnet is /28");
  });
});
