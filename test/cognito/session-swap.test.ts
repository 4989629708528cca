// Session swap (RFC 8693, SPEC §12) against the real cognito-local: a live Cognito session becomes cutover tokens for the
// same person; forged, expired, other-pool and other-client tokens, and clients without the setting, are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { decodeJwt, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import {
  AdminCreateUserCommand, AdminSetUserPasswordCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createClient } from '../../src/core/clients/create-client.ts';
import { startCognitoLocal, LOCAL_CREDENTIALS, type CognitoLocal } from '../helpers/cognito-local.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';

let cognito: CognitoLocal;
let s: TestServer;
let pool: string;
let otherPool: string;
let appClient: string;
let otherAppClient: string;
let otherPoolClient: string;
let noSwapClient: string;
let sub: string;

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const TYPE = (t: string) => `urn:ietf:params:oauth:token-type:${t}`;

async function cognitoSignIn(clientId: string, username = 'ada', password = 'Final-Passw0rd!') {
  const res = await cognito.client.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }));
  return res.AuthenticationResult!;
}

const swap = (clientId: string, fields: Record<string, string>) => fetch(`${s.url}/oauth2/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: GRANT, client_id: clientId, ...fields }),
});

async function poolClient(poolId: string, name: string) {
  const res = await cognito.client.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: name, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }));
  return res.UserPoolClient!.ClientId!;
}

async function addUser(poolId: string, username: string, email: string) {
  const res = await cognito.client.send(new AdminCreateUserCommand({
    UserPoolId: poolId, Username: username, MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-Passw0rd!',
    UserAttributes: [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
  }));
  await cognito.client.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: 'Final-Passw0rd!', Permanent: true }));
  return res.User!.Attributes!.find((a) => a.Name === 'sub')!.Value!;
}

/** A token signed with the emulator's own key: genuine in every way but the claims we choose (e.g. long expired). */
async function signedByPool(payload: JWTPayload, exp: number) {
  const { jwk } = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { jwk: JWK };
  const key = await importJWK(jwk, 'RS256');
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).setIssuer(`${cognito.endpoint}/${pool}`).setIssuedAt(exp - 3600).setExpirationTime(exp).sign(key);
}

beforeAll(async () => {
  cognito = await startCognitoLocal();
  Object.assign(process.env, { AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey });
  pool = (await cognito.client.send(new CreateUserPoolCommand({ PoolName: 'legacy' }))).UserPool!.Id!;
  otherPool = (await cognito.client.send(new CreateUserPoolCommand({ PoolName: 'elsewhere' }))).UserPool!.Id!;
  appClient = await poolClient(pool, 'web');
  otherAppClient = await poolClient(pool, 'mobile');
  otherPoolClient = await poolClient(otherPool, 'web');
  noSwapClient = await poolClient(pool, 'admin');
  sub = await addUser(pool, 'ada', 'ada@example.com');
  await addUser(otherPool, 'ada', 'ada@example.com');
  s = await startTestServer({ CUTOVER_COGNITO_USER_POOL_ID: pool, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint, AWS_REGION: 'local' });
  // cutover's clients keep the Cognito app clients' ids (as `import clients` does).
  for (const id of [appClient, otherAppClient, otherPoolClient]) {
    await createClient(s.deps, { clientId: id, name: id, redirectUris: ['https://app.example.com/cb'], allowCognitoSessionSwap: true });
  }
  await createClient(s.deps, { clientId: noSwapClient, name: 'no swap', redirectUris: ['https://app.example.com/cb'] });
}, 120_000);
afterAll(async () => {
  await s?.close();
  await cognito?.stop();
});

describe('swapping a live Cognito session', () => {
  it('an access token becomes a cutover token set for the same person (imported just in time, then found by link)', async () => {
    const cognitoTokens = await cognitoSignIn(appClient);
    const res = await swap(appClient, { subject_token: cognitoTokens.AccessToken!, subject_token_type: TYPE('access_token') });
    expect(res.status).toBe(200);
    const set = await res.json() as Record<string, string>;
    expect(set).toMatchObject({ token_type: 'Bearer', issued_token_type: TYPE('access_token'), refresh_token: expect.any(String) });
    const access = decodeJwt(set.access_token);
    const id = decodeJwt(set.id_token);
    expect(access).toMatchObject({ iss: s.url, client_id: appClient, legacy_sub: sub, token_use: 'access', username: 'ada' });
    expect(id).toMatchObject({ email: 'ada@example.com', legacy_sub: sub, amr: ['cognito_session_swap'] });
    expect(access.sub).toMatch(/^usr_/);

    // Swapped again (another sign-in): the same person, found by the legacy link.
    const again = await (await swap(appClient, { subject_token: (await cognitoSignIn(appClient)).AccessToken!, subject_token_type: TYPE('access_token') })).json() as Record<string, string>;
    expect(decodeJwt(again.access_token).sub).toBe(access.sub);
    const audit = await s.deps.stores.audit.list({ userId: access.sub as string, type: 'cognito.session_swapped', limit: 10 });
    expect(audit).toHaveLength(2);
    expect(audit[0].detail).toMatchObject({ userPoolId: pool, legacySub: sub, tokenType: 'access_token' });
  });

  it('an ID token with the access token of the same sign-in, and a refresh token, swap too', async () => {
    const t = await cognitoSignIn(appClient);
    const byId = await swap(appClient, { subject_token: t.IdToken!, subject_token_type: TYPE('id_token'), actor_token: t.AccessToken!, actor_token_type: TYPE('access_token') });
    expect(byId.status).toBe(200);
    expect(decodeJwt((await byId.json() as Record<string, string>).access_token).legacy_sub).toBe(sub);
    const byRefresh = await swap(appClient, { subject_token: t.RefreshToken!, subject_token_type: TYPE('refresh_token') });
    expect(byRefresh.status).toBe(200);
    const noActor = await swap(appClient, { subject_token: t.IdToken!, subject_token_type: TYPE('id_token') });
    expect(await noActor.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses forged, expired, other-pool and other-client tokens, and a client without the setting', async () => {
    const t = await cognitoSignIn(appClient);
    const claims = decodeJwt(t.AccessToken!);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' }).sign(privateKey);
    const expired = await signedByPool({ ...claims, iat: undefined, exp: undefined }, Math.floor(Date.now() / 1000) - 60);
    const otherPoolToken = (await cognitoSignIn(otherPoolClient)).AccessToken!;
    const otherClientToken = (await cognitoSignIn(otherAppClient)).AccessToken!;
    const cases: [string, string, string, string][] = [
      ['forged', appClient, forged, 'invalid_grant'],
      ['expired', appClient, expired, 'invalid_grant'],
      ['other pool', otherPoolClient, otherPoolToken, 'invalid_grant'],
      ['other client', appClient, otherClientToken, 'invalid_grant'],
      ['an ID token sent as an access token', appClient, t.IdToken!, 'invalid_grant'],
      ['a client without the setting', noSwapClient, t.AccessToken!, 'unauthorized_client'],
    ];
    for (const [name, clientId, token, error] of cases) {
      const res = await swap(clientId, { subject_token: token, subject_token_type: TYPE('access_token') });
      expect(res.status, name).toBe(400);
      expect((await res.json() as { error: string }).error, name).toBe(error);
    }
    const badType = await swap(appClient, { subject_token: t.AccessToken!, subject_token_type: 'urn:x:saml' });
    expect(await badType.json()).toMatchObject({ error: 'invalid_request' });
  });
});
