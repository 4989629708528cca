// The client's address behind trusted proxies (CUTOVER_TRUSTED_PROXIES): read X-Forwarded-For from the right, never the left.
import { cidrContains, parseCidr, parseIp, type Cidr } from './ip.ts';

/** No proxy (the socket's peer is the client), a fixed number of proxies in front, or the proxies' address ranges. */
export type TrustedProxies = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'cidrs'; cidrs: readonly Cidr[] };

/** "" → none, "2" → two hops, "10.0.0.0/8, 2001:db8::/32" → those ranges; null when the value is neither. */
export function parseTrustedProxies(value: string): TrustedProxies | null {
  const v = value.trim();
  if (v === '' || v === '0') return { kind: 'none' };
  if (/^\d+$/.test(v)) return Number(v) <= 20 ? { kind: 'hops', hops: Number(v) } : null;
  const cidrs = v.split(',').map((s) => parseCidr(s));
  return cidrs.every((c): c is Cidr => c !== null) ? { kind: 'cidrs', cidrs } : null;
}

/** "198.51.100.7:5123" and "[2001:db8::1]:443" (some proxies add ports) → the address alone. */
function entryAddress(entry: string): string {
  const e = entry.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(e);
  if (bracketed) return bracketed[1];
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(e);
  return v4port ? v4port[1] : e;
}

/**
 * Each proxy appends the address it was connected from, so only the right end of X-Forwarded-For is written by
 * proxies we trust; anything to the left of them is whatever the client sent. With `hops` N the client is the
 * N-th address from the right, counting the socket's peer as the last proxy (which assumes the server is not
 * reachable around them); with ranges, every trusted address from the right is skipped. An entry that is not
 * an address stops the walk at the proxy that wrote it.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trust: TrustedProxies): string | undefined {
  if (trust.kind === 'none' || !peer) return peer;
  const chain = [...(forwardedFor ?? '').split(',').map(entryAddress).filter(Boolean), peer];
  const trusted = (i: number) => {
    if (trust.kind === 'hops') return i >= chain.length - trust.hops;
    const ip = parseIp(chain[i]);
    return ip !== null && trust.cidrs.some((c) => cidrContains(c, ip));
  };
  let i = chain.length - 1;
  while (i > 0 && trusted(i) && parseIp(chain[i - 1]) !== null) i -= 1;
  return chain[i];
}
