import { cidrContains, cidrProblem, cidrsOverlap, formatCidr, parseCidr, requireCidr, subnetCidr } from '../../lib/support/cidr';

test('parses IPv4 and IPv6 blocks', () => {
  expect(parseCidr('10.0.0.0/16')).toMatchObject({ family: 'ipv4', prefix: 16 });
  expect(parseCidr('fd00:10::/56')).toMatchObject({ family: 'ipv6', prefix: 56 });
  expect(parseCidr('::/0')).toMatchObject({ family: 'ipv6', prefix: 0 });
});

test('rejects malformed blocks and set host bits', () => {
  for (const bad of ['10.0.0.0', '10.0.0.1/16', '256.0.0.0/8', '10.0.0.0/33', 'fd00::1::/64', 'a.b.c.d/8', '01.0.0.0/8']) {
    expect(parseCidr(bad)).toBeUndefined();
  }
});

test('detects overlap only within a family', () => {
  const p = (s: string) => parseCidr(s)!;
  expect(cidrsOverlap(p('10.0.0.0/8'), p('10.128.0.0/12'))).toBe(true);
  expect(cidrsOverlap(p('192.168.0.0/16'), p('10.128.0.0/12'))).toBe(false);
  expect(cidrsOverlap(p('10.0.0.0/16'), p('10.1.0.0/16'))).toBe(false);
  expect(cidrsOverlap(p('fd00::/8'), p('10.0.0.0/8'))).toBe(false);
});

describe('cidrProblem / parseCidr', () => {
  test('accepts networks and round-trips them', () => {
    for (const c of ['10.0.0.0/16', '0.0.0.0/0', '192.168.10.128/25', '255.255.255.255/32', '172.16.0.0/12']) {
      expect(cidrProblem(c, 'ipv4')).toBeUndefined();
      expect(formatCidr(requireCidr(c))).toBe(c);
    }
  });

  test('reports host bits set and suggests the network', () => {
    expect(cidrProblem('10.0.1.0/16', 'ipv4')).toBe('"10.0.1.0/16" has bits set after its /16 prefix; did you mean "10.0.0.0/16"?');
  });

  test('reports malformed text, octets and prefixes', () => {
    expect(cidrProblem('10.0.0.0', 'ipv4')).toContain('is not an IPv4 CIDR; write it as a.b.c.d/n');
    expect(cidrProblem('10.0.0.256/24', 'ipv4')).toContain('each of the four numbers must be 0-255');
    expect(cidrProblem('10.00.0.0/16', 'ipv4')).toContain('without leading zeros');
    expect(cidrProblem('10.0.0.0/33', 'ipv4')).toContain('has prefix length /33');
  });

  test('throws when parsing an invalid CIDR', () => {
    expect(() => requireCidr('nope', 'ipv4')).toThrow('"nope" is not an IPv4 CIDR');
    expect(parseCidr('nope')).toBeUndefined();
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

describe('IPv6', () => {
  test('formats compressed and carves subnets', () => {
    expect(formatCidr(requireCidr('fd00:0:0:0:0:0:0:0/56'))).toBe('fd00::/56');
    expect(subnetCidr('fd00::/56', 8, 1)).toBe('fd00:0:0:1::/64');
    expect(cidrContains('fd00::/56', 'fd00:0:0:ff::/64')).toBe(true);
    expect(cidrProblem('fd00::1/64')).toBe('"fd00::1/64" has bits set after its /64 prefix; did you mean "fd00::/64"?');
  });
});
