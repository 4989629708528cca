// IP addresses for limits and proxies: parsing (IPv4, IPv6, IPv4-mapped), CIDR matching and the /64 an IPv6 host owns.

/** 4 bytes for IPv4, 16 for IPv6 (IPv4-mapped IPv6 comes back as its IPv4), or null when `text` is no address. */
export function parseIp(text: string): Uint8Array | null {
  const s = text.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, ''); // [v6] and zone ids (fe80::1%eth0)
  const v4 = parseIpv4(s);
  if (v4) return v4;
  const v6 = parseIpv6(s);
  if (!v6) return null;
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? v6.slice(12) : v6;
}

function parseIpv4(s: string): Uint8Array | null {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return Uint8Array.from(parts.map(Number));
}

function parseIpv6(s: string): Uint8Array | null {
  if (!/^[0-9a-fA-F:.]{2,45}$/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (const [i, item] of items.entries()) {
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseIpv4(item); // a trailing dotted quad (::ffff:192.0.2.1)
        if (!v4) return null;
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) out.push(parseInt(item, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 255]));
}

export interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}

/** "10.0.0.0/8", "2001:db8::/32", or a bare address (a single host). */
export function parseCidr(text: string): Cidr | null {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const bytes = parseIp(addr);
  if (!bytes) return null;
  const max = bytes.length * 8;
  const prefix = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { bytes, prefix };
}

export function cidrContains(cidr: Cidr, ip: Uint8Array): boolean {
  if (ip.length !== cidr.bytes.length) return false;
  for (let bit = 0; bit < cidr.prefix; bit += 8) {
    const take = Math.min(8, cidr.prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((ip[bit / 8] & mask) !== (cidr.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

/**
 * Whom a per-IP limit counts: an IPv4 address, or the /64 of an IPv6 one. An IPv6 subscriber is routinely given a
 * whole /64 (RFC 6177, RFC 7421) and can pick any of its 2^64 addresses, so keying /128 would give them 2^64 budgets.
 */
export function rateLimitSubject(ip: string): string {
  let subject = recentSubjects.get(ip);
  if (subject === undefined) {
    subject = subjectOf(ip);
    if (recentSubjects.size >= RECENT_SUBJECTS) recentSubjects.clear();
    recentSubjects.set(ip, subject);
  }
  return subject;
}

/**
 * The subjects of recent addresses: every sign-in request asks, and parsing "::ffff:127.0.0.1" (Node's peer address
 * on a dual-stack socket) took ~18 µs, more than some of the request's SQL statements. Bounded: cleared when full.
 */
const recentSubjects = new Map<string, string>();
const RECENT_SUBJECTS = 4096;

function subjectOf(ip: string): string {
  const bytes = parseIp(ip);
  if (!bytes) return ip; // 'unknown' and the like: one shared bucket, as before
  if (bytes.length === 4) return bytes.join('.');
  const hextets = Array.from({ length: 4 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16));
  return `${hextets.join(':')}::/64`;
}
