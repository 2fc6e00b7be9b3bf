/**
 * IP addresses and CIDR ranges, IPv4 and IPv6, as BigInts. Pure; used by the ban rule and to check
 * a range typed by a moderator. An IPv4-mapped IPv6 address (::ffff:203.0.113.9) is its IPv4 self.
 */
export interface IpAddress {
  version: 4 | 6;
  value: bigint;
}

export interface IpRange {
  version: 4 | 6;
  /** The network address (host bits cleared). */
  network: bigint;
  prefix: number;
}

function parseIpv4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | null {
  let head = text;
  let tail4: bigint | null = null;
  // An embedded IPv4 tail (::ffff:1.2.3.4) is the last two groups.
  const lastColon = head.lastIndexOf(':');
  if (head.includes('.')) {
    tail4 = parseIpv4(head.slice(lastColon + 1));
    if (tail4 === null) return null;
    head = `${head.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0] ?? '');
  const right = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? left.length !== 8 : missing < 1) return null;
  const all = [...left, ...Array.from({ length: halves.length === 2 ? missing : 0 }, () => '0'), ...right];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  if (tail4 !== null) value = (value & ~0xffffffffn) | tail4;
  return value;
}

const mappedPrefix = 0xffffn << 32n;

/** An address, or null when `text` is not one. */
export function parseIp(text: string): IpAddress | null {
  const t = text.trim();
  if (t.includes(':')) {
    const value = parseIpv6(t.replace(/%.*$/, ''));
    if (value === null) return null;
    // ::ffff:a.b.c.d is an IPv4 client seen through an IPv6 socket.
    if (value >> 32n === 0xffffn && (value & ~0xffffffffn) === mappedPrefix) return { version: 4, value: value & 0xffffffffn };
    return { version: 6, value };
  }
  const value = parseIpv4(t);
  return value === null ? null : { version: 4, value };
}

/** A range ('203.0.113.0/24', '2001:db8::/32') or a single address (a /32 or /128), or null. */
export function parseRange(text: string): IpRange | null {
  const [address = '', bits, ...rest] = text.trim().split('/');
  if (rest.length) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const width = ip.version === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const prefix = bits === undefined ? width : Number(bits);
  if (prefix > width) return null;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
  return { version: ip.version, network: ip.value & mask, prefix };
}

export function rangeContains(range: IpRange, ip: IpAddress): boolean {
  if (range.version !== ip.version) return false;
  const width = range.version === 4 ? 32 : 128;
  const shift = BigInt(width - range.prefix);
  return ip.value >> shift === range.network >> shift;
}

/** Is `ip` (text) inside `range` (text)? False when either is not valid. */
export function ipInRange(ip: string, range: string): boolean {
  const address = parseIp(ip);
  const parsed = parseRange(range);
  return address !== null && parsed !== null && rangeContains(parsed, address);
}

/** A range in its canonical text form ('203.0.113.7/24' → '203.0.113.0/24'), or null. */
export function formatRange(text: string): string | null {
  const r = parseRange(text);
  if (!r) return null;
  if (r.version === 4) {
    const v = r.network;
    return `${[24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.')}/${r.prefix}`;
  }
  const groups = Array.from({ length: 8 }, (_, i) => ((r.network >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  const text6 = best.start < 0 ? groups.join(':') : `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
  return `${text6}/${r.prefix}`;
}
