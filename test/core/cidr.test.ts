import { cidrsOverlap, parseCidr } from '../../lib';

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
