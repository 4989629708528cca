// The authorization_code grant: single-use, short-lived, bound to client, redirect URI and PKCE challenge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizationCode, pkceChallenge } from '../../src/core/tokens/authorization-code.ts';
import { sha256 } from '../../src/core/shared/crypto.ts';
import { createClient } from '../../src/core/clients/create-client.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import type { User } from '../../src/core/ports/users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { verifierFor } from '../helpers/verifier.ts';

const clock = testClock();
let s: TestServer;
let client: Client;
let user: User;
const verifier = 'v'.repeat(20) + '-verifier-with-enough-entropy-0123456789';
const redirectUri = 'https://app.example.com/callback';

beforeAll(async () => {
  s = await startTestServer({}, { clock });
  client = await createClient(s.deps, { name: 'App', redirectUris: [redirectUri] });
  user = await seedUser(s.deps);
});
afterAll(() => s.close());

const mint = async (over: { codeChallenge?: string | null } = {}) =>
  createAuthorizationCode(s.deps, { userId: user.id, client, redirectUri, codeChallenge: over.codeChallenge === undefined ? await pkceChallenge(verifier) : over.codeChallenge, amr: ['email'], authTime: Math.floor(clock.now() / 1000) });

const trade = (body: Record<string, string>) => fetch(`${s.url}/v1/token`, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: redirectUri, client_id: client.id, ...body }).toString(),
});

describe('authorization_code grant', () => {
  it('trades a code with the right verifier for tokens carrying the sign-in amr', async () => {
    const res = await trade({ code: await mint(), code_verifier: verifier });
    expect(res.status).toBe(200);
    const set = await res.json();
    const id = await (await verifierFor(s.url, client.id, 'id')).verify(set.id_token);
    expect(id).toMatchObject({ sub: user.id, amr: ['email'] });
  });

  it('is single-use, even when traded concurrently', async () => {
    const code = await mint();
    const results = await Promise.all(Array.from({ length: 10 }, () => trade({ code, code_verifier: verifier })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it.each([
    ['a wrong verifier', { code_verifier: 'w'.repeat(43) }],
    ['no verifier', {}],
    ['another redirect_uri', { code_verifier: verifier, redirect_uri: 'https://evil.example.com/cb' }],
    ['another client', { code_verifier: verifier, client_id: 'account' }],
  ])('refuses %s', async (_, extra) => {
    const res = await trade({ code: await mint(), ...extra } as Record<string, string>);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid_grant');
  });

  it('refuses a verifier when the request had no challenge (PKCE downgrade)', async () => {
    // A public client can no longer be given a code without a challenge (SPEC §8), so this one is written straight to the store.
    const code = 'code-without-challenge-0123456789abcdefghijk';
    const now = clock.now();
    await s.deps.stores.authCodes.insert({
      codeHash: await sha256(code), clientId: client.id, userId: user.id, redirectUri, codeChallenge: null,
      scope: 'openid', amr: ['email'], authTime: Math.floor(now / 1000), nonce: null, createdAt: now, expiresAt: now + 60_000,
    });
    const res = await trade({ code, code_verifier: verifier });
    expect(res.status).toBe(400);
  });

  it('expires after a minute', async () => {
    const code = await mint();
    clock.advance(61_000);
    const res = await trade({ code, code_verifier: verifier });
    expect(res.status).toBe(400);
  });
});
