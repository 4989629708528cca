// The browser suite: email code, passkey enrolment on /account, passkey sign-in (button and autofill), code → tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { createClient } from '../../src/core/clients/create-client.ts';
import { pkceChallenge } from '../../src/core/tokens/authorization-code.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { addVirtualAuthenticator, instrumentWebAuthn, launchChromium, newContext, screenshots, webauthnCalls, mailedCode, signInByEmailCode } from './browser.ts';

let t: TestServer;
let browser: Browser;
let app: Client;

beforeAll(async () => {
  t = await startTestServer();
  browser = await launchChromium();
  app = await createClient(t.deps, { name: 'Demo app', redirectUris: [`${t.url}/callback`] });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A /login URL as an app would build it (state + PKCE S256), with the verifier to trade the code. */
async function appLogin(state: string) {
  const verifier = `verifier-${crypto.randomUUID()}-${crypto.randomUUID()}`;
  const q = new URLSearchParams({ client_id: app.id, redirect_uri: `${t.url}/callback`, state, code_challenge: await pkceChallenge(verifier), code_challenge_method: 'S256' });
  return { url: `${t.url}/login?${q}`, verifier };
}

/** Waits for the redirect to the app, checks `state`, trades the code at /v1/token; returns the ID token claims. */
async function tradeCode(page: Page, state: string, verifier: string) {
  await page.waitForURL((u) => u.pathname === '/callback', { timeout: 30_000 });
  const u = new URL(page.url());
  expect(u.searchParams.get('state')).toBe(state);
  const res = await fetch(`${t.url}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: u.searchParams.get('code')!, redirect_uri: `${t.url}/callback`, client_id: app.id, code_verifier: verifier }),
  });
  expect(res.status).toBe(200);
  const set = (await res.json()) as { id_token: string; access_token: string };
  expect(decodeJwt(set.access_token)).toMatchObject({ client_id: app.id, token_use: 'access' });
  return decodeJwt(set.id_token);
}



describe('hosted sign-in in Chromium', () => {
  it('signs in by email code, adds a passkey, signs out, and signs in with the passkey (button, then autofill)', async () => {
    const user = await seedUser(t.deps, { freshlyMigrated: true, profile: { name: 'Ada Lovelace' } });
    const context = await newContext(browser);
    const page = await context.newPage();
    await instrumentWebAuthn(page, { autofill: false });
    const authenticator = await addVirtualAuthenticator(page);

    // 1. Email code on /login (the built-in account client) lands on /account; the email is now proven.
    await signInByEmailCode(t, page, `${t.url}/login`, user.email!);
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByText('You are signed in.').waitFor();
    expect(await t.deps.stores.users.findById(user.id)).toMatchObject({ emailVerified: true, freshlyMigrated: false });

    // 2. Add a passkey, then rename it.
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey added.').waitFor();
    expect(await authenticator.credentials()).toHaveLength(1);
    const [stored] = await t.deps.stores.passkeys.listByUser(user.id);
    expect(stored).toMatchObject({ deviceType: 'singleDevice', backedUp: false, transports: ['internal'], name: 'Passkey on this device' });
    await page.getByLabel('Passkey name').fill('Work laptop');
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByText('Passkey renamed.').waitFor();
    expect(await page.locator('.pk-name').allTextContents()).toEqual(['Work laptop']);
    await screenshots(page, t.url, '/account', 'account');

    // 3. Sign out: back on /login, and /account is closed.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.goto(`${t.url}/account`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshots(page, t.url, (await appLogin('shot')).url.slice(t.url.length), 'login');

    // 4. The passkey button, for an app with PKCE: a code and the state come back; amr says hardware key.
    const viaButton = await appLogin('state-button');
    await page.goto(viaButton.url);
    await webauthnCalls(page); // start counting here
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    expect(await tradeCode(page, 'state-button', viaButton.verifier)).toMatchObject({ sub: user.id, email: user.email, amr: ['swk'] });
    expect(await webauthnCalls(page)).toEqual(['optional']);

    // 5. Autofill (conditional mediation) in a fresh browser context holding the same passkey.
    const other = await newContext(browser);
    const page2 = await other.newPage();
    await instrumentWebAuthn(page2, { autofill: true });
    const authenticator2 = await addVirtualAuthenticator(page2);
    const [credential] = await authenticator.credentials();
    await authenticator2.cdp.send('WebAuthn.addCredential', { authenticatorId: authenticator2.authenticatorId, credential });
    const viaAutofill = await appLogin('state-autofill');
    await page2.goto(viaAutofill.url);
    expect(await tradeCode(page2, 'state-autofill', viaAutofill.verifier)).toMatchObject({ sub: user.id, amr: ['swk'] });
    expect(await webauthnCalls(page2)).toEqual(['conditional']);
    expect((await t.deps.stores.passkeys.findById(stored.id))?.lastUsedAt).not.toBeNull();
    await other.close();
    await context.close();
  });

  it('signs in by email code without JavaScript, ending at the app with a code (amr otp)', async () => {
    const user = await seedUser(t.deps);
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    const { url, verifier } = await appLogin('state-nojs');
    await page.goto(url);
    expect(await page.locator('#passkey-area').isVisible()).toBe(false);
    await signInByEmailCode(t, page, url, user.email!);
    expect(await tradeCode(page, 'state-nojs', verifier)).toMatchObject({ sub: user.id, amr: ['otp'], email_verified: true });
    await context.close();
  });

  it('shows a 400 page, never a redirect, for an unregistered redirect_uri', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const res = await page.goto(`${t.url}/login?client_id=${app.id}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`);
    expect(res?.status()).toBe(400);
    expect(new URL(page.url()).host).toBe(new URL(t.url).host);
    await page.getByRole('heading', { name: 'This sign-in request cannot be used' }).waitFor();
    await context.close();
  });
});
