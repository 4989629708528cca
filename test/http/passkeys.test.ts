// Passkey registration and sign-in over real HTTP, answered by a software authenticator: what must pass and what must be refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { softAuthenticator, type SoftCredential } from '../helpers/soft-authenticator.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import type { User } from '../../src/core/ports/users.ts';
import { eq } from 'drizzle-orm';
import { users } from '../../db/sqlite/schema.ts';

let t: TestServer;
const clock = testClock();

beforeAll(async () => {
  t = await startTestServer({ CUTOVER_WEBAUTHN_ORIGINS: 'https://app.example.com' }, { clock });
});
afterAll(() => t.close());

const post = async (path: string, body: unknown, bearer?: string) => {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

async function accessTokenFor(user: User): Promise<string> {
  const client = (await t.deps.stores.clients.findById('account'))!;
  return (await issueTokenSet(t.deps, { user, client, amr: ['otp'] })).access_token;
}

const auth = (extra: Partial<Parameters<typeof softAuthenticator>[0]> = {}) =>
  softAuthenticator({ origin: t.url, rpId: 'localhost', ...extra });

/** Registers a passkey for `user` through the API; returns the authenticator's credential. */
async function enrol(user: User, a = auth()): Promise<SoftCredential> {
  const token = await accessTokenFor(user);
  const options = await post('/v1/passkeys/register/options', {}, token);
  expect(options.status).toBe(200);
  const { credential, response } = a.register(options.body as never);
  const verified = await post('/v1/passkeys/register/verify', { response }, token);
  expect(verified).toEqual({ status: 200, body: { credentialId: response.id } });
  return credential;
}

async function signIn(credential: SoftCredential, a = auth(), opts: { email?: string; override?: Parameters<ReturnType<typeof auth>['assert']>[2] } = {}) {
  const options = await post('/v1/passkeys/login/options', opts.email ? { email: opts.email } : {});
  expect(options.status).toBe(200);
  const response = a.assert(credential, options.body as never, opts.override);
  return { response, result: await post('/v1/passkeys/login/verify', { response, clientId: 'account' }) };
}

describe('registration', () => {
  it('offers discoverable, user-verified creation options bound to our RP id', async () => {
    const user = await seedUser(t.deps);
    const { status, body } = await post('/v1/passkeys/register/options', {}, await accessTokenFor(user));
    expect(status).toBe(200);
    expect(body.rp).toEqual({ name: 'cutover', id: 'localhost' });
    expect(body.user.name).toBe(user.email);
    expect(body.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(body.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('stores the passkey with transports, AAGUID, device type and backup flags', async () => {
    const user = await seedUser(t.deps);
    const cred = await enrol(user, auth({ synced: true }));
    const stored = await t.deps.stores.passkeys.findById(cred.id.toString('base64url'));
    expect(stored).toMatchObject({
      userId: user.id, transports: ['internal'], aaguid: '00000000-0000-0000-0000-000000000000',
      deviceType: 'multiDevice', backupEligible: true, backedUp: true, name: 'Synced passkey', flaggedAt: null,
    });
  });

  it('requires a bearer token', async () => {
    expect((await post('/v1/passkeys/register/options', {})).status).toBe(401);
  });

  it('refuses people whose email is not verified (imported, unproven addresses)', async () => {
    const user = await seedUser(t.deps, { emailVerified: false, freshlyMigrated: true });
    const res = await post('/v1/passkeys/register/options', {}, await accessTokenFor(user));
    expect(res).toMatchObject({ status: 403, body: { error: 'forbidden' } });
  });

  it('refuses a wrong origin, a wrong RP id and a replayed or foreign challenge', async () => {
    const user = await seedUser(t.deps);
    const token = await accessTokenFor(user);
    const a = auth();
    for (const override of [{ origin: 'https://evil.example' }, { rpId: 'evil.example' }]) {
      const options = await post('/v1/passkeys/register/options', {}, token);
      const { response } = a.register(options.body as never, override);
      const res = await post('/v1/passkeys/register/verify', { response }, token);
      expect(res).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    }
    const options = await post('/v1/passkeys/register/options', {}, token);
    const { response } = a.register(options.body as never);
    // Another person cannot finish this person's ceremony.
    const other = await seedUser(t.deps);
    expect((await post('/v1/passkeys/register/verify', { response }, await accessTokenFor(other))).status).toBe(400);
    // …and the challenge is spent either way.
    expect((await post('/v1/passkeys/register/verify', { response }, token)).body.message).toMatch(/already used/);
    expect(await t.deps.stores.passkeys.listByUser(user.id)).toEqual([]);
  });

  it('names the bad field of a malformed response', async () => {
    const user = await seedUser(t.deps);
    const res = await post('/v1/passkeys/register/verify', { response: { id: 'x', rawId: 'x', type: 'public-key', response: {} } }, await accessTokenFor(user));
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(res.body.message).toMatch(/^response\.response\.clientDataJSON/);
  });
});

describe('sign-in', () => {
  it('signs in with a discoverable passkey: hwk for a device-bound key, swk for a synced one', async () => {
    const user = await seedUser(t.deps);
    const cred = await enrol(user);
    const options = await post('/v1/passkeys/login/options', {});
    expect(options.body.allowCredentials).toEqual([]);
    expect(options.body.rpId).toBe('localhost');
    const { result } = await signIn(cred);
    expect(result.status).toBe(200);
    expect(decodeJwt(result.body.id_token)).toMatchObject({ sub: user.id, amr: ['hwk'], email: user.email });
    expect(decodeJwt(result.body.access_token)).toMatchObject({ sub: user.id, client_id: 'account' });
    // the migration report counts this event as a sign-in
    expect(await t.deps.stores.audit.list({ type: 'passkey.sign_in.succeeded', userId: user.id, limit: 5 })).toHaveLength(1);

    const synced = auth({ synced: true, counterStep: 0 });
    const other = await seedUser(t.deps);
    const syncedCred = await enrol(other, synced);
    const { result: r2 } = await signIn(syncedCred, synced);
    expect(decodeJwt(r2.body.id_token).amr).toEqual(['swk']);
    // Synced passkeys keep a zero counter: that is not a regression.
    const { result: r3 } = await signIn(syncedCred, synced);
    expect(r3.status).toBe(200);
    expect((await t.deps.stores.passkeys.findById(syncedCred.id.toString('base64url')))?.lastUsedAt).toBe(clock.now());
  });

  it('accepts the extra configured origin', async () => {
    const user = await seedUser(t.deps);
    const a = auth({ origin: 'https://app.example.com' });
    const cred = await enrol(user, a);
    expect((await signIn(cred, a)).result.status).toBe(200);
  });

  it('refuses a wrong origin and a wrong RP id', async () => {
    const user = await seedUser(t.deps);
    const cred = await enrol(user);
    for (const override of [{ origin: 'https://evil.example' }, { origin: 'http://127.0.0.1' }, { rpId: 'evil.example' }]) {
      const { result } = await signIn(cred, auth(), { override });
      expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    }
  });

  it('refuses a replayed assertion (the challenge is single-use)', async () => {
    const user = await seedUser(t.deps);
    const cred = await enrol(user);
    const { response, result } = await signIn(cred);
    expect(result.status).toBe(200);
    const again = await post('/v1/passkeys/login/verify', { response, clientId: 'account' });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(again.body.message).toMatch(/already used/);
  });

  it('refuses an expired challenge', async () => {
    const user = await seedUser(t.deps);
    const cred = await enrol(user);
    const options = await post('/v1/passkeys/login/options', {});
    clock.advance(5 * 60_000 + 1);
    const res = await post('/v1/passkeys/login/verify', { response: auth().assert(cred, options.body as never), clientId: 'account' });
    expect(res.status).toBe(400);
  });

  it('refuses and flags a signature counter that goes backwards', async () => {
    const user = await seedUser(t.deps);
    const cred = await enrol(user);
    expect((await signIn(cred, auth(), { override: { counter: 7 } })).result.status).toBe(200);
    const { result } = await signIn(cred, auth(), { override: { counter: 7 } });
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(result.body.message).toMatch(/counter/);
    const stored = await t.deps.stores.passkeys.findById(cred.id.toString('base64url'));
    expect(stored?.flaggedAt).toBe(clock.now());
    expect(stored?.counter).toBe(7);
    // Blocked from then on, even with a higher counter.
    expect((await signIn(cred, auth(), { override: { counter: 50 } })).result.status).toBe(400);
  });

  it("refuses another person's credential when the options listed one person's passkeys", async () => {
    const alice = await seedUser(t.deps);
    const bob = await seedUser(t.deps);
    await enrol(alice);
    const bobCred = await enrol(bob);
    const { result } = await signIn(bobCred, auth(), { email: alice.email! });
    expect(result).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    // Issue 18: worded the same whether or not that email has passkeys (test/hardening/passkey-owner-answers.test.ts).
    expect(result.body.message).toMatch(/not offered for this sign-in/);
  });

  it('refuses a passkey whose user handle was swapped, an unknown credential and a disabled person', async () => {
    const user = await seedUser(t.deps);
    const cred = await enrol(user);
    const swapped = { ...cred, userHandle: Buffer.from('usr_someone_else').toString('base64url') };
    expect((await signIn(swapped)).result.status).toBe(400);
    const stranger = auth().register({ challenge: 'AAAAAAAAAAAAAAAAAAAAAA', user: { id: 'eA' } }).credential;
    expect((await signIn(stranger)).result.body.message).toMatch(/not registered/);
    await t.deps.stores.users.setEnabled(user.id, false, clock.now());
    expect((await signIn(cred)).result.status).toBe(400);
  });

  it('refuses a passkey of a person whose email became unverified', async () => {
    const user = await seedUser(t.deps);
    const cred = await enrol(user);
    await t.db.update(users).set({ emailVerified: false }).where(eq(users.id, user.id));
    expect((await t.deps.stores.users.findById(user.id))?.emailVerified).toBe(false);
    const { result } = await signIn(cred);
    expect(result.status).toBe(400);
  });

  it('lists a person\'s passkeys for their email, and a stable decoy for unknown emails', async () => {
    const user = await seedUser(t.deps);
    const cred = await enrol(user);
    const known = await post('/v1/passkeys/login/options', { email: user.email!.toUpperCase() });
    expect(known.body.allowCredentials).toEqual([{ id: cred.id.toString('base64url'), type: 'public-key', transports: ['internal'] }]);
    const unknown1 = await post('/v1/passkeys/login/options', { email: 'nobody@example.com' });
    const unknown2 = await post('/v1/passkeys/login/options', { email: 'nobody@example.com' });
    expect(unknown1.body.allowCredentials).toHaveLength(1);
    expect(unknown1.body.allowCredentials[0].id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(unknown2.body.allowCredentials).toEqual(unknown1.body.allowCredentials);
    const noPasskey = await seedUser(t.deps);
    const res = await post('/v1/passkeys/login/options', { email: noPasskey.email });
    expect(res.body.allowCredentials).toHaveLength(1);
    expect(res.body.allowCredentials[0].id).not.toBe(unknown1.body.allowCredentials[0].id);
  });

  it('validates input and names the field', async () => {
    expect((await post('/v1/passkeys/login/options', { email: 'not-an-email' })).body.message).toMatch(/^email/);
    expect((await post('/v1/passkeys/login/verify', { response: {} })).body.message).toMatch(/^response\.id/);
  });
});
