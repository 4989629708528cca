// Per-IP attempt budget: code tries, link redemptions and passkey ceremonies from one network are bounded.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/app.ts';

let s: TestServer;
beforeAll(async () => (s = await startTestServer({ CUTOVER_RATE_LIMIT_IP: '3/1m' })));
afterAll(() => s.close());

const post = (path: string, body: unknown) => fetch(`${s.url}${path}`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

const b64u = (text: string) => Buffer.from(text).toString('base64url');
const forgedAssertion = {
  id: 'AAAA', rawId: 'AAAA', type: 'public-key',
  response: { clientDataJSON: b64u(JSON.stringify({ type: 'webauthn.get', challenge: 'A'.repeat(43) })), authenticatorData: 'AAAA', signature: 'AAAA' },
};

it('answers 429 with Retry-After once an IP has used its attempts, whatever the endpoint', async () => {
  const attempts = [
    () => post('/v1/auth/otp/verify', { email: 'a@example.com', code: '000000', clientId: 'account' }),
    () => post('/v1/auth/magic-link/redeem', { token: 'x'.repeat(43) }),
    // Issue 18: the attempt is the passkey verify; options (asked by every /login view) have a budget of their own.
    () => post('/v1/passkeys/login/verify', { response: forgedAssertion, clientId: 'account' }),
  ];
  const statuses: number[] = [];
  for (const attempt of attempts) statuses.push((await attempt()).status);
  // the first three are judged on their merits (wrong code, unknown link, unknown challenge)
  expect(statuses).toEqual([400, 400, 400]);
  for (const attempt of attempts) {
    const res = await attempt();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await res.json()).error).toBe('rate_limited');
  }
  // a code try refused for the network is no wrong code: the address's budget holds only the one judged above
  expect(await s.deps.stores.rateLimits.peek('code-fail:default:a@example.com', 15 * 60_000, Date.now())).toBe(1);
  // sending mail has its own budget, untouched by the attempts, and so do passkey options
  expect((await post('/v1/auth/otp', { email: 'a@example.com', clientId: 'account' })).status).toBe(202);
  expect((await post('/v1/passkeys/login/options', {})).status).toBe(200);
});
