// A new upstream identity whose email matches someone links nothing by itself; once that person proves the account
// in the same browser (emailed code), the link exists and the next federated sign-in goes straight in (SPEC §10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { startUpstreamStandIn, type UpstreamStandIn } from '../helpers/oidc-upstream-stand-in.ts';
import { federatedSignIn, Jar, tradeCode } from '../helpers/federated-flow.ts';
import { hiddenFields } from '../helpers/hosted-sign-in.ts';
import { codeOf } from '../helpers/email-flow.ts';
import { seedUser } from '../helpers/users.ts';
import { saveProvider } from '../../src/core/federation/save-provider.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';

let s: TestServer;
let up: UpstreamStandIn;
beforeAll(async () => {
  s = await startTestServer();
  up = await startUpstreamStandIn();
  await saveProvider(s.deps, { name: 'Acme', type: 'oidc', label: 'Acme ID', issuer: up.issuer, clientId: up.clientId, clientSecret: up.clientSecret });
});
afterAll(async () => {
  await s?.close();
  await up?.close();
});

/** The sign-in page the pending link sent the browser to, then the email code, with the browser's cookies. */
async function proveByEmailCode(jar: Jar, loginPath: string, email: string): Promise<Response> {
  const page = await fetch(`${s.url}${loginPath}`, { headers: { cookie: jar.header() } });
  const html = await page.text();
  expect(html).toContain('Acme ID');
  expect(html).toContain(`value="${email}"`);
  const post = (path: string, body: Record<string, string>) => fetch(`${s.url}${path}`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(body),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url, cookie: jar.header() },
  });
  const codeHtml = await (await post('/login/email', { ...hiddenFields(html, '/login/email'), email })).text();
  await processPendingMail(s.deps);
  const mail = (await (await fetch(`${s.url}/dev/mail.json`)).json()) as { to: string; text: string }[];
  const code = codeOf(mail.filter((m) => m.to === email).at(-1)!.text)!;
  const done = await post('/login/code', { ...hiddenFields(codeHtml, '/login/code'), email, code });
  jar.take(done);
  return done;
}

describe('an email match', () => {
  it('links nothing without proof, and links after the person proves the account once', async () => {
    const person = await seedUser(s.deps, { email: 'owner@example.com', emailVerified: true });
    up.person = { sub: 'acme-owner', email: 'owner@example.com', email_verified: true };
    const jar = new Jar();
    const first = await federatedSignIn(s, 'Acme', jar);
    expect(first.callback.status).toBe(303);
    const login = first.callback.headers.get('location')!;
    expect(login).toMatch(/^\/login\?/);
    expect(new URL(login, s.url).searchParams.get('code')).toBeNull();
    expect(await s.deps.stores.federation.findLink('default', 'Acme', 'acme-owner')).toMatchObject({ userId: person.id, status: 'pending' });

    // the upstream identity alone still opens nothing, however often it comes back
    const again = await federatedSignIn(s, 'Acme', new Jar());
    expect(again.callback.headers.get('location')).toMatch(/^\/login\?/);
    expect((await s.deps.stores.federation.findLink('default', 'Acme', 'acme-owner'))?.status).toBe('pending');

    // the person signs in by emailed code in the browser holding the pending link
    const proven = await proveByEmailCode(jar, login, 'owner@example.com');
    expect(proven.status).toBe(303);
    expect(proven.headers.get('location')).toContain('code=');
    expect(await s.deps.stores.federation.findLink('default', 'Acme', 'acme-owner')).toMatchObject({ userId: person.id, status: 'active' });
    expect(jar.cookies.has('cutover_fed_link')).toBe(false);

    // the next federated sign-in goes straight in, as that person
    const tokens = await tradeCode(s, await federatedSignIn(s, 'Acme', new Jar()));
    const id = decodeJwt(tokens.id_token);
    expect(id.sub).toBe(person.id);
    expect(id.amr).toEqual(['fed']);
    expect(id.identities).toEqual([expect.objectContaining({ userId: 'acme-owner', providerName: 'Acme', providerType: 'OIDC' })]);
  });

  it('a sign-in by email in another browser (without the pending cookie) completes nothing', async () => {
    const person = await seedUser(s.deps, { email: 'careful@example.com', emailVerified: true });
    up.person = { sub: 'acme-attacker', email: 'careful@example.com', email_verified: true };
    const attacker = await federatedSignIn(s, 'Acme', new Jar());
    const login = attacker.callback.headers.get('location')!;
    const victimsBrowser = new Jar();
    const proven = await proveByEmailCode(victimsBrowser, login, 'careful@example.com');
    expect(proven.status).toBe(303);
    expect(await s.deps.stores.federation.findLink('default', 'Acme', 'acme-attacker')).toMatchObject({ userId: person.id, status: 'pending' });
  });
});
