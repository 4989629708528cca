// Issue 18 item 8 (SPEC §8): PKCE is required for public clients, at /login and at the token endpoint, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/core/clients/create-client.ts';
import { sha256 } from '../../src/core/shared/crypto.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import type { User } from '../../src/core/ports/users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { postJson } from '../helpers/email-flow.ts';

let s: TestServer;
let spa: Client;
let user: User;
const CB = 'https://spa.example.com/cb';

beforeAll(async () => {
  s = await startTestServer();
  spa = await createClient(s.deps, { name: 'SPA', redirectUris: [CB] });
  user = await seedUser(s.deps);
});
afterAll(() => s.close());

describe('a public client without code_challenge', () => {
  it('is sent back to its redirect URI with error=invalid_request, its state and iss (RFC 9207)', async () => {
    const res = await fetch(`${s.url}/login?${new URLSearchParams({ client_id: spa.id, redirect_uri: CB, state: 'st-1' })}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin + to.pathname).toBe(CB);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({ error: 'invalid_request', state: 'st-1', iss: s.url });
    expect(to.searchParams.get('error_description')).toContain('code_challenge');
    expect(to.searchParams.has('code')).toBe(false);
  });

  it('cannot ask for a sign-in mail that would end in a code', async () => {
    const res = await postJson(s.url, '/v1/auth/magic-link', { email: user.email, clientId: spa.id, redirectUri: CB });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain('code_challenge');
  });

  it('a code stored without a challenge is not redeemed with client_id and redirect_uri alone', async () => {
    // As a code minted before this rule (or by any path that forgot it) would be: straight into the store.
    const code = 'legacy-code-without-challenge-0123456789abc';
    const now = Date.now();
    await s.deps.stores.authCodes.insert({
      codeHash: await sha256(code), clientId: spa.id, userId: user.id, redirectUri: CB, codeChallenge: null,
      scope: 'openid', amr: ['otp'], authTime: Math.floor(now / 1000), nonce: null, createdAt: now, expiresAt: now + 60_000,
    });
    const res = await fetch(`${s.url}/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: spa.id, redirect_uri: CB }),
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('invalid_grant');
    expect(body.error_description).toContain('code_challenge');
  });

  it('the built-in account client still signs in at a bare /login (its code lands on its own page only)', async () => {
    const res = await fetch(`${s.url}/login`);
    expect(res.status).toBe(200);
  });
});
