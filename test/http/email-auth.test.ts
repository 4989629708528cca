// Email sign-in with the `log` mailer: /dev/mail, bad input, self sign-up off, the per-IP limit, just-in-time import, invitation links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_CLIENT_ID } from '../../src/core/clients/clients.ts';
import { createClient } from '../../src/core/clients/create-client.ts';
import { createSignInLink } from '../../src/core/sign-in/create-sign-in-link.ts';
import { newUserId } from '../../src/core/shared/crypto.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { codeOf, linkOf, postJson, rawPost, tokenOf } from '../helpers/email-flow.ts';

const clock = testClock();
let s: TestServer;
let closed: TestServer;
let client: Client;

type Kept = { to: string; subject: string; text: string; html: string; createdAt: number };
const devMail = async (base: string): Promise<Kept[]> => (await fetch(`${base}/dev/mail.json`)).json();

beforeAll(async () => {
  s = await startTestServer({}, { clock });
  closed = await startTestServer({ CUTOVER_SELF_SIGNUP: 'false', CUTOVER_RATE_LIMIT_IP: '4/1m' }, { clock });
  client = await createClient(s.deps, { name: 'App', redirectUris: ['https://app.example.com/cb'] });
});
afterAll(async () => {
  await s?.close();
  await closed?.close();
});

describe('log mailer and /dev/mail', () => {
  it('keeps mail in the database: /dev/mail.json newest first, /dev/mail as a page; the code there works', async () => {
    const first = await seedUser(s.deps);
    const second = await seedUser(s.deps);
    for (const u of [first, second]) expect((await postJson(s.url, '/v1/auth/otp', { email: u.email, clientId: client.id })).status).toBe(202);
    expect(await devMail(s.url)).toEqual([]); // nothing on the request path
    await processPendingMail(s.deps);
    const mail = await devMail(s.url);
    expect(mail.map((m) => m.to).slice(0, 2)).toEqual([second.email, first.email]);
    expect(mail[0]).toMatchObject({ subject: 'Sign in to cutover', createdAt: clock.now() });
    expect(mail[0].html).toContain('#3246d3');
    const page = await fetch(`${s.url}/dev/mail`);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain(second.email!);
    const ok = await postJson(s.url, '/v1/auth/otp/verify', { email: first.email, code: codeOf(mail[1].text), clientId: client.id });
    expect(ok.status).toBe(200);
    // One audit event of the sign-in, on every database (PostgreSQL writes it in the code try's own statement).
    const events = await s.deps.stores.audit.list({ type: 'email.sign_in.succeeded', userId: first.id, limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ tenant: 'default', clientId: client.id, at: clock.now() });
    expect(events[0].detail).toEqual({ method: 'otp', challengeId: expect.stringMatching(/\S/), purpose: 'sign-in' });
    // Its refresh family (PostgreSQL stores it in the code try's own statement) is the one the answer's token rotates.
    const set = await ok.json() as { refresh_token: string; id_token: string };
    const claims = JSON.parse(Buffer.from(set.id_token.split('.')[1], 'base64url').toString()) as { auth_time: number };
    const family = await s.deps.stores.refreshTokens.findFamily(set.refresh_token.split('.')[0]);
    expect(family).toMatchObject({ userId: first.id, clientId: client.id, amr: ['otp'], authTime: claims.auth_time, revokedAt: null });
    const refreshed = await fetch(`${s.url}/v1/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: set.refresh_token, client_id: client.id }),
    });
    expect(refreshed.status).toBe(200);
  });
});

describe('bad input is a 4xx JSON error naming the field, never a 5xx', () => {
  const cases: [string, string, BodyInit, Record<string, string>?, string?][] = [
    ['missing email', '/v1/auth/magic-link', JSON.stringify({ clientId: 'account' }), undefined, 'email'],
    ['missing clientId', '/v1/auth/otp', JSON.stringify({ email: 'a@example.com' }), undefined, 'clientId'],
    ['email of the wrong type', '/v1/auth/otp', JSON.stringify({ email: 42, clientId: 'account' }), undefined, 'email'],
    ['not an email', '/v1/auth/otp', JSON.stringify({ email: 'nope', clientId: 'account' }), undefined, 'email'],
    ['a 1 MB email', '/v1/auth/magic-link', JSON.stringify({ email: `${'a'.repeat(1024 * 1024)}@example.com`, clientId: 'account' })],
    ['a 300-character email', '/v1/auth/magic-link', JSON.stringify({ email: `${'a'.repeat(300)}@example.com`, clientId: 'account' }), undefined, 'email'],
    ['non-JSON', '/v1/auth/magic-link', 'email=a@example.com', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['broken JSON', '/v1/auth/otp', '{"email":', undefined],
    ['a JSON array', '/v1/auth/otp', '[]', undefined],
    ['bad code shape', '/v1/auth/otp/verify', JSON.stringify({ email: 'a@example.com', code: '12ab56', clientId: 'account' }), undefined, 'code'],
    ['code as a number', '/v1/auth/otp/verify', JSON.stringify({ email: 'a@example.com', code: 123456, clientId: 'account' }), undefined, 'code'],
    ['missing token', '/v1/auth/magic-link/redeem', JSON.stringify({}), undefined, 'token'],
    ['token of the wrong type', '/v1/auth/magic-link/redeem', JSON.stringify({ token: ['x'] }), undefined, 'token'],
    ['bad code challenge', '/v1/auth/magic-link', JSON.stringify({ email: 'a@example.com', clientId: 'account', codeChallenge: 'short' }), undefined, 'codeChallenge'],
    ['redirectUri not a URL', '/v1/auth/magic-link', JSON.stringify({ email: 'a@example.com', clientId: 'account', redirectUri: 'javascript' }), undefined, 'redirectUri'],
  ];
  it.each(cases)('%s', async (_name, path, body, headers, field) => {
    const res = await rawPost(`${s.url}${path}`, headers ?? { 'content-type': 'application/json' }, String(body));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const json = JSON.parse(res.body);
    expect(json).toEqual({ error: expect.any(String), message: expect.any(String) });
    if (field) expect(json.message).toContain(field);
  });

  it('an unknown client is invalid_client; an unregistered redirect is invalid_request', async () => {
    const unknown = await postJson(s.url, '/v1/auth/magic-link', { email: 'a@example.com', clientId: 'cli_nope' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_client' });
    const verifyUnknown = await postJson(s.url, '/v1/auth/otp/verify', { email: 'a@example.com', code: '123456', clientId: 'cli_nope' });
    expect(await verifyUnknown.json()).toMatchObject({ error: 'invalid_client' });
    for (const redirectUri of ['https://evil.example.com/cb', 'https://app.example.com/cb/../x', 'https://app.example.com/cb?x=1']) {
      const res = await postJson(s.url, '/v1/auth/magic-link', { email: 'a@example.com', clientId: client.id, redirectUri });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request', message: expect.stringContaining('redirectUri') });
    }
  });

  it('the link page answers a missing or malformed token with a 400 page, and an unknown token with the error page after the POST', async () => {
    expect((await fetch(`${s.url}/auth/magic-link`)).status).toBe(400);
    expect((await fetch(`${s.url}/auth/magic-link?token=${'x'.repeat(300)}`)).status).toBe(400);
    const res = await fetch(`${s.url}/auth/magic-link?lang=fr`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
      body: new URLSearchParams({ token: 'A'.repeat(43), lang: 'fr' }).toString(),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Ce lien ne fonctionne plus');
  });
});

describe('no enumeration', () => {
  it('known, unknown and disabled emails get byte-identical 202s and nothing is looked up before the answer', async () => {
    const known = await seedUser(closed.deps);
    const disabled = await seedUser(closed.deps, { enabled: false });
    const answers = [];
    for (const email of [known.email, `nobody-${Date.now()}@example.com`, disabled.email]) {
      const res = await postJson(closed.url, '/v1/auth/otp', { email, clientId: ACCOUNT_CLIENT_ID });
      answers.push({ status: res.status, body: await res.text(), type: res.headers.get('content-type') });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 202, body: '{}' });
    // Self sign-up off: only the known, enabled address gets mail.
    expect(await processPendingMail(closed.deps)).toMatchObject({ sent: 1, skipped: 2 });
    expect((await devMail(closed.url)).map((m) => m.to)).toEqual([known.email]);
    const skipped = await closed.deps.stores.audit.list({ type: 'email.sign_in.skipped', limit: 10 });
    expect(skipped.map((e) => e.detail?.reason).sort()).toEqual(['disabled', 'unknown_email']);
  });

  it('limits requests per client IP (CUTOVER_RATE_LIMIT_IP) whatever the address', async () => {
    clock.advance(61_000);
    const codes = [];
    for (let i = 0; i < 5; i++) {
      const res = await postJson(closed.url, '/v1/auth/magic-link', { email: `ip${i}-${Date.now()}@example.com`, clientId: ACCOUNT_CLIENT_ID });
      codes.push(res.status);
      if (res.status === 429) {
        const retry = Number(res.headers.get('retry-after'));
        expect(retry).toBeGreaterThan(0);
        expect(retry).toBeLessThanOrEqual(60);
      }
    }
    expect(codes).toEqual([202, 202, 202, 202, 429]);
    // refused for the network, so the address it named was not charged a mail
    const refused = (await postJson(closed.url, '/v1/auth/magic-link', { email: 'refused@example.com', clientId: ACCOUNT_CLIENT_ID }));
    expect(refused.status).toBe(429);
    expect(await closed.deps.stores.rateLimits.peek('send-email:default:refused@example.com', 3600_000, clock.now())).toBe(0);
    clock.advance(61_000);
    expect((await postJson(closed.url, '/v1/auth/magic-link', { email: 'later@example.com', clientId: ACCOUNT_CLIENT_ID })).status).toBe(202);
  });
});

describe('just-in-time import and invitation links', () => {
  it('calls deps.jitImport for an address unknown to the tenant and mails the imported user', async () => {
    const email = `legacy-${Date.now()}@example.com`;
    const asked: string[] = [];
    const deps = {
      ...closed.deps,
      jitImport: async (tenant: string, e: string) => {
        asked.push(`${tenant}/${e}`);
        return closed.deps.stores.users.insert({ id: newUserId(), tenant, email: e, emailVerified: false, freshlyMigrated: true }, clock.now());
      },
    };
    clock.advance(61_000);
    await processPendingMail(closed.deps);
    expect((await postJson(closed.url, '/v1/auth/otp', { email: email.toUpperCase(), clientId: ACCOUNT_CLIENT_ID })).status).toBe(202);
    expect(await processPendingMail(deps)).toMatchObject({ sent: 1 });
    expect(asked).toEqual([`default/${email}`]);
    const [mail] = await devMail(closed.url);
    expect(mail.to).toBe(email);
    const ok = await postJson(closed.url, '/v1/auth/otp/verify', { email, code: codeOf(mail.text), clientId: ACCOUNT_CLIENT_ID });
    expect(ok.status).toBe(200);
    expect(await closed.deps.stores.users.findByEmail('default', email)).toMatchObject({ freshlyMigrated: false, emailVerified: true });
  });

  it('createSignInLink (purpose invite): a link from CUTOVER_ISSUER that proves the email and lands on /account', async () => {
    const user = await seedUser(s.deps, { freshlyMigrated: true, emailVerified: false });
    const account = (await s.deps.stores.clients.findById(ACCOUNT_CLIENT_ID))!;
    const { url, expiresAt } = await createSignInLink(s.deps, { user, client: account, ttlSeconds: 7 * 86400, purpose: 'invite' });
    expect(url.startsWith(`${s.url}/auth/magic-link?token=`)).toBe(true);
    expect(expiresAt).toBe(clock.now() + 7 * 86400 * 1000);
    clock.advance(6 * 86400 * 1000); // still good after six days
    const res = await fetch(`${s.url}/auth/magic-link`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
      body: new URLSearchParams({ token: tokenOf(url) }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${s.url}/account\\?code=`));
    expect(await s.deps.stores.users.findById(user.id)).toMatchObject({ freshlyMigrated: false, emailVerified: true });
    await expect(createSignInLink(s.deps, { user, client: account, ttlSeconds: 0, purpose: 'invite' })).rejects.toThrow(TypeError);
  });

  it('a link made for a user who is disabled afterwards does not sign them in', async () => {
    const user = await seedUser(s.deps);
    const account = (await s.deps.stores.clients.findById(ACCOUNT_CLIENT_ID))!;
    const { url } = await createSignInLink(s.deps, { user, client: account, ttlSeconds: 3600, purpose: 'invite' });
    await s.deps.stores.users.setEnabled(user.id, false, clock.now());
    const res = await postJson(s.url, '/v1/auth/magic-link/redeem', { token: tokenOf(url) });
    expect(res.status).toBe(400);
    expect(linkOf(url)).toBe(url);
  });
});
