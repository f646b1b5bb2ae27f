/**
 * The one CIDR library of the project: parsing (IPv4 and IPv6), overlap and containment, and
 * carving subnets. `parseCidr` never throws (it returns undefined); `cidrProblem` says what is
 * wrong in a sentence; `requireCidr` throws that sentence.
 */

/** A parsed CIDR block: network address as a bigint, prefix length and family. */
export interface Cidr {
  readonly family: 'ipv4' | 'ipv6';
  readonly network: bigint;
  readonly prefix: number;
  readonly text: string;
}

const BITS = { ipv4: 32, ipv6: 128 } as const;

/** Parses `10.0.0.0/16` or `fd00::/64`; undefined when malformed. Host bits must be zero. */
export function parseCidr(text: string): Cidr | undefined {
  const parsed = parseAddressAndPrefix(text);
  if (!parsed || !hostBitsZero(parsed.network, BITS[parsed.family], parsed.prefix)) return undefined;
  return parsed;
}

/** True when `text` is a CIDR block (of `family`, when given). */
export function isCidr(text: string, family?: 'ipv4' | 'ipv6'): boolean {
  const c = parseCidr(text);
  return c !== undefined && (family === undefined || c.family === family);
}

/**
 * What is wrong with `text` as a CIDR block (of `family`, when given), or undefined when it is
 * one. For host bits set, it names the network that was probably meant.
 */
export function cidrProblem(text: string, family?: 'ipv4' | 'ipv6'): string | undefined {
  const example = family === 'ipv6' ? 'fd00::/56' : '10.0.0.0/16';
  const parsed = parseAddressAndPrefix(text);
  const v4 = typeof text === 'string' ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(text) : null;
  if (!parsed && v4 && family !== 'ipv6') {
    if (Number(v4[5]) > 32) return `${JSON.stringify(text)} has prefix length /${v4[5]}; an IPv4 prefix is /0 to /32`;
    return `${JSON.stringify(text)} is not an IPv4 CIDR: each of the four numbers must be 0-255 without leading zeros`;
  }
  if (!parsed || (family && parsed.family !== family)) {
    return `${JSON.stringify(text)} is not ${family === 'ipv4' ? 'an IPv4' : family === 'ipv6' ? 'an IPv6' : 'a'} CIDR; write it as ${family === 'ipv6' ? 'x:x::/n' : 'a.b.c.d/n'}, e.g. "${example}"`;
  }
  const bits = BITS[parsed.family];
  if (!hostBitsZero(parsed.network, bits, parsed.prefix)) {
    const meant = formatCidr({ ...parsed, network: parsed.network & ~((1n << BigInt(bits - parsed.prefix)) - 1n) });
    return `${JSON.stringify(text)} has bits set after its /${parsed.prefix} prefix; did you mean "${meant}"?`;
  }
  return undefined;
}

/** Parses a CIDR block or throws an Error with {@link cidrProblem}'s sentence. */
export function requireCidr(text: string, family?: 'ipv4' | 'ipv6'): Cidr {
  const problem = cidrProblem(text, family);
  if (problem) throw new Error(problem);
  return parseCidr(text)!;
}

/** `a.b.c.d/n` or the compressed IPv6 form `x:x::/n`. */
export function formatCidr(cidr: Pick<Cidr, 'family' | 'network' | 'prefix'>): string {
  if (cidr.family === 'ipv4') {
    return `${[24n, 16n, 8n, 0n].map(shift => (cidr.network >> shift) & 0xffn).join('.')}/${cidr.prefix}`;
  }
  const groups = [...Array(8).keys()].map(i => ((cidr.network >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 writes addresses.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  const text = best.start < 0
    ? groups.join(':')
    : `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
  return `${text}/${cidr.prefix}`;
}

/** True when the two blocks share at least one address (blocks of different families never do). */
export function cidrsOverlap(a: Cidr | string, b: Cidr | string): boolean {
  const x = toCidr(a);
  const y = toCidr(b);
  if (x.family !== y.family) return false;
  const shift = BigInt(BITS[x.family] - Math.min(x.prefix, y.prefix));
  return x.network >> shift === y.network >> shift;
}

/** True when `inner` lies entirely within `outer`. */
export function cidrContains(outer: Cidr | string, inner: Cidr | string): boolean {
  const o = toCidr(outer);
  const i = toCidr(inner);
  return o.family === i.family && i.prefix >= o.prefix && cidrsOverlap(o, i);
}

/**
 * The `index`-th subnet of `parent` that is `newBits` longer (Terraform's `cidrsubnet`): for
 * `10.0.0.0/16`, 4 new bits and index 2 that is `10.0.32.0/20`. Throws when out of range.
 */
export function subnetCidr(parent: Cidr | string, newBits: number, index: number): string {
  const p = toCidr(parent);
  const bits = BITS[p.family];
  const prefix = p.prefix + newBits;
  if (!Number.isInteger(newBits) || newBits < 0 || prefix > bits) {
    throw new Error(`cannot add ${newBits} bits to /${p.prefix}: the result must be /${p.prefix} to /${bits}`);
  }
  const count = 2n ** BigInt(newBits);
  if (!Number.isInteger(index) || index < 0 || BigInt(index) >= count) {
    throw new Error(`subnet index ${index} is out of range: ${p.text} holds ${count} subnets of /${prefix} (0 to ${count - 1n})`);
  }
  return formatCidr({ family: p.family, network: p.network + BigInt(index) * 2n ** BigInt(bits - prefix), prefix });
}

function toCidr(value: Cidr | string): Cidr {
  return typeof value === 'string' ? requireCidr(value) : value;
}

function parseAddressAndPrefix(text: string): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const v4 = parseIpv4(addr);
  if (v4 !== undefined) return prefix > 32 ? undefined : { family: 'ipv4', network: v4, prefix, text };
  const v6 = parseIpv6(addr);
  if (v6 !== undefined) return prefix > 128 ? undefined : { family: 'ipv6', network: v6, prefix, text };
  return undefined;
}

function hostBitsZero(n: bigint, bits: number, prefix: number): boolean {
  const hostBits = BigInt(bits - prefix);
  return (n & ((1n << hostBits) - 1n)) === 0n;
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseIpv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(s) || s.includes(':::')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  return n;
}
