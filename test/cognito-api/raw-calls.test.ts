// Raw AWS JSON 1.1 calls to POST /cognito-idp/: Cognito's shapes and error names, single-use sessions, no enumeration, revocation, CORS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/core/clients/create-client.ts';
import { SELF_SERVICE_SCOPE } from '../../src/core/clients/scopes.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { codeOf } from '../helpers/email-flow.ts';
import { seedUser } from '../helpers/users.ts';
import { cognitoAuthSessions } from '../../db/sqlite/schema.ts';

let s: TestServer;
let clientId: string;
let confidentialId: string;

const call = (action: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${s.url}/cognito-idp/`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}`, ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const json = async (res: Response) => ({ status: res.status, body: await res.json() as Record<string, any> });

async function mailedCode(to: string): Promise<string> {
  await processPendingMail(s.deps);
  const mail = (await (await fetch(`${s.url}/dev/mail.json`)).json()) as { to: string; text: string }[];
  return codeOf(mail.find((m) => m.to === to)!.text)!;
}

async function signInByCode(email: string) {
  const started = await json(await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));
  const code = await mailedCode(email);
  const done = await json(await call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: started.body.Session, ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code } }));
  return { started, done, code };
}

beforeAll(async () => {
  s = await startTestServer();
  ({ id: clientId } = await createClient(s.deps, { name: 'App', redirectUris: ['https://app.example.com/cb'], scopes: [SELF_SERVICE_SCOPE] }));
  ({ id: confidentialId } = await createClient(s.deps, { name: 'Backend', redirectUris: ['https://app.example.com/cb'], confidential: true }));
});
afterAll(async () => s?.close());

describe('the sign-in steps in Cognito\'s shapes', () => {
  it('SELECT_CHALLENGE lists EMAIL_OTP and WEB_AUTHN; choosing EMAIL_OTP mails a code; the answer is an AuthenticationResult', async () => {
    const person = await seedUser(s.deps);
    const res = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: person.email } });
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    const first = await json(res);
    expect(first).toEqual({ status: 200, body: { ChallengeName: 'SELECT_CHALLENGE', Session: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), ChallengeParameters: {}, AvailableChallenges: ['EMAIL_OTP', 'WEB_AUTHN'] } });
    const chosen = await json(await call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: first.body.Session, ChallengeResponses: { USERNAME: person.email, ANSWER: 'EMAIL_OTP' } }));
    expect(chosen.body).toMatchObject({ ChallengeName: 'EMAIL_OTP', ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: expect.stringMatching(/^p\*\*\*@e\*\*\*$/) } });
    const done = await json(await call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: chosen.body.Session, ChallengeResponses: { USERNAME: person.email, EMAIL_OTP_CODE: await mailedCode(person.email!) } }));
    expect(done).toEqual({ status: 200, body: { ChallengeParameters: {}, AuthenticationResult: { AccessToken: expect.any(String), IdToken: expect.any(String), RefreshToken: expect.any(String), ExpiresIn: 3600, TokenType: 'Bearer' } } });
    // The SELECT_CHALLENGE session was spent by choosing.
    const again = await json(await call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'SELECT_CHALLENGE', Session: first.body.Session, ChallengeResponses: { USERNAME: person.email, ANSWER: 'EMAIL_OTP' } }));
    expect(again).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Invalid session for the user, session can only be used once.' } });
  });

  it('a session is single use: replaying the one that signed in is refused, even with the right code', async () => {
    const person = await seedUser(s.deps);
    const { started, code, done } = await signInByCode(person.email!);
    expect(done.status).toBe(200);
    const replay = await json(await call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: started.body.Session, ChallengeResponses: { USERNAME: person.email, EMAIL_OTP_CODE: code } }));
    expect(replay).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'Invalid session for the user, session can only be used once.' } });
    const forged = await json(await call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: `${started.body.Session.slice(0, -2)}AA`, ChallengeResponses: { USERNAME: person.email, EMAIL_OTP_CODE: code } }));
    expect(forged.body.__type).toBe('NotAuthorizedException');
    const stored = await s.db.select().from(cognitoAuthSessions);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((r) => r.idHash === started.body.Session)).toBe(false); // only hashes are kept
  });

  it('a wrong code is CodeMismatchException; another person\'s username on the session is refused', async () => {
    const person = await seedUser(s.deps);
    const other = await seedUser(s.deps);
    const started = await json(await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: person.email, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));
    const code = await mailedCode(person.email!);
    const wrong = await json(await call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: started.body.Session, ChallengeResponses: { USERNAME: person.email, EMAIL_OTP_CODE: code === '123456' ? '654321' : '123456' } }));
    expect(wrong).toEqual({ status: 400, body: { __type: 'CodeMismatchException', message: 'Invalid code received for user' } });
    const swapped = await json(await call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: started.body.Session, ChallengeResponses: { USERNAME: other.email, EMAIL_OTP_CODE: code } }));
    expect(swapped.body).toEqual({ __type: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('an unknown email gets the same challenge as a known one (code and passkey)', async () => {
    const known = await seedUser(s.deps);
    const shape = async (email: string) => {
      const r = await json(await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));
      return { ...r, body: { ...r.body, Session: typeof r.body.Session } };
    };
    expect(await shape('pnobody-here@example.com')).toEqual(await shape(known.email!));
    const passkeyShape = async (email: string) => {
      const r = await json(await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'WEB_AUTHN' } }));
      const options = JSON.parse(r.body.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
      return { status: r.status, name: r.body.ChallengeName, keys: Object.keys(options).sort(), allow: options.allowCredentials.length };
    };
    expect(await passkeyShape('pnobody-here@example.com')).toEqual(await passkeyShape(known.email!));
  });
});

describe('refusals in Cognito\'s error shape', () => {
  const cases: [string, () => Promise<Response>, number, string][] = [
    ['an unknown action', () => call('AdminCreateUser', { UserPoolId: 'x' }), 400, 'UnknownOperationException'],
    ['no X-Amz-Target', () => fetch(`${s.url}/cognito-idp/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1' }, body: '{}' }), 400, 'UnknownOperationException'],
    ['a malformed body', () => call('InitiateAuth', '{"AuthFlow":'), 400, 'SerializationException'],
    ['a JSON array', () => call('InitiateAuth', '[]'), 400, 'SerializationException'],
    ['another content type', () => call('InitiateAuth', '{}', { 'content-type': 'text/plain' }), 400, 'SerializationException'],
    ['a missing ClientId', () => call('InitiateAuth', { AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'a@example.com' } }), 400, 'InvalidParameterException'],
    ['USER_PASSWORD_AUTH', () => call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'a@example.com', PASSWORD: 'x' } }), 400, 'InvalidParameterException'],
    ['USER_SRP_AUTH', () => call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'a@example.com', SRP_A: 'ab' } }), 400, 'InvalidParameterException'],
    ['a PASSWORD first factor', () => call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'a@example.com', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'x' } }), 400, 'InvalidParameterException'],
    ['a PASSWORD_VERIFIER challenge answer', () => call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'PASSWORD_VERIFIER', Session: 'x'.repeat(43), ChallengeResponses: { USERNAME: 'a@example.com' } }), 400, 'InvalidParameterException'],
    ['an unknown client', () => call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: 'nope', AuthParameters: { USERNAME: 'a@example.com' } }), 400, 'ResourceNotFoundException'],
    ['a client with a secret', () => call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: confidentialId, AuthParameters: { USERNAME: 'a@example.com' } }), 400, 'NotAuthorizedException'],
    ['an unknown session', () => call('RespondToAuthChallenge', { ClientId: clientId, ChallengeName: 'EMAIL_OTP', Session: 'y'.repeat(43), ChallengeResponses: { USERNAME: 'a@example.com', EMAIL_OTP_CODE: '123456' } }), 400, 'NotAuthorizedException'],
    ['a forged access token', () => call('GetUser', { AccessToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' }), 400, 'NotAuthorizedException'],
  ];
  it.each(cases)('%s', async (_name, send, status, type) => {
    const res = await send();
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body).toEqual({ __type: type, message: expect.any(String) });
    expect(res.headers.get('x-amzn-errortype')).toBe(`${type}:`);
  });

  it('the password flow says so in Cognito\'s words', async () => {
    const res = await json(await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'a@example.com', PASSWORD: 'x' } }));
    expect(res.body.message).toBe('USER_PASSWORD_AUTH flow not enabled for this client');
  });
});

describe('sign-out that really ends tokens', () => {
  it('RevokeToken ends the refresh token and the access tokens it issued; a JWT is not revocable', async () => {
    const person = await seedUser(s.deps);
    const { AccessToken, RefreshToken, IdToken } = (await signInByCode(person.email!)).done.body.AuthenticationResult;
    expect((await json(await call('GetUser', { AccessToken }))).body).toMatchObject({ Username: person.id, UserAttributes: expect.arrayContaining([{ Name: 'email', Value: person.email }]) });
    expect((await json(await call('RevokeToken', { Token: IdToken, ClientId: clientId }))).body.__type).toBe('UnsupportedTokenTypeException');
    expect(await json(await call('RevokeToken', { Token: RefreshToken, ClientId: clientId }))).toEqual({ status: 200, body: {} });
    expect((await json(await call('GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken }))).body.__type).toBe('NotAuthorizedException');
    expect((await json(await call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: RefreshToken } }))).body.__type).toBe('NotAuthorizedException');
    expect((await json(await call('GetUser', { AccessToken }))).body).toEqual({ __type: 'NotAuthorizedException', message: 'Access Token has been revoked' });
  });

  it('GlobalSignOut ends every sign-in of the person, on every client', async () => {
    const person = await seedUser(s.deps);
    const one = (await signInByCode(person.email!)).done.body.AuthenticationResult;
    const two = (await signInByCode(person.email!)).done.body.AuthenticationResult;
    expect(await json(await call('GlobalSignOut', { AccessToken: one.AccessToken }))).toEqual({ status: 200, body: {} });
    expect((await json(await call('GetUser', { AccessToken: two.AccessToken }))).body.__type).toBe('NotAuthorizedException');
    expect((await json(await call('GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: two.RefreshToken }))).body.__type).toBe('NotAuthorizedException');
  });

  it('REFRESH_TOKEN_AUTH rotates: the answer carries the next refresh token', async () => {
    const person = await seedUser(s.deps);
    const first = (await signInByCode(person.email!)).done.body.AuthenticationResult;
    const next = await json(await call('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: first.RefreshToken } }));
    expect(next.body.AuthenticationResult).toMatchObject({ AccessToken: expect.any(String), RefreshToken: expect.any(String), TokenType: 'Bearer' });
    expect(next.body.AuthenticationResult.RefreshToken).not.toBe(first.RefreshToken);
  });
});

describe('passkeys in Cognito\'s shapes', () => {
  it('ListWebAuthnCredentials lists them; DeleteWebAuthnCredential removes one, once; a token without the self-service scope may not', async () => {
    const person = await seedUser(s.deps);
    await s.deps.stores.passkeys.insert({
      id: 'cred-one', userId: person.id, publicKey: 'AQID', counter: 0, transports: ['internal'], aaguid: null, deviceType: 'singleDevice',
      backupEligible: false, backedUp: false, name: 'Laptop', flaggedAt: null, createdAt: 1_700_000_000_000, lastUsedAt: null,
    });
    const { AccessToken } = (await signInByCode(person.email!)).done.body.AuthenticationResult;
    expect((await json(await call('ListWebAuthnCredentials', { AccessToken }))).body).toEqual({
      Credentials: [{ CredentialId: 'cred-one', FriendlyCredentialName: 'Laptop', RelyingPartyId: 'localhost', AuthenticatorTransports: ['internal'], CreatedAt: 1_700_000_000 }],
    });
    const { id: plainClient } = await createClient(s.deps, { name: 'Plain', redirectUris: ['https://app.example.com/cb'] });
    const plainStarted = await json(await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: plainClient, AuthParameters: { USERNAME: person.email, PREFERRED_CHALLENGE: 'EMAIL_OTP' } }));
    const plain = await json(await call('RespondToAuthChallenge', { ClientId: plainClient, ChallengeName: 'EMAIL_OTP', Session: plainStarted.body.Session, ChallengeResponses: { USERNAME: person.email, EMAIL_OTP_CODE: await mailedCode(person.email!) } }));
    const refused = await json(await call('DeleteWebAuthnCredential', { AccessToken: plain.body.AuthenticationResult.AccessToken, CredentialId: 'cred-one' }));
    expect(refused.body.__type).toBe('NotAuthorizedException');
    expect(await json(await call('DeleteWebAuthnCredential', { AccessToken, CredentialId: 'cred-one' }))).toEqual({ status: 200, body: {} });
    expect((await json(await call('DeleteWebAuthnCredential', { AccessToken, CredentialId: 'cred-one' }))).body.__type).toBe('ResourceNotFoundException');
    expect((await json(await call('ListWebAuthnCredentials', { AccessToken }))).body).toEqual({ Credentials: [] });
  });
});

describe('CORS for browser apps', () => {
  it('a preflight from any origin is allowed with the headers Amplify sends, and answers expose the request id', async () => {
    const pre = await fetch(`${s.url}/cognito-idp/`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent,cache-control' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-amz-target');
    const res = await call('InitiateAuth', { AuthFlow: 'USER_AUTH', ClientId: clientId, AuthParameters: { USERNAME: 'x@example.com' } }, { origin: 'https://app.example.com' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
