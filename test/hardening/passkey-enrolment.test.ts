// Issue 18 item 1, over real HTTP: only a fresh, self-service-scoped sign-in may add a passkey, and each new passkey mails a notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { createClient } from '../../src/core/clients/create-client.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { codeOf, postJson } from '../helpers/email-flow.ts';
import { softAuthenticator } from '../helpers/soft-authenticator.ts';

const clock = testClock();
let s: TestServer;
let plainApp: Client;
let selfServiceApp: Client;

beforeAll(async () => {
  s = await startTestServer({}, { clock });
  plainApp = await createClient(s.deps, { name: 'Shop', redirectUris: ['https://shop.example.com/cb'] });
  selfServiceApp = await createClient(s.deps, { name: 'Portal', redirectUris: ['https://portal.example.com/cb'], scopes: ['aws.cognito.signin.user.admin'] });
});
afterAll(() => s?.close());

type Kept = { to: string; subject: string; text: string };
const devMail = async (): Promise<Kept[]> => (await fetch(`${s.url}/dev/mail.json`)).json();

/** A real sign-in by emailed code for `clientId`: the token set the app would get. */
async function signInByCode(email: string, clientId: string): Promise<Record<string, string>> {
  expect((await postJson(s.url, '/v1/auth/otp', { email, clientId })).status).toBe(202);
  await processPendingMail(s.deps);
  const mail = (await devMail()).find((m) => m.to === email)!;
  const res = await postJson(s.url, '/v1/auth/otp/verify', { email, code: codeOf(mail.text), clientId });
  expect(res.status).toBe(200);
  return res.json();
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const authenticator = () => softAuthenticator({ origin: s.url, rpId: 'localhost' });

/** Both registration calls with this access token: the options status, and the verify answer when options passed. */
async function tryEnrol(accessToken: string) {
  const options = await postJson(s.url, '/v1/passkeys/register/options', {}, bearer(accessToken));
  if (options.status !== 200) return { status: options.status, body: await options.json() };
  const { response } = authenticator().register(await options.json());
  const verify = await postJson(s.url, '/v1/passkeys/register/verify', { response, name: 'Work laptop' }, bearer(accessToken));
  return { status: verify.status, body: await verify.json() };
}

describe('who may add a passkey', () => {
  it("refuses another app's access token: it lacks the self-service scope", async () => {
    const user = await seedUser(s.deps);
    const tokens = await signInByCode(user.email!, plainApp.id);
    expect(String(decodeJwt(tokens.access_token).scope).split(' ')).not.toContain('aws.cognito.signin.user.admin');
    const res = await tryEnrol(tokens.access_token);
    expect(res).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
    expect(res.body.message).toMatch(/aws\.cognito\.signin\.user\.admin/);
    // and a response prepared elsewhere cannot be pushed straight to verify with that token either
    const verify = await postJson(s.url, '/v1/passkeys/register/verify', { response: { id: 'x', rawId: 'x', type: 'public-key', response: {} } }, bearer(tokens.access_token));
    expect(verify.status).toBe(403);
    expect(await s.deps.stores.passkeys.listByUser(user.id)).toEqual([]);
  });

  it('accepts the account client and a client registered with the scope, from a fresh sign-in', async () => {
    for (const clientId of ['account', selfServiceApp.id]) {
      const user = await seedUser(s.deps);
      const tokens = await signInByCode(user.email!, clientId);
      expect(String(decodeJwt(tokens.access_token).scope).split(' ')).toContain('aws.cognito.signin.user.admin');
      expect(await tryEnrol(tokens.access_token)).toMatchObject({ status: 200 });
      expect(await s.deps.stores.passkeys.listByUser(user.id)).toHaveLength(1);
    }
  });

  it('refuses a sign-in older than 10 minutes, even behind a freshly refreshed token', async () => {
    const user = await seedUser(s.deps);
    const tokens = await signInByCode(user.email!, 'account');
    clock.advance(10 * 60_000 + 1000);
    const refreshed = await fetch(`${s.url}/v1/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: 'account' }),
    });
    expect(refreshed.status).toBe(200);
    const fresh = (await refreshed.json()) as Record<string, string>;
    const res = await tryEnrol(fresh.access_token);
    expect(res).toMatchObject({ status: 403, body: { error: 'login_required' } });
    expect(res.body.message).toMatch(/10 minutes/);
    // Signing in again is the way back.
    const again = await signInByCode(user.email!, 'account');
    expect((await tryEnrol(again.access_token)).status).toBe(200);
  });
});

describe('every new passkey mails the person', () => {
  it('sends a notice naming the passkey, with a link built from the issuer', async () => {
    const user = await seedUser(s.deps);
    const tokens = await signInByCode(user.email!, 'account');
    expect((await tryEnrol(tokens.access_token)).status).toBe(200);
    expect(await processPendingMail(s.deps)).toMatchObject({ sent: 1 });
    const notice = (await devMail()).find((m) => m.to === user.email && /passkey/i.test(m.subject));
    expect(notice?.subject).toBe('A passkey was added to your cutover account');
    expect(notice?.text).toContain('"Work laptop"');
    expect(notice?.text).toContain(`${s.url}/account`);
  });
});
