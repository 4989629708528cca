// Email sign-in over real HTTP and the real SES v2 SDK (aws-ses-v2-local): the mail, the link, its page and the code grant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { ACCOUNT_CLIENT_ID } from '../../src/core/clients/clients.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import type { TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import type { SesLocal } from '../helpers/ses-local.ts';
import { seedUser } from '../helpers/users.ts';
import { verifierFor } from '../helpers/verifier.ts';
import { codeOf, lastMailTo, linkOf, mailCount, postJson, tokenOf } from '../helpers/email-flow.ts';
import { idClaims, REDIRECT, startSesServer, type SesServer } from '../helpers/ses-server.ts';

const clock = testClock();
let t: SesServer;
let s: TestServer;
let ses: SesLocal;
let client: Client;
const signInMail: SesServer['signInMail'] = (...args) => t.signInMail(...args);

beforeAll(async () => {
  t = await startSesServer(clock);
  ({ s, ses, client } = t);
});
afterAll(() => t?.close());

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
