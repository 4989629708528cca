// The hosted pages over real HTTP: language, 400 pages instead of redirects, CSRF, sessions, passkey form sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { softAuthenticator } from '../helpers/soft-authenticator.ts';
import { createClient } from '../../src/core/clients/create-client.ts';
import { createSession } from '../../src/core/sign-in/sessions.ts';
import { pkceChallenge } from '../../src/core/tokens/authorization-code.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import type { User } from '../../src/core/ports/users.ts';

let t: TestServer;
let app: Client;
beforeAll(async () => {
  t = await startTestServer();
  app = await createClient(t.deps, { name: 'Demo app', redirectUris: ['https://app.example.com/cb'] });
});
afterAll(() => t.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, { headers, redirect: 'manual' });
const form = (path: string, body: Record<string, string>, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, {
  method: 'POST', redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: t.url, ...headers },
  body: new URLSearchParams(body),
});
const json = (path: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${t.url}${path}`, {
  method: 'POST', headers: { 'content-type': 'application/json', origin: t.url, ...headers }, body: JSON.stringify(body),
});
async function signedIn(user: User) {
  const { cookieValue } = await createSession(t.deps, { userId: user.id, amr: ['otp'] });
  return { cookie: `cutover_session=${cookieValue}` };
}

describe('/login', () => {
  it('renders the email form with passkey autofill, in English or French, under a strict CSP', async () => {
    const res = await get('/login');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('autocomplete="username webauthn"');
    expect(html).toContain('<label for="email">Email address</label>');
    expect(html).toContain('Lost your passkeys? You can always sign in');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await (await get('/login', { 'accept-language': 'fr-CA,fr;q=0.9,en;q=0.5' })).text()).toContain('<html lang="fr">');
    expect(await (await get('/login?lang=fr', { 'accept-language': 'en' })).text()).toContain('Se connecter avec une clé d’accès');
  });

  it('answers a 400 page, never a redirect, for an unknown client, an unregistered redirect or a plain PKCE method', async () => {
    for (const q of [
      'client_id=nope',
      `client_id=${app.id}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`,
      `client_id=${app.id}&code_challenge=${'a'.repeat(43)}&code_challenge_method=plain`,
    ]) {
      const res = await get(`/login?${q}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain('This sign-in request cannot be used');
    }
    const post = await form('/login/passkey', { client_id: app.id, redirect_uri: 'https://evil.example/cb', response: '{}' });
    expect(post.status).toBe(400);
    expect(post.headers.get('location')).toBeNull();
  });

  it('signs in with a passkey through the form POST and redirects with code and state', async () => {
    const user = await seedUser(t.deps);
    const a = softAuthenticator({ origin: t.url, rpId: 'localhost' });
    const regOptions = await (await json('/account/passkeys/options', {}, await signedIn(user))).json();
    const { credential, response } = a.register(regOptions);
    expect((await json('/account/passkeys', { response }, await signedIn(user))).status).toBe(200);

    const options = await (await json('/v1/passkeys/login/options', { clientId: app.id })).json();
    const verifier = 'v'.repeat(50);
    const res = await form('/login/passkey', {
      client_id: app.id, redirect_uri: 'https://app.example.com/cb', state: 's1',
      code_challenge: await pkceChallenge(verifier), code_challenge_method: 'S256',
      response: JSON.stringify(a.assert(credential, options)),
    });
    expect(res.status).toBe(303);
    const target = new URL(res.headers.get('location')!);
    expect(target.origin + target.pathname).toBe('https://app.example.com/cb');
    expect(target.searchParams.get('state')).toBe('s1');
    expect(res.headers.get('set-cookie')).toMatch(/cutover_session=.*HttpOnly.*SameSite=Lax/i);
    const token = await fetch(`${t.url}/v1/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: target.searchParams.get('code')!, redirect_uri: 'https://app.example.com/cb', client_id: app.id, code_verifier: verifier }),
    });
    expect(token.status).toBe(200);
  });

  it('shows the login page again with an error when the passkey is refused', async () => {
    // SPEC §8: a public client's request carries a PKCE challenge (without one it is sent back to the app instead).
    const res = await form('/login/passkey', { client_id: app.id, code_challenge: await pkceChallenge('v'.repeat(50)), code_challenge_method: 'S256', response: 'not json' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('That passkey did not work');
  });

  it('refuses form POSTs from another origin (CSRF)', async () => {
    const res = await form('/login/email', { email: 'a@example.com' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });
});

describe('/account', () => {
  it('sends a signed-out person to /login', async () => {
    const res = await get('/account?lang=fr');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?lang=fr');
  });

  it('shows the profile and, for a freshly migrated person, the prompt to confirm the email and add a passkey', async () => {
    const user = await seedUser(t.deps, { freshlyMigrated: true, profile: { given_name: 'Ada', family_name: 'Lovelace' } });
    const html = await (await get('/account', await signedIn(user))).text();
    expect(html).toContain(user.email);
    expect(html).toContain('Ada Lovelace');
    expect(html).toContain('Welcome to your new sign-in');
    expect(html).toContain('Confirm my email');
    expect(html).toContain('You have no passkey yet.');
  });

  it('does not let an unverified email add passkeys', async () => {
    const user = await seedUser(t.deps, { emailVerified: false, freshlyMigrated: true });
    expect(await (await get('/account', await signedIn(user))).text()).toContain('Confirm your email address before adding a passkey.');
    const res = await json('/account/passkeys/options', {}, await signedIn(user));
    expect(res.status).toBe(403);
  });

  it('renames and removes passkeys, only the person\'s own, only from our origin', async () => {
    const user = await seedUser(t.deps);
    const session = await signedIn(user);
    const a = softAuthenticator({ origin: t.url, rpId: 'localhost' });
    expect((await json('/account/passkeys/options', {}, { ...session, origin: 'https://evil.example' })).status).toBe(403);
    const { response } = a.register(await (await json('/account/passkeys/options', {}, session)).json());
    const { credentialId } = await (await json('/account/passkeys', { response, name: 'Phone' }, session)).json();
    expect((await get('/account', session).then((r) => r.text()))).toContain('Phone');

    const renamed = await form(`/account/passkeys/${credentialId}/rename?lang=fr`, { name: '  Laptop  ' }, session);
    expect(renamed.status).toBe(303);
    expect(renamed.headers.get('location')).toBe('/account?done=renamed&lang=fr');
    expect((await t.deps.stores.passkeys.findById(credentialId))?.name).toBe('Laptop');

    const intruder = await signedIn(await seedUser(t.deps));
    const yes = { confirm: 'yes' };
    expect((await form(`/account/passkeys/${credentialId}/remove`, yes, intruder)).status).toBe(404);
    expect((await form(`/account/passkeys/${credentialId}/remove`, yes, { ...session, origin: 'https://evil.example' })).status).toBe(403);
    // Issue 18 (newcomer): removing asks first. The list's button leads to a confirmation; an unconfirmed POST too.
    const list = await (await get('/account', session)).text();
    expect(list).toContain(`<form method="get" action="/account"><input type="hidden" name="remove" value="${credentialId}"/>`);
    const unconfirmed = await form(`/account/passkeys/${credentialId}/remove`, {}, session);
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.get('location')).toBe(`/account?remove=${credentialId}&lang=en`);
    expect(await t.deps.stores.passkeys.findById(credentialId)).not.toBeNull();
    const confirm = await (await get(`/account?remove=${credentialId}`, session)).text();
    expect(confirm).toContain('Remove the passkey “Laptop”? You will no longer be able to sign in with it.');
    expect(confirm).toContain(`<input type="hidden" name="confirm" value="yes"/>`);
    const removed = await form(`/account/passkeys/${credentialId}/remove`, yes, session);
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/account?done=removed&lang=en');
    expect(await t.deps.stores.passkeys.findById(credentialId)).toBeNull();
  });

  it('signs out: the session is revoked server-side', async () => {
    const user = await seedUser(t.deps);
    const session = await signedIn(user);
    const res = await form('/account/sign-out', {}, session);
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/cutover_session=;/);
    expect((await get('/account', session)).status).toBe(303);
  });

  it('serves the WebAuthn browser bundle and the page script itself', async () => {
    for (const path of ['/assets/simplewebauthn-browser.js', '/assets/pages.js']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/javascript');
    }
    expect(await (await get('/assets/simplewebauthn-browser.js')).text()).toContain('SimpleWebAuthnBrowser');
  });
});

describe('theming', () => {
  it('takes product name, logo and colour from configuration, keeping text readable on the colour', async () => {
    const { makeTestApp } = await import('../helpers/app.ts');
    const themed = await makeTestApp({ CUTOVER_PRODUCT_NAME: 'Acme ID', CUTOVER_BRAND_COLOR: '#ffd400', CUTOVER_LOGO_URL: 'https://cdn.example.com/acme.svg' });
    const html = await (await themed.request('/login')).text();
    expect(html).toContain('<title>Sign in · Acme ID</title>');
    expect(html).toContain('<img src="https://cdn.example.com/acme.svg" alt="Acme ID"/>');
    expect(html).toContain('--brand:#ffd400;--on-brand:#111111');
    const dark = await (await t.request('/login')).text();
    expect(dark).toContain('--on-brand:#ffffff');
  });
});
