// Tokens API Gateway accepts: claims, verification by an independent verifier, bad tokens, rotation, refresh.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignJWT, decodeProtectedHeader, exportSPKI, generateKeyPair, importJWK, base64url, type JWK } from 'jose';
import { legacyLinks } from '../../db/sqlite/schema.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import { rotateSigningKey } from '../../src/core/keys/rotate-signing-key.ts';
import { SIGNING_LAG_MS } from '../../src/core/keys/keyring.ts';
import { setUserEnabled } from '../../src/core/admin/set-user-enabled.ts';
import { createClient } from '../../src/core/clients/create-client.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import type { User } from '../../src/core/ports/users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { verifierFor } from '../helpers/verifier.ts';

const clock = testClock();
let s: TestServer;
let user: User;
let client: Client;

const form = (body: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(body).toString(),
});
const userinfo = (token: string) => fetch(`${s.url}/v1/userinfo`, { headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  s = await startTestServer({}, { clock });
  client = await createClient(s.deps, { name: 'Orders API', redirectUris: ['https://app.example.com/cb'], audience: 'https://api.example.com' });
  user = await seedUser(s.deps, { roles: ['admin', 'staff'], freshlyMigrated: true, emailVerified: false });
  await s.db.insert(legacyLinks).values({ userPoolId: 'us-east-1_Pool', sub: '6513270e-269e-4d37-b2a7-4de452e6b438', userId: user.id, username: 'ada', status: 'CONFIRMED', createdAt: 1, updatedAt: 1 });
});
afterAll(() => s.close());

describe('discovery and JWKS', () => {
  it('serves them without the site middleware, while every other route keeps it (over real HTTP)', async () => {
    const jwks = await fetch(`${s.url}/.well-known/jwks.json`);
    expect(jwks.headers.get('access-control-allow-origin')).toBe('*');
    expect(jwks.headers.get('x-content-type-options')).toBeNull();
    const health = await fetch(`${s.url}/health`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await fetch(`${s.url}/.well-known/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await missing.json()).error).toBe('not_found');
    const lookalike = await fetch(`${s.url}/health?next=/.well-known/jwks.json`);
    expect(lookalike.status).toBe(200);
    expect(lookalike.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('publishes the issuer, jwks_uri and RSA keys with kid, alg RS256, use sig', async () => {
    const d = await (await fetch(`${s.url}/.well-known/openid-configuration`)).json();
    expect(d.issuer).toBe(s.url);
    expect(d.jwks_uri).toBe(`${s.url}/.well-known/jwks.json`);
    expect(d.id_token_signing_alg_values_supported).toEqual(['RS256']);
    const res = await fetch(d.jwks_uri);
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const { keys } = await res.json();
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) {
      expect(k).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(k.kid).toEqual(expect.any(String));
      expect(k.d).toBeUndefined(); // never the private part
    }
  });
});

describe('issued tokens', () => {
  it('access token verifies with aws-jwt-verify and carries every SPEC §4 claim', async () => {
    const set = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    expect(set).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const verifier = await verifierFor(s.url, 'https://api.example.com', 'access');
    const p = await verifier.verify(set.access_token);
    expect(p.iss).toBe(s.url);
    expect(p.sub).toBe(user.id);
    expect(p.sub).not.toBe('6513270e-269e-4d37-b2a7-4de452e6b438');
    expect(p.aud).toBe('https://api.example.com');
    expect(p.client_id).toBe(client.id);
    expect(p.scope).toBe('openid email profile');
    expect(p.token_use).toBe('access');
    expect(p.freshly_migrated).toBe(true);
    expect(p.groups).toEqual(['admin', 'staff']);
    expect(p['cognito:groups']).toEqual(['admin', 'staff']);
    expect(p.legacy_sub).toBe('6513270e-269e-4d37-b2a7-4de452e6b438');
    expect(typeof p.jti).toBe('string');
    expect(p.nbf).toBe(p.iat);
    expect(p.exp! - p.iat!).toBe(3600);
    const header = decodeProtectedHeader(set.access_token);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    expect(header.kid).toEqual(expect.any(String));
  });

  it('a client without an audience gets its client id as aud', async () => {
    const plain = await createClient(s.deps, { name: 'Plain', redirectUris: ['https://plain.example.com/cb'] });
    const set = await issueTokenSet(s.deps, { user, client: plain, amr: ['email'] });
    const p = await (await verifierFor(s.url, plain.id)).verify(set.access_token);
    expect(p.aud).toBe(plain.id);
    // The audience check is real: another audience is refused.
    await expect((await verifierFor(s.url, 'someone-else')).verify(set.access_token)).rejects.toThrow();
  });

  it('ID token carries email, amr, auth_time and freshly_migrated', async () => {
    const set = await issueTokenSet(s.deps, { user, client, amr: ['hwk'] });
    const p = await (await verifierFor(s.url, client.id, 'id')).verify(set.id_token);
    expect(p).toMatchObject({ iss: s.url, sub: user.id, aud: client.id, email: user.email, email_verified: false, token_use: 'id', freshly_migrated: true, amr: ['hwk'] });
    expect(p.auth_time).toEqual(expect.any(Number));
    expect(p.exp! - p.iat!).toBe(3600);
  });

  it('userinfo answers the profile for a good access token', async () => {
    const set = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const res = await userinfo(set.access_token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ sub: user.id, email: user.email, freshly_migrated: true, legacy_sub: '6513270e-269e-4d37-b2a7-4de452e6b438' });
    // an ID token is not an access token
    expect((await userinfo(set.id_token)).status).toBe(401);
  });
});

describe('bad tokens are refused by /v1/userinfo with 401', () => {
  let good: string;
  let payload: Record<string, unknown>;
  beforeAll(async () => {
    good = (await issueTokenSet(s.deps, { user, client, amr: ['otp'] })).access_token;
    payload = JSON.parse(new TextDecoder().decode(base64url.decode(good.split('.')[1])));
  });

  it('alg none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
    expect((await userinfo(`${header}.${good.split('.')[1]}.`)).status).toBe(401);
  });

  it('HS256 signed with the public key as the secret', async () => {
    const { keys } = await (await fetch(`${s.url}/.well-known/jwks.json`)).json();
    const pem = await exportSPKI((await importJWK(keys[0], 'RS256')) as CryptoKey);
    const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: keys[0].kid, typ: 'at+jwt' }).sign(new TextEncoder().encode(pem));
    expect((await userinfo(forged)).status).toBe(401);
  });

  it('unknown kid', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'not-a-kid-we-published', typ: 'at+jwt' }).sign(privateKey);
    expect((await userinfo(forged)).status).toBe(401);
  });

  it('tampered payload', async () => {
    const [h, , sig] = good.split('.');
    const evil = base64url.encode(JSON.stringify({ ...payload, 'cognito:groups': ['root'] }));
    expect((await userinfo(`${h}.${evil}.${sig}`)).status).toBe(401);
  });

  it('expired', async () => {
    const past = testClock(clock.now() - 2 * 3600_000);
    const old = await issueTokenSet({ ...s.deps, clock: past }, { user, client, amr: ['otp'] });
    const res = await userinfo(old.access_token);
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_token');
  });

  it('wrong issuer', async () => {
    const { kid, privateJwk } = await s.deps.keyring.signingKey();
    const key = await importJWK(privateJwk as JWK, 'RS256');
    const forged = await new SignJWT({ ...payload, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool' })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' }).sign(key);
    expect((await userinfo(forged)).status).toBe(401);
    // control: the same key and claims with our issuer pass, so the issuer is what failed
    const ok = await new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'at+jwt' }).sign(key);
    expect((await userinfo(ok)).status).toBe(200);
  });

  it('no token, or a malformed header', async () => {
    expect((await fetch(`${s.url}/v1/userinfo`)).status).toBe(401);
    expect((await userinfo('not.a.jwt')).status).toBe(401);
  });
});

describe('refresh tokens', () => {
  const refresh = (token: string, clientId = client.id) =>
    fetch(`${s.url}/v1/token`, form({ grant_type: 'refresh_token', refresh_token: token, client_id: clientId }));

  it('rotate: each use returns a new refresh token and fresh tokens', async () => {
    const first = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const next = await res.json();
    expect(next.refresh_token).not.toBe(first.refresh_token);
    const p = await (await verifierFor(s.url, 'https://api.example.com')).verify(next.access_token);
    expect(p.sub).toBe(user.id);
  });

  // Issue 18 #12 changed this: a second use within the grace (CUTOVER_REFRESH_GRACE, 20 s) is a retry, so the reuse
  // below comes after it.
  const pastGrace = async <T>(run: () => Promise<T>): Promise<T> => {
    clock.advance(21_000);
    try {
      return await run();
    } finally {
      clock.advance(-21_000);
    }
  };

  it('a refresh token used twice, after the grace, fails and revokes the token issued from it', async () => {
    const first = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const second = await (await refresh(first.refresh_token)).json();
    const reuse = await pastGrace(() => refresh(first.refresh_token));
    expect(reuse.status).toBe(400);
    expect((await reuse.json()).error).toBe('invalid_grant');
    // the family is revoked: the successor no longer works either
    expect((await refresh(second.refresh_token)).status).toBe(400);
  });

  it('an older token of the family, presented after two rotations, still counts as reuse', async () => {
    const victim = await seedUser(s.deps);
    const first = await issueTokenSet(s.deps, { user: victim, client, amr: ['otp'] });
    const second = await (await refresh(first.refresh_token)).json();
    const third = await (await refresh(second.refresh_token)).json();
    expect(third.refresh_token.split('.')[0]).toBe(first.refresh_token.split('.')[0]); // same family id in the text
    expect((await refresh(first.refresh_token)).status).toBe(400);
    expect((await refresh(third.refresh_token)).status).toBe(400);
    expect(await s.deps.stores.audit.list({ type: 'refresh_token.reuse', userId: victim.id, limit: 5 })).toHaveLength(1);
  });

  it('a token with a made-up family id is refused and touches no family', async () => {
    const set = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    expect((await refresh(`rtf_01ARZ3NDEKTSV4RRFFQ69G5FAV.${'A'.repeat(43)}`)).status).toBe(400);
    expect((await refresh(set.refresh_token)).status).toBe(200);
  });

  // Issue 18 #12 changed this: concurrent uses (two tabs) all get the one successor instead of all but one failing and
  // revoking the family; the family never forks, and the same token after the grace is still reuse.
  it('concurrent use of one refresh token: one successor for all, and a use after the grace revokes the family', async () => {
    const first = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh(first.refresh_token)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const successors = new Set(await Promise.all(results.map(async (r) => (await r.json()).refresh_token)));
    expect(successors.size).toBe(1);
    const [successor] = successors;
    expect(successor).not.toBe(first.refresh_token);
    expect((await pastGrace(() => refresh(first.refresh_token))).status).toBe(400);
    expect((await refresh(successor)).status).toBe(400);
  });

  it('a refresh whose answer was lost is retried within the grace and gets the same successor', async () => {
    const first = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const second = await (await refresh(first.refresh_token)).json();
    clock.advance(5_000);
    try {
      const retried = await refresh(first.refresh_token);
      expect(retried.status).toBe(200);
      expect((await retried.json()).refresh_token).toBe(second.refresh_token);
      const third = await (await refresh(second.refresh_token)).json();
      // once the successor has itself been rotated, the first token is older than the one just replaced: reuse
      expect((await refresh(first.refresh_token)).status).toBe(400);
      expect((await refresh(third.refresh_token)).status).toBe(400);
    } finally {
      clock.advance(-5_000);
    }
  });

  it('a family lives 30 days from its sign-in however often it is refreshed (absolute, as in Cognito)', async () => {
    let token = (await issueTokenSet(s.deps, { user, client, amr: ['otp'] })).refresh_token;
    let moved = 0;
    try {
      for (const days of [10, 10, 9]) {
        clock.advance(days * 86400_000);
        moved += days * 86400_000;
        const res = await refresh(token);
        expect(res.status).toBe(200);
        token = (await res.json()).refresh_token;
      }
      clock.advance(2 * 86400_000);
      moved += 2 * 86400_000;
      expect((await refresh(token)).status).toBe(400);
    } finally {
      clock.advance(-moved);
    }
  });

  it('is bound to its client', async () => {
    const other = await createClient(s.deps, { name: 'Other', redirectUris: ['https://other.example.com/cb'] });
    const first = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    expect((await refresh(first.refresh_token, other.id)).status).toBe(400);
  });

  it('revocation (RFC 7009) ends the family; unknown tokens still answer 200', async () => {
    const set = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const res = await fetch(`${s.url}/v1/revoke`, form({ token: set.refresh_token, client_id: client.id }));
    expect(res.status).toBe(200);
    expect((await refresh(set.refresh_token)).status).toBe(400);
    expect((await fetch(`${s.url}/v1/revoke`, form({ token: 'unknown', client_id: client.id }))).status).toBe(200);
  });

  it('revoking with an older token of the family ends the family too', async () => {
    const first = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const second = await (await refresh(first.refresh_token)).json();
    expect((await fetch(`${s.url}/v1/revoke`, form({ token: first.refresh_token, client_id: client.id }))).status).toBe(200);
    expect((await refresh(second.refresh_token)).status).toBe(400);
  });

  it('disabling a user revokes their refresh tokens and their access tokens stop working', async () => {
    const victim = await seedUser(s.deps);
    const set = await issueTokenSet(s.deps, { user: victim, client, amr: ['otp'] });
    await setUserEnabled(s.deps, victim.id, false);
    expect((await refresh(set.refresh_token)).status).toBe(400);
    expect((await userinfo(set.access_token)).status).toBe(401);
    await setUserEnabled(s.deps, victim.id, true);
    expect((await refresh(set.refresh_token)).status).toBe(400); // stays revoked
  });

  it('expires after the refresh lifetime', async () => {
    const set = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    clock.advance(31 * 86400_000);
    try {
      expect((await refresh(set.refresh_token)).status).toBe(400);
    } finally {
      clock.advance(-31 * 86400_000);
    }
  });

  it('answers browsers of any origin: CORS on the token response and its preflight, without credentials', async () => {
    const set = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const res = await fetch(`${s.url}/v1/token`, { ...form({ grant_type: 'refresh_token', refresh_token: set.refresh_token, client_id: client.id }), headers: { ...form({}).headers, origin: 'https://spa.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${s.url}/v1/userinfo`, { method: 'OPTIONS', headers: { origin: 'https://spa.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
  });

  it('bad input: 4xx JSON naming the field, never 5xx', async () => {
    const cases: [RequestInit, string][] = [
      [form({ client_id: client.id }), 'grant_type'],
      [form({ grant_type: 'refresh_token', client_id: client.id }), 'refresh_token'],
      [form({ grant_type: 'refresh_token', refresh_token: 'x' }), 'client_id'],
      [{ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, 'x-www-form-urlencoded'],
    ];
    for (const [init, needle] of cases) {
      const res = await fetch(`${s.url}/v1/token`, init);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toBe('invalid_request');
      expect(body.message).toContain(needle);
    }
  });

  // RFC 6749 §5.2 (was invalid_request before issue 11): a grant type the server does not support has its own code.
  it('an unknown grant_type is a 400 unsupported_grant_type naming the field', async () => {
    for (const grantType of ['password', 'urn:example:unknown']) {
      const res = await fetch(`${s.url}/v1/token`, form({ grant_type: grantType, username: 'a', password: 'b', client_id: client.id }));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toBe('unsupported_grant_type');
      expect(body.message).toContain('grant_type');
      expect(body.message).toContain('refresh_token');
    }
  });
});

describe('key rotation', () => {
  // aws-jwt-verify checks nbf/exp against Date: move only Date to the test clock (timers and sockets stay real).
  const atTestTime = () => vi.useFakeTimers({ toFake: ['Date'], now: clock.now() });
  afterEach(() => vi.useRealTimers());

  it('publishes the next key at once, signs with it after the delay, and old tokens keep verifying', async () => {
    const before = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const oldKid = decodeProtectedHeader(before.access_token).kid;
    const { kid: newKid } = await rotateSigningKey(s.deps);
    const kids = async () => (await (await fetch(`${s.url}/.well-known/jwks.json`)).json()).keys.map((k: { kid: string }) => k.kid);
    expect(await kids()).toEqual(expect.arrayContaining([oldKid, newKid]));

    // during the delay the old key still signs
    const during = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    expect(decodeProtectedHeader(during.access_token).kid).toBe(oldKid);

    // the last token the old key signs, a minute before the switch
    clock.advance(s.deps.config.keyRotationDelay * 1000 - 60_000);
    s.deps.keyring.invalidate();
    const lastOld = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    expect(decodeProtectedHeader(lastOld.access_token).kid).toBe(oldKid);
    clock.advance(61_000);
    s.deps.keyring.invalidate();
    const after = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    expect(decodeProtectedHeader(after.access_token).kid).toBe(newKid);
    // a token signed by the old key still verifies (independently, and at userinfo) while it lives
    atTestTime();
    const verifier = await verifierFor(s.url, 'https://api.example.com');
    await expect(verifier.verify(after.access_token)).resolves.toBeTruthy();
    await expect(verifier.verify(lastOld.access_token)).resolves.toBeTruthy();
    expect((await userinfo(lastOld.access_token)).status).toBe(200);
    vi.useRealTimers();
    expect(await kids()).toEqual(expect.arrayContaining([oldKid, newKid]));

    // once every token the old key signed has expired (issue 18 #18: plus the lag an instance may still sign with it),
    // it leaves the JWKS
    clock.advance(3600_000 + 1000);
    s.deps.keyring.invalidate();
    expect(await kids()).toContain(oldKid);
    clock.advance(SIGNING_LAG_MS);
    s.deps.keyring.invalidate();
    expect(await kids()).not.toContain(oldKid);
  });

  it('--now signs with the new key at once', async () => {
    const { kid } = await rotateSigningKey(s.deps, { immediately: true });
    const set = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    expect(decodeProtectedHeader(set.access_token).kid).toBe(kid);
    atTestTime();
    await expect((await verifierFor(s.url, 'https://api.example.com')).verify(set.access_token)).resolves.toBeTruthy();
  });
});
