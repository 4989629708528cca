// Issue 2 benchmarks: JWKS serving vs a bare constant route, refresh grants vs the raw RS256 signing bound.
import { Hono } from 'hono';
import { SignJWT } from 'jose';
import { issueTokenSet } from '../../src/core/issue-tokens.ts';
import { requireClient } from '../../src/core/clients.ts';
import { makeTestApp } from '../../test/helpers/app.ts';
import { seedUser } from '../../test/helpers/users.ts';
import { opsPerSecond, result, type BenchCase } from '../harness.ts';

/** Best of alternating rounds: both sides see the same machine noise. */
async function compare(a: (worker: number) => Promise<unknown>, b: (worker: number) => Promise<unknown>, rounds = 3, ms = 1500, concurrency = 16) {
  let bestA = 0;
  let bestB = 0;
  for (let i = 0; i < rounds; i++) {
    bestA = Math.max(bestA, await opsPerSecond(a, ms, concurrency));
    bestB = Math.max(bestB, await opsPerSecond(b, ms, concurrency));
  }
  return [bestA, bestB];
}

export const foundation: BenchCase = {
  name: 'foundation',
  async run() {
    const t = await makeTestApp();
    const jwksBytes = JSON.stringify(await t.deps.keyring.jwks());
    const bare = new Hono().get('/.well-known/jwks.json', (c) => c.body(jwksBytes, 200, { 'content-type': 'application/json' }));
    const get = (app: { request: (p: string) => Response | Promise<Response> }) => async () => {
      const res = await app.request('/.well-known/jwks.json');
      await res.arrayBuffer();
    };
    const [jwks, bareJwks] = await compare(get(t.app), get(bare), 5);

    // Raw bound: how many RS256 signatures this process makes per second, halved (a grant signs an access and an ID token).
    const { key, kid } = await t.deps.keyring.signingKey();
    const claims = { sub: 'usr_x', aud: 'account', scope: 'openid', token_use: 'access' };
    const sign = () => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime('1h').sign(key);

    const user = await seedUser(t.deps, { roles: ['staff'] });
    const client = await requireClient(t.deps, 'account');
    const chains: string[] = [];
    for (let i = 0; i < 16; i++) chains.push((await issueTokenSet(t.deps, { user, client, amr: ['otp'] })).refresh_token);
    const grant = async (slot: number) => {
      const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: chains[slot], client_id: 'account' }).toString();
      // as a real HTTP client sends it: with a Content-Length
      const res = await t.app.request('/v1/token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
        body,
      });
      if (res.status !== 200) throw new Error(`refresh grant failed: ${res.status} ${await res.text()}`);
      chains[slot] = ((await res.json()) as { refresh_token: string }).refresh_token;
    };
    // one chain per worker, so no token is ever presented twice
    const [grants, signatures] = await compare(grant, sign, 5, 1500, 16);
    return [
      result('jwks requests/s vs bare constant route', jwks, 'req/s', bareJwks, '>= 0.9'),
      result('refresh grants/s vs raw RS256 signatures/s ÷ 2', grants, 'grants/s', signatures / 2, '>= 0.6'),
    ];
  },
};
