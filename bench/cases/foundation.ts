// Issue 2 benchmarks: JWKS serving vs a bare constant route, refresh grants vs the raw RS256 signing bound.
import { Hono } from 'hono';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import { requireClient } from '../../src/core/clients/clients.ts';
import { makeTestApp } from '../../test/helpers/app.ts';
import { seedUser } from '../../test/helpers/users.ts';
import { bestOfRounds, result, type BenchCase } from '../harness.ts';
import { rawSigners } from '../raw-signing.ts';

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
    const { served, bareRoute } = await bestOfRounds({ served: get(t.app), bareRoute: get(bare) }, 5, 1500);

    // Raw bound: how many RS256 signatures this process makes per second, halved (a grant signs an access and an ID token).
    const raw = await rawSigners(await t.deps.keyring.signingKey(), { sub: 'usr_x', aud: 'account', scope: 'openid', token_use: 'access' });

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
    const best = await bestOfRounds({ grant, ...raw }, 5, 1500);
    return [
      result('jwks requests/s vs bare constant route', served, 'req/s', bareRoute, '>= 0.9'),
      result('refresh grants/s vs raw RS256 signatures/s ÷ 2', best.grant, 'grants/s', Math.max(best.webCrypto, best.threads) / 2, '>= 0.6'),
    ];
  },
};
