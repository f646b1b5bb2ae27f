import * as fc from 'fast-check';
import { cidrContains, cidrsOverlap, formatCidr } from '../../../lib/support/cidr';
import { planSubnetCidrs, subnetPlanProblem } from '../../../lib/pulumi/aws/subnet-plan';

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
        const vpc = formatCidr({ family: 'ipv4', network: (BigInt(seed) >> BigInt(32 - vpcPrefix)) << BigInt(32 - vpcPrefix), prefix: vpcPrefix });
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
