// Hybrid mode, seen from the user pool: a stand-in relying party that does what AWS documents Cognito doing with an
// OIDC identity provider (ProviderType OIDC, oidc_issuer, authorize_scopes "openid email", client_secret_post, no
// PKCE, attributes_request_method GET or POST) completes a sign-in against a listening cutover, and the `sub` it sees
// is the one `hybrid link` linked (the cutover user id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import type { User } from '../../src/core/ports/users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { signInByEmailCode } from '../helpers/hosted-sign-in.ts';

const IDP_RESPONSE = 'https://shop-auth.auth.eu-west-1.amazoncognito.com/oauth2/idpresponse';
let s: TestServer;
let user: User;
let provider: { client_id: string; client_secret: string; authorize_scopes: string; oidc_issuer: string };

beforeAll(async () => {
  s = await startTestServer({ CUTOVER_RATE_LIMIT_EMAIL: '100/15m' });
  const key = (await createAdminKey(s.deps, 'test')).key;
  user = await seedUser(s.deps, { emailVerified: true });
  const res = await fetch(`${s.url}/v1/admin/clients`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ name: 'Cognito user pool (hybrid)', confidential: true, redirectUris: [IDP_RESPONSE] }),
  });
  expect(res.status).toBe(201);
  const client = await res.json();
  // CreateIdentityProvider's ProviderDetails, as the README's "Hybrid mode" section tells a team to set them.
  provider = { client_id: client.clientId, client_secret: client.clientSecret, authorize_scopes: 'openid email', oidc_issuer: s.url };
});
afterAll(() => s.close());

/** The stand-in Cognito: discovery from oidc_issuer, authorize without PKCE, token with client_secret_post, ID token checks, userinfo. */
async function cognitoFederatedSignIn(attributesRequestMethod: 'GET' | 'POST') {
  const discovery = await (await fetch(`${provider.oidc_issuer}/.well-known/openid-configuration`)).json();
  // Cognito requires the discovered issuer to be exactly oidc_issuer (no trailing slash added or dropped).
  expect(discovery.issuer).toBe(provider.oidc_issuer);
  expect(discovery.token_endpoint_auth_methods_supported).toContain('client_secret_post');
  expect(discovery.response_types_supported).toContain('code');

  const state = crypto.randomUUID();
  const nonce = crypto.randomUUID();
  const authorize = new URL(discovery.authorization_endpoint);
  for (const [k, v] of Object.entries({ response_type: 'code', client_id: provider.client_id, redirect_uri: IDP_RESPONSE, scope: provider.authorize_scopes, state, nonce })) {
    authorize.searchParams.set(k, v);
  }
  const { location } = await signInByEmailCode(s, authorize, user.email!);
  const back = new URL(location);
  expect(`${back.origin}${back.pathname}`).toBe(IDP_RESPONSE);
  expect(back.searchParams.get('state')).toBe(state);
  expect(back.searchParams.get('iss')).toBe(provider.oidc_issuer);

  const tokenRes = await fetch(discovery.token_endpoint, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: IDP_RESPONSE,
      client_id: provider.client_id, client_secret: provider.client_secret,
    }),
  });
  expect(tokenRes.status).toBe(200);
  const tokens = await tokenRes.json();
  expect(tokens.token_type).toBe('Bearer');

  // ID token: signature from jwks_uri, RS256, iss, aud, exp, nonce.
  const { payload: id, protectedHeader } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
    issuer: provider.oidc_issuer, audience: provider.client_id, algorithms: ['RS256'],
  });
  expect(protectedHeader.alg).toBe('RS256');
  expect(id.nonce).toBe(nonce);

  const userinfo = attributesRequestMethod === 'GET'
    ? await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${tokens.access_token}` } })
    : await fetch(discovery.userinfo_endpoint, { method: 'POST', headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(userinfo.status).toBe(200);
  const attributes = await userinfo.json();
  // OIDC Core §5.3.2: the userinfo sub must equal the ID token's, or the RP must refuse the answer.
  expect(attributes.sub).toBe(id.sub);
  return { id, attributes };
}

describe('a Cognito user pool signing people in through cutover (hybrid mode)', () => {
  it.each(['GET', 'POST'] as const)('completes a federated sign-in with userinfo by %s; the mapped attributes are there', async (method) => {
    const { id, attributes } = await cognitoFederatedSignIn(method);
    // The sub Cognito sees is cutover's user id: what `hybrid link` linked as Cognito_Subject.
    expect(id.sub).toBe(user.id);
    // The attribute mapping of the README: email ← email, email_verified ← email_verified.
    expect(attributes).toMatchObject({ sub: user.id, email: user.email, email_verified: true });
  });

  it('refuses the pool\'s token request without its secret, and with a redirect URI other than idpresponse', async () => {
    const res = await fetch(`${s.url}/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', redirect_uri: IDP_RESPONSE, client_id: provider.client_id }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_client');
    const page = await fetch(`${s.url}/oauth2/authorize?response_type=code&client_id=${provider.client_id}&redirect_uri=${encodeURIComponent('https://evil.example.com/oauth2/idpresponse')}&scope=openid`, { redirect: 'manual' });
    expect(page.status).toBe(400);
  });
});
