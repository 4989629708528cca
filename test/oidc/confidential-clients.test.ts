// SPEC §8 clients over real HTTP: secrets (hashed, rotated with overlap), client_secret_basic/_post, client_credentials
// with resource-server scopes (checked by aws-jwt-verify as API Gateway would), RFC 6749 §5.2 errors, code replay.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients } from '../../db/sqlite/schema.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { createAuthorizationCode } from '../../src/core/tokens/authorization-code.ts';
import { sha256 } from '../../src/core/shared/crypto.ts';
import type { User } from '../../src/core/ports/users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { verifierFor } from '../helpers/verifier.ts';

const clock = testClock();
let s: TestServer;
let adminKey: string;
let user: User;
const CB = 'https://orders.example.com/cb';

const admin = (path: string, body: unknown) => fetch(`${s.url}${path}`, {
  method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify(body),
});
const basic = (id: string, secret: string) => `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`;
const token = (body: Record<string, string>, headers: Record<string, string> = {}) => fetch(`${s.url}/oauth2/token`, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body),
});

let web: { clientId: string; clientSecret: string };
let machine: { clientId: string; clientSecret: string };

beforeAll(async () => {
  s = await startTestServer({}, { clock });
  adminKey = (await createAdminKey(s.deps, 'test')).key;
  user = await seedUser(s.deps);
  expect((await admin('/v1/admin/resource-servers', { identifier: 'https://api.example.com', name: 'Orders API', scopes: [{ name: 'orders.read', description: 'read' }, { name: 'orders.write' }] })).status).toBe(201);
  web = await (await admin('/v1/admin/clients', { name: 'Web', redirectUris: [CB], confidential: true, accessTokenTtl: 900 })).json();
  machine = await (await admin('/v1/admin/clients', {
    name: 'Batch', confidential: true, grantTypes: ['client_credentials'], scopes: ['https://api.example.com/orders.read', 'https://api.example.com/orders.write'],
  })).json();
});
afterAll(() => s.close());

describe('confidential clients', () => {
  it('shows the secret once and stores only its SHA-256', async () => {
    expect(web.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await s.db.select().from(clients).where(eq(clients.id, web.clientId));
    expect(row.secretHash).toBe(await sha256(web.clientSecret));
    expect(JSON.stringify(row)).not.toContain(web.clientSecret);
    const list = await (await fetch(`${s.url}/v1/admin/clients`, { headers: { authorization: `Bearer ${adminKey}` } })).text();
    expect(list).toContain(web.clientId);
    expect(list).not.toContain(web.clientSecret);
    expect(list).not.toContain(row.secretHash!);
  });

  it('client_credentials with client_secret_basic: an access token API Gateway rules accept for a required scope', async () => {
    const res = await token({ grant_type: 'client_credentials', scope: 'https://api.example.com/orders.read' }, { authorization: basic(machine.clientId, machine.clientSecret) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    // API Gateway's JWT authorizer: issuer, audience (aud or client_id) and the route's AuthorizationScopes.
    const verifier = await verifierFor(s.url, machine.clientId, 'access');
    const payload = await verifier.verify(body.access_token, { scope: 'https://api.example.com/orders.read' } as never);
    expect(payload).toMatchObject({ sub: machine.clientId, client_id: machine.clientId, token_use: 'access', scope: 'https://api.example.com/orders.read' });
    expect(payload).not.toHaveProperty('email');
    await expect(verifier.verify(body.access_token, { scope: 'https://api.example.com/orders.write' } as never)).rejects.toThrow(/scope/i);
  });

  it('client_credentials with client_secret_post and no scope gets every custom scope of the client', async () => {
    const res = await token({ grant_type: 'client_credentials', client_id: machine.clientId, client_secret: machine.clientSecret });
    expect(res.status).toBe(200);
    const payload = JSON.parse(atob((await res.json()).access_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(payload.scope).toBe('https://api.example.com/orders.read https://api.example.com/orders.write');
  });

  type Auth = 'machine' | 'machine-wrong' | 'web' | null;
  it.each<[string, Record<string, string>, Auth, string, number]>([
    ['a wrong secret (Basic)', { grant_type: 'client_credentials' }, 'machine-wrong', 'invalid_client', 401],
    ['a wrong secret (post)', { grant_type: 'client_credentials', client_id: 'MACHINE', client_secret: 'nope-nope-nope-nope' }, null, 'invalid_client', 401],
    ['no secret', { grant_type: 'client_credentials', client_id: 'MACHINE' }, null, 'invalid_client', 401],
    ['an unknown client', { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' }, null, 'invalid_client', 401],
    ['a scope the client may not ask for', { grant_type: 'client_credentials', scope: 'https://api.example.com/admin' }, 'machine', 'invalid_scope', 400],
    ['a user scope for a machine', { grant_type: 'client_credentials', scope: 'openid' }, 'machine', 'invalid_scope', 400],
    ['a grant the client may not use', { grant_type: 'client_credentials' }, 'web', 'unauthorized_client', 400],
    ['an unknown grant type', { grant_type: 'password', username: 'a', password: 'b' }, 'machine', 'unsupported_grant_type', 400],
  ])('refuses %s per RFC 6749 §5.2', async (_, body, auth, error, status) => {
    const b = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === 'MACHINE' ? machine.clientId : v]));
    const authorization = auth === 'machine' ? basic(machine.clientId, machine.clientSecret)
      : auth === 'machine-wrong' ? basic(machine.clientId, 'wrong-secret-wrong-secret')
      : auth === 'web' ? basic(web.clientId, web.clientSecret) : undefined;
    const res = await token(b, authorization ? { authorization } : {});
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ error, error_description: expect.any(String) });
    // RFC 6749 §5.2: a client that tried Basic and failed is challenged with Basic.
    if (auth === 'machine-wrong') expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('rotating a secret: the new one works at once, the old one until the overlap ends', async () => {
    const created = await (await admin('/v1/admin/clients', { name: 'Roll', confidential: true, grantTypes: ['client_credentials'], scopes: ['https://api.example.com/orders.read'] })).json();
    const rotated = await (await admin(`/v1/admin/clients/${created.clientId}/rotate-secret`, { overlapSeconds: 600 })).json();
    expect(rotated.clientSecret).not.toBe(created.clientSecret);
    const grant = (secret: string) => token({ grant_type: 'client_credentials' }, { authorization: basic(created.clientId, secret) });
    expect((await grant(rotated.clientSecret)).status).toBe(200);
    expect((await grant(created.clientSecret)).status).toBe(200);
    clock.advance(601_000);
    try {
      // the store caches clients for 5 s of wall time, but the overlap is judged on every request against the clock
      expect((await grant(created.clientSecret)).status).toBe(401);
      expect((await grant(rotated.clientSecret)).status).toBe(200);
    } finally {
      clock.advance(-601_000);
    }
  });

  it('registering refuses dangerous URIs, unknown scope shapes and client_credentials for public clients, naming the field', async () => {
    for (const [body, field] of [
      [{ name: 'x', redirectUris: ['javascript:alert(1)'] }, 'redirectUris.0'],
      [{ name: 'x', redirectUris: ['http://evil.example/cb'] }, 'redirectUris.0'],
      [{ name: 'x', redirectUris: [CB], scopes: ['has space'] }, 'scopes.0'],
      [{ name: 'x', redirectUris: [CB], grantTypes: ['client_credentials'] }, 'grantTypes'],
      [{ name: 'x', redirectUris: [CB], accessTokenTtl: 10 }, 'accessTokenTtl'],
    ] as const) {
      const res = await admin('/v1/admin/clients', body);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toContain(field);
    }
  });
});

describe('codes and refresh tokens of a confidential client', () => {
  const mint = (clientId: string) => s.deps.stores.clients.findById(clientId).then((client) =>
    createAuthorizationCode(s.deps, { userId: user.id, client: client!, redirectUri: CB, amr: ['otp'], authTime: Math.floor(clock.now() / 1000) }));

  it('a code is traded with the secret (no PKCE needed), with the client\'s own lifetime', async () => {
    const res = await token({ grant_type: 'authorization_code', code: await mint(web.clientId), redirect_uri: CB }, { authorization: basic(web.clientId, web.clientSecret) });
    expect(res.status).toBe(200);
    expect((await res.json()).expires_in).toBe(900);
  });

  it('a code without the secret is refused with invalid_client', async () => {
    const res = await token({ grant_type: 'authorization_code', code: await mint(web.clientId), redirect_uri: CB, client_id: web.clientId });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_client');
  });

  it('a replayed code is invalid_grant and the first exchange\'s refresh token dies', async () => {
    const code = await mint(web.clientId);
    const auth = { authorization: basic(web.clientId, web.clientSecret) };
    const first = await (await token({ grant_type: 'authorization_code', code, redirect_uri: CB }, auth)).json();
    const replay = await token({ grant_type: 'authorization_code', code, redirect_uri: CB }, auth);
    expect(replay.status).toBe(400);
    expect((await replay.json()).error).toBe('invalid_grant');
    const refresh = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, auth);
    expect(refresh.status).toBe(400);
    expect((await refresh.json()).error).toBe('invalid_grant');
  });

  it('concurrent redemptions of one code over HTTP: exactly one token set, and the replays kill its refresh token', async () => {
    // The replays race the winner's signing: a replay that finds the code spent before the winner stored its refresh
    // family must still leave that family revoked (revoked ahead, so the winner's later insert stores nothing live).
    const auth = { authorization: basic(web.clientId, web.clientSecret) };
    // Widen the window as a loaded database would: the winner stores its family 50 ms after consuming the code.
    const families = s.deps.stores.refreshTokens;
    const createFamily = families.createFamily.bind(families);
    families.createFamily = async (...args) => {
      await new Promise((r) => setTimeout(r, 50));
      return createFamily(...args);
    };
    onTestFinished(() => {
      families.createFamily = createFamily;
    });
    for (let round = 0; round < 4; round++) {
      const code = await mint(web.clientId);
      const answers = await Promise.all(Array.from({ length: 6 }, () => token({ grant_type: 'authorization_code', code, redirect_uri: CB }, auth)));
      const ok = answers.filter((a) => a.status === 200);
      expect(ok).toHaveLength(1);
      const bodies = await Promise.all(answers.map((a) => a.json()));
      expect(bodies.filter((b) => b.error === 'invalid_grant')).toHaveLength(5);
      const set = bodies.find((b) => b.refresh_token);
      const refresh = await token({ grant_type: 'refresh_token', refresh_token: set.refresh_token }, auth);
      expect(refresh.status, `round ${round}: the family was revoked`).toBe(400);
    }
  });

  it('client B presenting client A\'s refresh token gets invalid_grant', async () => {
    const other = await (await admin('/v1/admin/clients', { name: 'B', redirectUris: [CB], confidential: true })).json();
    const set = await (await token({ grant_type: 'authorization_code', code: await mint(web.clientId), redirect_uri: CB }, { authorization: basic(web.clientId, web.clientSecret) })).json();
    const res = await token({ grant_type: 'refresh_token', refresh_token: set.refresh_token, client_id: other.clientId, client_secret: other.clientSecret });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid_grant');
  });
});
