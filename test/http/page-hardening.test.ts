// Issue 18 #19 over real HTTP: older magic links die after a resend and a sign-in, form-action in the page CSP,
// the `__Host-` session cookie on https issuers, and HEAD answers with the security headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_CLIENT_ID } from '../../src/core/clients/clients.ts';
import { createClient } from '../../src/core/clients/create-client.ts';
import { createSignInLink } from '../../src/core/sign-in/create-sign-in-link.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import { makeTestApp, startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { linkOf, postJson, tokenOf } from '../helpers/email-flow.ts';

let s: TestServer;
let client: Client;
beforeAll(async () => {
  s = await startTestServer();
  client = await createClient(s.deps, { name: 'Shop', redirectUris: ['https://shop.example.com/cb'] });
});
afterAll(() => s.close());

/** Asks for a sign-in mail and returns the link token it carries (newest mail to `email`). */
async function mailedToken(email: string): Promise<string> {
  expect((await postJson(s.url, '/v1/auth/magic-link', { email, clientId: client.id })).status).toBe(202);
  await processPendingMail(s.deps);
  const mail: { to: string; text: string }[] = await (await fetch(`${s.url}/dev/mail.json`)).json();
  return tokenOf(linkOf(mail.find((m) => m.to === email)!.text)!);
}
const redeem = (token: string) => postJson(s.url, '/v1/auth/magic-link/redeem', { token });

describe('older magic links', () => {
  it('die when a newer one is sent, and the newest works once', async () => {
    const { email } = await seedUser(s.deps);
    const first = await mailedToken(email!);
    const second = await mailedToken(email!);
    expect(first).not.toBe(second);
    expect((await redeem(first)).status).toBe(400);
    expect((await redeem(second)).status).toBe(200);
    expect((await redeem(second)).status).toBe(400);
  });

  it('die once a sign-in succeeded, even an invitation sent long before', async () => {
    const user = await seedUser(s.deps);
    const account = (await s.deps.stores.clients.findById(ACCOUNT_CLIENT_ID))!;
    const invitation = tokenOf((await createSignInLink(s.deps, { user, client: account, ttlSeconds: 7 * 86400, purpose: 'invite' })).url);
    const fresh = await mailedToken(user.email!);
    expect((await redeem(fresh)).status).toBe(200);
    expect((await redeem(invitation)).status).toBe(400);
    // the page a dead link opens says so only when pressed (a GET never consumes), and its form may go nowhere else
    const page = await fetch(`${s.url}/auth/magic-link?token=${invitation}`);
    expect(page.headers.get('content-security-policy')).toMatch(/form-action 'self'$/);
  });
});

describe('page CSP', () => {
  it("limits forms to this origin plus the one the sign-in redirects to", async () => {
    const res = await fetch(`${s.url}/login?client_id=${client.id}&redirect_uri=${encodeURIComponent('https://shop.example.com/cb')}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/form-action 'self' https:\/\/shop\.example\.com$/);
    const own = await fetch(`${s.url}/login`);
    expect(own.headers.get('content-security-policy')).toMatch(new RegExp(`form-action 'self' ${s.url}$`));
    const link = await fetch(`${s.url}/auth/magic-link?token=${await mailedToken((await seedUser(s.deps)).email!)}`);
    expect(link.headers.get('content-security-policy')).toMatch(/form-action 'self' https:\/\/shop\.example\.com$/);
  });
});

describe('session cookie', () => {
  it('is __Host- prefixed, Secure, Path=/ and without Domain on an https issuer', async () => {
    const t = await makeTestApp({ CUTOVER_ISSUER: 'https://auth.example.com' });
    const user = await seedUser(t.deps);
    const account = (await t.deps.stores.clients.findById(ACCOUNT_CLIENT_ID))!;
    const { url } = await createSignInLink(t.deps, { user, client: account, ttlSeconds: 600, purpose: 'invite' });
    const res = await t.request('/auth/magic-link', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://auth.example.com' },
      body: new URLSearchParams({ token: tokenOf(url) }).toString(),
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-cutover_session=[^;]+;/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
    // and the account page reads it back under that name
    const page = await t.request('/account', { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
  });
});

describe('HEAD', () => {
  it.each(['/login', '/health', '/assets/pages.js', '/no-such-page'])('%s answers with the same security headers as GET', async (path) => {
    const head = await fetch(`${s.url}${path}`, { method: 'HEAD' });
    const get = await fetch(`${s.url}${path}`);
    expect(head.status).toBe(get.status);
    for (const name of ['x-content-type-options', 'x-frame-options', 'strict-transport-security', 'referrer-policy', 'content-security-policy', 'cache-control']) {
      expect([name, head.headers.get(name)]).toEqual([name, get.headers.get(name)]);
    }
    expect(head.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await head.text()).toBe('');
  });
});
