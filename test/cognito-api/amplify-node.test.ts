// The real aws-amplify v6, unmodified, in Node against POST /cognito-idp/ over real HTTP: EMAIL_OTP sign-in, session, attributes, refresh, global sign-out, refusals.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { createClient } from '../../src/core/clients/create-client.ts';
import { SELF_SERVICE_SCOPE } from '../../src/core/clients/scopes.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { codeOf } from '../helpers/email-flow.ts';
import { seedUser } from '../helpers/users.ts';
import { verifierFor } from '../helpers/verifier.ts';

const clock = testClock();
let s: TestServer;
let clientId: string;

/** Amplify's documented seam for where tokens live: an in-memory store (Node has no localStorage). */
class MemoryStorage {
  private items = new Map<string, string>();
  async setItem(key: string, value: string) { this.items.set(key, value); }
  async getItem(key: string) { return this.items.get(key) ?? null; }
  async removeItem(key: string) { this.items.delete(key); }
  async clear() { this.items.clear(); }
}

async function mailedCode(to: string): Promise<string> {
  await processPendingMail(s.deps);
  const mail = (await (await fetch(`${s.url}/dev/mail.json`)).json()) as { to: string; text: string }[];
  const code = codeOf(mail.find((m) => m.to === to)?.text ?? '');
  if (!code) throw new Error(`no code mailed to ${to}`);
  return code;
}

const cognito = (action: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${s.url}/cognito-idp/`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}`, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

beforeAll(async () => {
  s = await startTestServer({}, { clock });
  ({ id: clientId } = await createClient(s.deps, { name: 'Amplify app', redirectUris: ['https://app.example.com/cb'], scopes: [SELF_SERVICE_SCOPE], accessTokenTtl: 300 }));
  Amplify.configure({ Auth: { Cognito: { userPoolId: 'eu-west-1_cutover', userPoolClientId: clientId, userPoolEndpoint: `${s.url}/cognito-idp/` } } });
  cognitoUserPoolsTokenProvider.setKeyValueStorage(new MemoryStorage());
});
afterAll(async () => {
  vi.restoreAllMocks();
  await s?.close();
});

describe('Amplify v6 signs in with an emailed code, keeps the session fresh and signs out everywhere', () => {
  it('USER_AUTH with EMAIL_OTP, confirmSignIn, tokens API Gateway accepts, attributes, refresh, global sign-out', async () => {
    const person = await seedUser(s.deps, { profile: { given_name: 'Ada' }, attributes: { 'custom:plan': 'pro' } });
    const started = await signIn({ username: person.email!, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    expect(started.nextStep).toMatchObject({ signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: `${person.email![0]}***@e***` } });

    const done = await confirmSignIn({ challengeResponse: await mailedCode(person.email!) });
    expect(done).toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });

    const session = await fetchAuthSession();
    const access = session.tokens!.accessToken;
    expect(access.payload).toMatchObject({ sub: person.id, client_id: clientId, token_use: 'access', username: person.id, 'cognito:groups': [] });
    expect(typeof access.payload.origin_jti).toBe('string');
    expect(typeof access.payload.iat).toBe('number');
    expect(session.tokens!.idToken!.payload).toMatchObject({ email: person.email, amr: ['otp'], 'custom:plan': 'pro' });
    const verified = await (await verifierFor(s.url, clientId, 'access')).verify(access.toString());
    expect(verified.sub).toBe(person.id);
    await (await verifierFor(s.url, clientId, 'id')).verify(session.tokens!.idToken!.toString());
    expect(await getCurrentUser()).toMatchObject({ userId: person.id, username: person.id });

    expect(await fetchUserAttributes()).toMatchObject({ sub: person.id, email: person.email, email_verified: 'true', given_name: 'Ada', 'custom:plan': 'pro' });

    // The access token expires (300 s): both clocks move on, and Amplify refreshes through GetTokensFromRefreshToken.
    const realNow = Date.now.bind(Date);
    clock.advance(310_000);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 310_000);
    const refreshed = await fetchAuthSession();
    const newAccess = refreshed.tokens!.accessToken;
    expect(newAccess.toString()).not.toBe(access.toString());
    expect(newAccess.payload.origin_jti).toBe(access.payload.origin_jti);
    expect(newAccess.payload.exp).toBeGreaterThan(access.payload.exp!);
    expect(await fetchUserAttributes()).toMatchObject({ sub: person.id });

    // Keep the refresh token Amplify holds now, to show global sign-out ended it.
    const stored = [...(cognitoUserPoolsTokenProvider as unknown as { authTokenStore: { keyValueStorage: MemoryStorage } }).authTokenStore.keyValueStorage['items'].entries()];
    const refreshToken = stored.find(([k]) => k.endsWith('.refreshToken'))![1];

    await signOut({ global: true });
    const afterRefresh = await cognito('GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: refreshToken });
    expect(afterRefresh.status).toBe(400);
    expect(await afterRefresh.json()).toEqual({ __type: 'NotAuthorizedException', message: expect.any(String) });
    const afterAccess = await cognito('GetUser', { AccessToken: newAccess.toString() });
    expect(await afterAccess.json()).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    const userinfo = await fetch(`${s.url}/oauth2/userInfo`, { headers: { authorization: `Bearer ${newAccess.toString()}` } });
    expect(userinfo.status).toBe(401);
    expect((await fetchAuthSession()).tokens).toBeUndefined();
    vi.restoreAllMocks();
  });

  it('a wrong code is CodeMismatchException through Amplify, and the right one still works after it', async () => {
    const person = await seedUser(s.deps);
    await signIn({ username: person.email!, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    const code = await mailedCode(person.email!);
    const wrong = code === '000000' ? '111111' : '000000';
    await expect(confirmSignIn({ challengeResponse: wrong })).rejects.toMatchObject({ name: 'CodeMismatchException' });
    expect(await confirmSignIn({ challengeResponse: code })).toMatchObject({ isSignedIn: true });
    await signOut();
  });

  it('a password sign-in through Amplify is refused as a flow not enabled', async () => {
    const person = await seedUser(s.deps);
    await expect(signIn({ username: person.email!, password: 'hunter2!', options: { authFlowType: 'USER_PASSWORD_AUTH' } }))
      .rejects.toMatchObject({ name: 'InvalidParameterException', message: 'USER_PASSWORD_AUTH flow not enabled for this client' });
  });
});
