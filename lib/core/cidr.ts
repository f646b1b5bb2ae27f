/** A parsed CIDR block: network address as a bigint, prefix length and family. */
export interface Cidr {
  readonly family: 'ipv4' | 'ipv6';
  readonly network: bigint;
  readonly prefix: number;
  readonly text: string;
}

/** Parses `10.0.0.0/16` or `fd00::/64`; undefined when malformed. Host bits must be zero. */
export function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const v4 = parseIpv4(addr);
  if (v4 !== undefined) {
    if (prefix > 32 || !hostBitsZero(v4, 32, prefix)) return undefined;
    return { family: 'ipv4', network: v4, prefix, text };
  }
  const v6 = parseIpv6(addr);
  if (v6 !== undefined) {
    if (prefix > 128 || !hostBitsZero(v6, 128, prefix)) return undefined;
    return { family: 'ipv6', network: v6, prefix, text };
  }
  return undefined;
}

export function isCidr(text: string, family?: 'ipv4' | 'ipv6'): boolean {
  const c = parseCidr(text);
  return c !== undefined && (family === undefined || c.family === family);
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  const bits = a.family === 'ipv4' ? 32 : 128;
  const p = Math.min(a.prefix, b.prefix);
  const shift = BigInt(bits - p);
  return a.network >> shift === b.network >> shift;
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
