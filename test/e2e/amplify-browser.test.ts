// The real aws-amplify v6 bundled for the browser (esbuild, in the test) in Chromium against POST /cognito-idp/: an
// EMAIL_OTP sign-in, then associateWebAuthnCredential with a virtual authenticator and a WEB_AUTHN sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { decodeJwt } from 'jose';
import type { Browser } from 'playwright-core';
import { createClient } from '../../src/core/clients/create-client.ts';
import { SELF_SERVICE_SCOPE } from '../../src/core/clients/scopes.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { addVirtualAuthenticator, launchChromium, mailedCode, newContext } from './browser.ts';

let t: TestServer;
let browser: Browser;
let clientId: string;
let bundle: string;

/** What an app imports from Amplify, exposed on window for the test to drive. */
const ENTRY = `
import { Amplify } from 'aws-amplify';
import { signIn, confirmSignIn, fetchAuthSession, fetchUserAttributes, signOut, associateWebAuthnCredential, listWebAuthnCredentials } from 'aws-amplify/auth';
window.amp = { Amplify, signIn, confirmSignIn, fetchAuthSession, fetchUserAttributes, signOut, associateWebAuthnCredential, listWebAuthnCredentials };
`;

beforeAll(async () => {
  t = await startTestServer();
  browser = await launchChromium();
  ({ id: clientId } = await createClient(t.deps, { name: 'Amplify SPA', redirectUris: [`${t.url}/app`], scopes: [SELF_SERVICE_SCOPE] }));
  const out = await build({ stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'js' }, bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent' });
  bundle = out.outputFiles[0].text;
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('Amplify v6 in Chromium', () => {
  it('signs in with an emailed code, adds a passkey with associateWebAuthnCredential, and signs in with it (WEB_AUTHN)', async () => {
    const person = await seedUser(t.deps);
    const context = await newContext(browser);
    const page = await context.newPage();
    const authenticator = await addVirtualAuthenticator(page);
    // The app's page, on an origin cutover's WebAuthn settings allow (the issuer's own, here).
    await page.route(`${t.url}/app`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>app</title><script>${bundle.replace(/<\/script/g, '<\\/script')}</script>` }));
    await page.goto(`${t.url}/app`);
    await page.evaluate(({ endpoint, clientId }) => (window as any).amp.Amplify.configure({ Auth: { Cognito: { userPoolId: 'eu-west-1_cutover', userPoolClientId: clientId, userPoolEndpoint: endpoint } } }), { endpoint: `${t.url}/cognito-idp/`, clientId });

    const step = await page.evaluate((email) => (window as any).amp.signIn({ username: email, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } }).then((r: any) => r.nextStep.signInStep), person.email!);
    expect(step).toBe('CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    const code = await mailedCode(t, person.email!);
    const signedIn = await page.evaluate(async (code) => {
      const amp = (window as any).amp;
      const done = await amp.confirmSignIn({ challengeResponse: code });
      const session = await amp.fetchAuthSession();
      const attributes = await amp.fetchUserAttributes();
      return { done: done.isSignedIn, access: session.tokens.accessToken.toString(), email: attributes.email };
    }, code);
    expect(signedIn).toMatchObject({ done: true, email: person.email });
    expect(decodeJwt(signedIn.access)).toMatchObject({ sub: person.id, client_id: clientId, token_use: 'access' });

    const credentials = await page.evaluate(async () => {
      const amp = (window as any).amp;
      await amp.associateWebAuthnCredential();
      return (await amp.listWebAuthnCredentials()).credentials.map((c: any) => c.credentialId);
    });
    expect(await authenticator.credentials()).toHaveLength(1);
    const [stored] = await t.deps.stores.passkeys.listByUser(person.id);
    expect(credentials).toEqual([stored.id]);

    const passkeySignIn = await page.evaluate(async (email) => {
      const amp = (window as any).amp;
      await amp.signOut();
      const result = await amp.signIn({ username: email, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'WEB_AUTHN' } });
      const session = await amp.fetchAuthSession();
      return { signedIn: result.isSignedIn, idToken: session.tokens.idToken.toString() };
    }, person.email!);
    expect(passkeySignIn.signedIn).toBe(true);
    expect(decodeJwt(passkeySignIn.idToken)).toMatchObject({ sub: person.id, amr: ['swk'], aud: clientId });
    await context.close();
  });
});
