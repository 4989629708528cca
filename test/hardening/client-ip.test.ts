// Issue 18 item 7: per-IP limits behind trusted proxies (hops or CIDRs), IPv6 keyed by /64, and /login views spend no sign-in attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/core/shared/config.ts';
import { clientAddress, parseTrustedProxies } from '../../src/core/shared/forwarded-for.ts';
import { rateLimitSubject } from '../../src/core/shared/ip.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { postJson } from '../helpers/email-flow.ts';

const trust = (v: string) => parseTrustedProxies(v)!;

describe('the client behind proxies', () => {
  it('believes X-Forwarded-For only as far as trusted proxies wrote it', () => {
    // ALB (one hop): the ALB is the peer and appended the client; anything left of that is the client's own text.
    expect(clientAddress('10.0.0.5', '6.6.6.6, 198.51.100.7', trust('1'))).toBe('198.51.100.7');
    // CloudFront then ALB: two hops.
    expect(clientAddress('10.0.0.5', '6.6.6.6, 198.51.100.7, 130.176.1.1', trust('2'))).toBe('198.51.100.7');
    // Cloudflare ranges in front: skip every trusted address from the right.
    const cf = trust('173.245.48.0/20, 2400:cb00::/32');
    expect(clientAddress('173.245.48.9', '6.6.6.6, 198.51.100.7, 2400:cb00::1', cf)).toBe('198.51.100.7');
    // A peer outside the ranges is the client, whatever it claims.
    expect(clientAddress('203.0.113.9', '198.51.100.7', cf)).toBe('203.0.113.9');
    // No setting: the header is ignored.
    expect(clientAddress('203.0.113.9', '198.51.100.7', trust(''))).toBe('203.0.113.9');
    // Ports and brackets some proxies add; junk stops the walk at the proxy that wrote it.
    expect(clientAddress('10.0.0.5', '198.51.100.7:5123', trust('1'))).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.5', '[2001:db8::7]:443', trust('1'))).toBe('2001:db8::7');
    expect(clientAddress('10.0.0.5', 'not-an-ip', trust('1'))).toBe('10.0.0.5');
  });

  it('keys IPv6 by its /64 and IPv4-mapped addresses as IPv4', () => {
    expect(rateLimitSubject('2001:db8:1:2::1')).toBe(rateLimitSubject('2001:0db8:0001:0002:ffff:ffff:ffff:ffff'));
    expect(rateLimitSubject('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitSubject('2001:db8:1:3::1')).not.toBe(rateLimitSubject('2001:db8:1:2::1'));
    expect(rateLimitSubject('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(rateLimitSubject('192.0.2.1')).toBe('192.0.2.1');
  });

  it('CUTOVER_TRUSTED_PROXIES takes hops or CIDRs and refuses anything else, naming the variable', () => {
    expect(parseEnv({}).trustedProxies).toEqual({ kind: 'none' });
    expect(parseEnv({ CUTOVER_TRUSTED_PROXIES: '2' }).trustedProxies).toEqual({ kind: 'hops', hops: 2 });
    expect(parseEnv({ CUTOVER_TRUSTED_PROXIES: '10.0.0.0/8,fd00::/8' }).trustedProxies).toMatchObject({ kind: 'cidrs' });
    for (const bad of ['10.0.0.0/33', 'proxy.example.com', '-1', '10.0.0.0/8,nope']) {
      expect(() => parseEnv({ CUTOVER_TRUSTED_PROXIES: bad })).toThrow(/CUTOVER_TRUSTED_PROXIES/);
    }
  });
});

describe('over real HTTP', () => {
  let behindAlb: TestServer;
  let direct: TestServer;
  beforeAll(async () => {
    behindAlb = await startTestServer({ CUTOVER_TRUSTED_PROXIES: '1', CUTOVER_RATE_LIMIT_IP: '3/15m' });
    direct = await startTestServer({ CUTOVER_RATE_LIMIT_IP: '3/15m' });
  });
  afterAll(async () => {
    await behindAlb?.close();
    await direct?.close();
  });

  const ask = (s: TestServer, forwardedFor: string, n: number) =>
    postJson(s.url, '/v1/auth/otp', { email: `p${n}-${Math.random()}@example.com`, clientId: 'account' }, { 'x-forwarded-for': forwardedFor });

  it('behind a trusted proxy each client has its own budget; an IPv6 /64 shares one', async () => {
    for (let i = 0; i < 3; i++) expect((await ask(behindAlb, '198.51.100.7', i)).status).toBe(202);
    expect((await ask(behindAlb, '198.51.100.7', 3)).status).toBe(429);
    expect((await ask(behindAlb, '198.51.100.8', 4)).status).toBe(202);
    for (let i = 0; i < 3; i++) expect((await ask(behindAlb, `2001:db8:1:2::${i + 1}`, 10 + i)).status).toBe(202);
    expect((await ask(behindAlb, '2001:db8:1:2:abcd::9', 13)).status).toBe(429);
    expect((await ask(behindAlb, '2001:db8:1:3::1', 14)).status).toBe(202);
  });

  it('without the setting a forged X-Forwarded-For buys no budget', async () => {
    for (let i = 0; i < 3; i++) expect((await ask(direct, `198.51.100.${i}`, 20 + i)).status).toBe(202);
    expect((await ask(direct, '198.51.100.99', 23)).status).toBe(429);
  });

  it('/login views (their passkey autofill options) spend no sign-in attempts', async () => {
    const s = behindAlb;
    const viewer = { 'x-forwarded-for': '198.51.100.50' };
    for (let i = 0; i < 6; i++) {
      expect((await fetch(`${s.url}/login`, { headers: viewer })).status).toBe(200);
      expect((await postJson(s.url, '/v1/passkeys/login/options', { clientId: 'account' }, viewer)).status).toBe(200);
    }
    // The same network still has every one of its 3 attempts: a wrong code is a 400, not a 429.
    for (let i = 0; i < 3; i++) {
      expect((await postJson(s.url, '/v1/auth/otp/verify', { email: `v${i}@example.com`, code: '123456', clientId: 'account' }, viewer)).status).toBe(400);
    }
  });
});
