// Federated sign-in in Chromium against oidc-provider upstreams run here (SPEC §10): the provider's button on /login,
// the upstream's own sign-in, back with a token set — an imported Cognito user as the same person, and a newcomer
// through an Entra-like multi-tenant issuer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { createClient } from '../../src/core/clients/create-client.ts';
import { pkceChallenge } from '../../src/core/tokens/authorization-code.ts';
import { saveProvider } from '../../src/core/federation/save-provider.ts';
import { importUsers } from '../../src/core/import/import-users.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { arraySource } from '../helpers/import-source.ts';
import { startOidcProviderUpstream, type OidcUpstream } from '../helpers/oidc-provider-upstream.ts';
import { launchChromium, newContext } from './browser.ts';

const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
let t: TestServer;
let browser: Browser;
let app: Client;
let google: OidcUpstream;
let entra: OidcUpstream;

beforeAll(async () => {
  t = await startTestServer();
  browser = await launchChromium();
  app = await createClient(t.deps, { name: 'Demo app', redirectUris: [`${t.url}/callback`] });
  google = await startOidcProviderUpstream({ redirectUri: `${t.url}/oauth2/idpresponse` });
  entra = await startOidcProviderUpstream({ redirectUri: `${t.url}/oauth2/idpresponse`, entraTenant: TENANT_ID });
  await saveProvider(t.deps, { name: 'Google', type: 'google', issuer: google.issuer, clientId: google.clientId, clientSecret: google.clientSecret });
  await saveProvider(t.deps, { name: 'Entra', type: 'microsoft', label: 'Microsoft', issuer: entra.issuer, clientId: entra.clientId, clientSecret: entra.clientSecret });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
  await google?.close();
  await entra?.close();
});

/** Opens the app's /login, clicks the provider's button, signs in upstream as `login`, trades the code. */
async function signInThrough(page: Page, button: string, login: string) {
  const verifier = `verifier-${crypto.randomUUID()}-${crypto.randomUUID()}`;
  const state = crypto.randomUUID();
  const q = new URLSearchParams({ client_id: app.id, redirect_uri: `${t.url}/callback`, state, code_challenge: await pkceChallenge(verifier), code_challenge_method: 'S256' });
  await page.goto(`${t.url}/login?${q}`);
  await page.getByRole('link', { name: `Continue with ${button}` }).click();
  // oidc-provider's development interactions: a login form, then a consent form
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();
  await page.waitForURL((u) => u.pathname === '/callback', { timeout: 30_000 }).catch(async (e) => {
    throw new Error(`stuck at ${page.url()}: ${(await page.locator('body').innerText()).slice(0, 300)}`, { cause: e });
  });
  const u = new URL(page.url());
  expect(u.searchParams.get('state')).toBe(state);
  const res = await fetch(`${t.url}/v1/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: u.searchParams.get('code')!, redirect_uri: `${t.url}/callback`, client_id: app.id, code_verifier: verifier }),
  });
  expect(res.status).toBe(200);
  const set = (await res.json()) as { id_token: string; access_token: string; refresh_token: string };
  expect(set.refresh_token).toBeTruthy();
  return { id: decodeJwt(set.id_token), access: decodeJwt(set.access_token) };
}

describe('federated sign-in in Chromium', () => {
  it('signs an imported Cognito user in through the Google-like provider as the same person', async () => {
    await importUsers(t.deps, arraySource([{
      Username: 'Google_alice', Enabled: true, UserStatus: 'EXTERNAL_PROVIDER',
      Attributes: [
        { Name: 'sub', Value: 'cognito-sub-alice' }, { Name: 'email', Value: 'alice@gmail.test' }, { Name: 'email_verified', Value: 'true' },
        { Name: 'identities', Value: JSON.stringify([{ userId: 'alice', providerName: 'Google', providerType: 'Google', issuer: null, primary: true, dateCreated: 1642699117273 }]) },
      ],
    }]), { tenant: 'default' });
    const imported = await t.deps.stores.users.findByEmail('default', 'alice@gmail.test');
    const page = await (await newContext(browser)).newPage();
    const { id, access } = await signInThrough(page, 'Google', 'alice');
    expect(id.sub).toBe(imported!.id);
    expect(access.legacy_sub).toBe('cognito-sub-alice');
    expect(id.amr).toEqual(['fed']);
    expect(id.identities).toEqual([expect.objectContaining({ userId: 'alice', providerName: 'Google' })]);
    expect((await t.deps.stores.users.findById(imported!.id))?.freshlyMigrated).toBe(false);
  });

  it('signs a newcomer up through the Entra-like multi-tenant issuer', async () => {
    const page = await (await newContext(browser)).newPage();
    const { id } = await signInThrough(page, 'Microsoft', 'bob');
    expect(id.amr).toEqual(['fed']);
    expect(id.email).toBe('bob@contoso.test');
    expect(id.identities).toEqual([expect.objectContaining({ userId: 'bob', providerName: 'Entra', providerType: 'OIDC' })]);
    expect(await t.deps.stores.federation.findLink('default', 'Entra', 'bob')).toMatchObject({ userId: id.sub, status: 'active' });
  });
});
