// Email sign-in end to end over real HTTP, with mail going through the real SES v2 SDK to aws-ses-v2-local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { decodeJwt } from 'jose';
import { createClient, ACCOUNT_CLIENT_ID } from '../../src/core/clients.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import { processPendingMail } from '../../src/email/process-pending-mail.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { startSesLocal, type SesLocal } from '../helpers/ses-local.ts';
import { seedUser } from '../helpers/users.ts';
import { verifierFor } from '../helpers/verifier.ts';
import { codeOf, lastMailTo, linkOf, mailCount, postJson, tokenOf } from '../helpers/email-flow.ts';

const clock = testClock();
let ses: SesLocal;
let s: TestServer;
let client: Client;
const REDIRECT = 'https://app.example.com/cb';

const verify = (email: string, code: string) => postJson(s.url, '/v1/auth/otp/verify', { email, code, clientId: client.id });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
/** Claims without time checks: the test clock runs ahead of the wall clock once tests move it. */
const idClaims = async (res: Response) => decodeJwt((await res.json()).id_token);

async function signInMail(email: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await postJson(s.url, '/v1/auth/magic-link', { email, clientId: client.id, ...extra }, headers);
  expect(res.status).toBe(202);
  await processPendingMail(s.deps);
  const mail = await lastMailTo(ses, email);
  expect(mail).not.toBeNull();
  return { mail: mail!, link: linkOf(mail!.body.text!)!, code: codeOf(mail!.body.text!)! };
}

beforeAll(async () => {
  ses = await startSesLocal();
  const aws = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  // The SDK reads credentials from the process environment.
  Object.assign(process.env, aws);
  s = await startTestServer({
    ...aws, CUTOVER_MAILER: 'ses', AWS_ENDPOINT_URL_SESV2: ses.endpoint, CUTOVER_EMAIL_FROM: 'no-reply@example.com',
    CUTOVER_RATE_LIMIT_EMAIL: '3/15m', CUTOVER_PRODUCT_NAME: 'Acme ID',
  }, { clock });
  client = await createClient(s.deps, { name: 'App', redirectUris: [REDIRECT, 'https://app.example.com/other'] });
});
afterAll(async () => {
  await s?.close();
  await ses?.stop();
});

describe('the mail', () => {
  it('arrives through SES with a link built from CUTOVER_ISSUER and a 6-digit code, even when the Host header lies', async () => {
    const user = await seedUser(s.deps);
    const status = await new Promise<number>((resolve, reject) => {
      const u = new URL(`${s.url}/v1/auth/magic-link`);
      const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
        headers: { host: 'evil.example.com', 'x-forwarded-host': 'evil.example.com', 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ email: user.email, clientId: client.id }));
    });
    expect(status).toBe(202);
    expect(await mailCount(ses, user.email!)).toBe(0); // queued, not sent on the request path
    expect(await processPendingMail(s.deps)).toMatchObject({ sent: 1 });
    const mail = (await lastMailTo(ses, user.email!))!;
    expect(mail.from).toContain('no-reply@example.com');
    expect(mail.subject).toBe('Sign in to Acme ID');
    const link = linkOf(mail.body.text!)!;
    expect(link.startsWith(`${s.url}/auth/magic-link?token=`)).toBe(true);
    expect(mail.body.html).toContain(link.replace(/&/g, '&amp;'));
    expect(mail.body.text).not.toContain('evil.example.com');
    expect(tokenOf(link)).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes
    expect(codeOf(mail.body.text!)).toMatch(/^\d{6}$/);
  });

  it('speaks French when the request asked for it', async () => {
    const user = await seedUser(s.deps);
    const { mail } = await signInMail(user.email!, {}, { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' });
    expect(mail.subject).toBe('Connexion à Acme ID');
    expect(mail.body.text).toContain('Se connecter');
  });
});

describe('the link', () => {
  it('redeems once for a token set with amr ["email"]; the person is now verified and not freshly migrated', async () => {
    const user = await seedUser(s.deps, { freshlyMigrated: true, emailVerified: false });
    const { link } = await signInMail(user.email!);
    const res = await postJson(s.url, '/v1/auth/magic-link/redeem', { token: tokenOf(link) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const set = await res.json();
    const id = await (await verifierFor(s.url, client.id, 'id')).verify(set.id_token);
    expect(id).toMatchObject({ sub: user.id, amr: ['email'], email_verified: true, freshly_migrated: false });
    const after = (await s.deps.stores.users.findById(user.id))!;
    expect(after).toMatchObject({ emailVerified: true, freshlyMigrated: false, lastSignInAt: clock.now() });
    const again = await postJson(s.url, '/v1/auth/magic-link/redeem', { token: tokenOf(link) });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('gives exactly one success to 20 parallel redeems of one token', async () => {
    const user = await seedUser(s.deps);
    const { link } = await signInMail(user.email!);
    const answers = await Promise.all(Array.from({ length: 20 }, () => postJson(s.url, '/v1/auth/magic-link/redeem', { token: tokenOf(link) })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(400)]);
  });

  it('expires after CUTOVER_MAGIC_LINK_TTL (15 minutes)', async () => {
    const user = await seedUser(s.deps);
    const { link } = await signInMail(user.email!);
    clock.advance(15 * 60_000);
    expect((await postJson(s.url, '/v1/auth/magic-link/redeem', { token: tokenOf(link) })).status).toBe(400);
  });

  it('the page: GET never consumes; the button POST (same origin) signs in on any device and redirects with code and state; PKCE at /v1/token', async () => {
    const user = await seedUser(s.deps);
    const verifier = 'a'.repeat(20) + 'B'.repeat(23) + '-_.~0123456789';
    const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))).toString('base64url');
    const { link } = await signInMail(user.email!, { redirectUri: 'https://app.example.com/other', state: 'xyz', codeChallenge: challenge });
    for (let i = 0; i < 3; i++) {
      const page = await fetch(link);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<form method="post" action="/auth/magic-link">');
      expect(html).toContain(`value="${tokenOf(link)}"`);
    }
    const form = (extra: Record<string, string>) => ({
      method: 'POST', redirect: 'manual' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...extra },
      body: new URLSearchParams({ token: tokenOf(link) }).toString(),
    });
    // A cross-site form post is refused (CSRF) and does not burn the link.
    expect((await fetch(`${s.url}/auth/magic-link`, form({ origin: 'https://evil.example.com' }))).status).toBe(403);
    const res = await fetch(`${s.url}/auth/magic-link`, form({ origin: s.url }));
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/cutover_session=.+HttpOnly/i);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('https://app.example.com/other');
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code')!;
    const trade = (v: string) => fetch(`${s.url}/v1/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: 'https://app.example.com/other', client_id: client.id, code_verifier: v }).toString(),
    });
    expect((await trade('x'.repeat(43))).status).toBe(400); // wrong verifier burns nothing useful: codes are single-use
    const { link: link2 } = await signInMail(user.email!, { redirectUri: REDIRECT, state: 's2', codeChallenge: challenge });
    const res2 = await fetch(`${s.url}/auth/magic-link`, { ...form({ origin: s.url }), body: new URLSearchParams({ token: tokenOf(link2) }).toString() });
    const code2 = new URL(res2.headers.get('location')!).searchParams.get('code')!;
    const ok = await fetch(`${s.url}/v1/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT, client_id: client.id, code_verifier: verifier }).toString(),
    });
    expect(ok.status).toBe(200);
    expect(await idClaims(ok)).toMatchObject({ sub: user.id, amr: ['email'] });
    // A used link shows an error page, not a redirect.
    const used = await fetch(`${s.url}/auth/magic-link`, form({ origin: s.url }));
    expect(used.status).toBe(400);
    expect(await used.text()).toContain('This link no longer works');
  });

  it('without redirectUri, the account client lands on <issuer>/account', async () => {
    const user = await seedUser(s.deps);
    const res0 = await postJson(s.url, '/v1/auth/magic-link', { email: user.email, clientId: ACCOUNT_CLIENT_ID });
    expect(res0.status).toBe(202);
    await processPendingMail(s.deps);
    const link = linkOf((await lastMailTo(ses, user.email!))!.body.text!)!;
    const res = await fetch(`${s.url}/auth/magic-link`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
      body: new URLSearchParams({ token: tokenOf(link) }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${s.url}/account\\?code=`));
  });
});

describe('the code', () => {

  it('POST /v1/auth/otp mails a code that verifies for a token set with amr ["otp"]', async () => {
    const user = await seedUser(s.deps, { freshlyMigrated: true, emailVerified: false });
    const res = await postJson(s.url, '/v1/auth/otp', { email: user.email!.toUpperCase(), clientId: client.id });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({});
    await processPendingMail(s.deps);
    const code = codeOf((await lastMailTo(ses, user.email!))!.body.text!)!;
    const ok = await verify(user.email!, code);
    expect(ok.status).toBe(200);
    expect(await idClaims(ok)).toMatchObject({ sub: user.id, amr: ['otp'], email_verified: true, freshly_migrated: false });
    expect((await verify(user.email!, code)).status).toBe(400); // single use
  });

  it('dies after 5 wrong tries, and resends never reset the per-email failure count', async () => {
    const user = await seedUser(s.deps);
    const { code: a } = await signInMail(user.email!);
    for (let i = 0; i < 5; i++) {
      const r = await verify(user.email!, wrong(a));
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ error: 'invalid_code' });
    }
    expect((await verify(user.email!, a)).status).toBe(400); // dead, even with the right code: failure 6
    const { code: b } = await signInMail(user.email!);
    // The new code has its own 5 tries, but the address has only 4 failures left of its 10.
    for (let i = 0; i < 4; i++) expect((await verify(user.email!, wrong(b))).status).toBe(400);
    expect((await verify(user.email!, wrong(b))).status).toBe(429);
    // The third code is refused however right it is, until the window ends.
    const { code: c } = await signInMail(user.email!);
    const locked = await verify(user.email!, c);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const events = await s.deps.stores.audit.list({ type: 'email.code.locked', userId: user.id, limit: 10 });
    expect(events.length).toBeGreaterThanOrEqual(2);
    clock.advance(15 * 60_000 + 1000);
    const { code: d } = await signInMail(user.email!);
    expect((await verify(user.email!, d)).status).toBe(200);
  });

  it('after a code dies, a freshly requested code still signs in', async () => {
    const user = await seedUser(s.deps);
    const { code: a } = await signInMail(user.email!);
    for (let i = 0; i < 5; i++) expect((await verify(user.email!, wrong(a))).status).toBe(400);
    const { code: b } = await signInMail(user.email!);
    expect((await verify(user.email!, a)).status).toBe(400); // only the newest code counts
    expect((await verify(user.email!, b)).status).toBe(200);
  });

  it('20 parallel guesses on one code get at most 5 tries checked', async () => {
    const user = await seedUser(s.deps);
    const { code } = await signInMail(user.email!);
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(user.email!, wrong(code))));
    expect(answers.every((r) => r.status === 400 || r.status === 429)).toBe(true);
    const rows = (await s.deps.stores.audit.list({ type: 'email.code.failed', userId: user.id, limit: 50 }));
    expect(rows.filter((e) => e.detail?.attempt !== null)).toHaveLength(5);
    expect((await verify(user.email!, code)).status).not.toBe(200);
  });
});

describe('who gets mail', () => {
  it('a disabled user gets the same 202 and no mail; a link made for them does not work', async () => {
    const user = await seedUser(s.deps, { enabled: false });
    const res = await postJson(s.url, '/v1/auth/magic-link', { email: user.email, clientId: client.id });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({});
    expect(await processPendingMail(s.deps)).toMatchObject({ skipped: 1, sent: 0 });
    expect(await mailCount(ses, user.email!)).toBe(0);
  });

  it('an unknown email signs up (self sign-up on): mail out, account created only when proven', async () => {
    const email = `new-${Date.now()}@example.com`;
    const { code } = await signInMail(email);
    expect(await s.deps.stores.users.findByEmail('default', email)).toBeNull();
    const ok = await verify(email, code);
    expect(ok.status).toBe(200);
    const user = (await s.deps.stores.users.findByEmail('default', email))!;
    expect(user).toMatchObject({ emailVerified: true, freshlyMigrated: false, enabled: true });
    expect(await s.deps.stores.users.legacyLinks(user.id)).toEqual([]);
  });
});

describe('limits', () => {
  it('limits mails per email (CUTOVER_RATE_LIMIT_EMAIL) with 429 and Retry-After', async () => {
    const user = await seedUser(s.deps);
    for (let i = 0; i < 3; i++) expect((await postJson(s.url, '/v1/auth/otp', { email: user.email, clientId: client.id })).status).toBe(202);
    const res = await postJson(s.url, '/v1/auth/otp', { email: user.email, clientId: client.id });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: 'rate_limited' });
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(900);
    // The same for an address nobody has: no enumeration through the limiter.
    const ghost = `ghost-${Date.now()}@example.com`;
    for (let i = 0; i < 3; i++) await postJson(s.url, '/v1/auth/otp', { email: ghost, clientId: client.id });
    expect((await postJson(s.url, '/v1/auth/otp', { email: ghost, clientId: client.id })).status).toBe(429);
    clock.advance(retry * 1000);
    expect((await postJson(s.url, '/v1/auth/otp', { email: user.email, clientId: client.id })).status).toBe(202);
    await processPendingMail(s.deps);
  });
});
