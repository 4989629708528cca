// openid-client v6 (panva), a relying party nobody here wrote, against a listening cutover: discovery, authorization code
// with PKCE as a public client and as a confidential one (client_secret_basic and _post), with and without a nonce,
// refresh, userinfo, client_credentials; prompt, max_age, login_hint; both logouts. Tokens checked by aws-jwt-verify.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { legacyLinks } from '../../db/sqlite/schema.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import type { User } from '../../src/core/ports/users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { verifierFor } from '../helpers/verifier.ts';
import { signInByEmailCode } from '../helpers/hosted-sign-in.ts';

let s: TestServer;
let user: User;
const CB = 'https://rp.example.com/cb';
const BYE = 'https://rp.example.com/bye';
type Registered = { clientId: string; clientSecret?: string };
let web: Registered;
let spa: Registered;
let machine: Registered;

async function register(adminKey: string, body: object): Promise<Registered> {
  const res = await fetch(`${s.url}/v1/admin/clients`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` }, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return res.json();
}

const rp = (c: Registered, auth: oidc.ClientAuth) => oidc.discovery(new URL(s.url), c.clientId, undefined, auth, { execute: [oidc.allowInsecureRequests] });

/** Builds the authorization URL the way an app does, signs in by email code, and trades the code. */
async function codeFlow(config: oidc.Configuration, opts: { nonce?: boolean; scope?: string; via?: 'code' | 'link' } = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = opts.nonce ? oidc.randomNonce() : undefined;
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: CB, scope: opts.scope ?? 'openid email profile', state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    ...(nonce ? { nonce } : {}),
  });
  const { location, cookie } = await signInByEmailCode(s, url, user.email!, opts.via);
  const tokens = await oidc.authorizationCodeGrant(config, new URL(location), { pkceCodeVerifier: verifier, expectedState: state, ...(nonce ? { expectedNonce: nonce } : {}) });
  return { tokens, cookie, location };
}

beforeAll(async () => {
  // each test signs the same person in again by mail: more mails per address than the default 5 per 15 minutes
  s = await startTestServer({ CUTOVER_RATE_LIMIT_EMAIL: '100/15m' });
  const key = (await createAdminKey(s.deps, 'test')).key;
  user = await seedUser(s.deps, { attributes: { 'custom:tier': 'gold', 'custom:internal': 'x' }, roles: ['staff'] });
  await s.db.insert(legacyLinks).values({ userPoolId: 'us-east-1_Pool', sub: '6513270e-269e-4d37-b2a7-4de452e6b438', userId: user.id, username: 'ada', status: 'CONFIRMED', createdAt: 1, updatedAt: 1 });
  await fetch(`${s.url}/v1/admin/resource-servers`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ identifier: 'orders', name: 'Orders', scopes: [{ name: 'read' }] }) });
  web = await register(key, { name: 'Web', redirectUris: [CB], logoutUris: [BYE], confidential: true, readAttributes: ['custom:tier'], scopes: ['openid', 'email', 'profile', 'orders/read'] });
  spa = await register(key, { name: 'SPA', redirectUris: [CB], logoutUris: [BYE] });
  machine = await register(key, { name: 'M2M', confidential: true, grantTypes: ['client_credentials'], scopes: ['orders/read'] });
});
afterAll(() => s.close());

describe('openid-client against cutover', () => {
  it('discovers Cognito\'s endpoints and says what is supported', async () => {
    const meta = (await rp(spa, oidc.None())).serverMetadata();
    expect(meta).toMatchObject({
      issuer: s.url, authorization_endpoint: `${s.url}/oauth2/authorize`, token_endpoint: `${s.url}/oauth2/token`,
      userinfo_endpoint: `${s.url}/oauth2/userInfo`, end_session_endpoint: `${s.url}/logout`, authorization_response_iss_parameter_supported: true,
    });
    expect(meta.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
  });

  it('confidential client, client_secret_basic, with a nonce: Cognito claims, refresh, userinfo; aws-jwt-verify accepts the tokens', async () => {
    const config = await rp(web, oidc.ClientSecretBasic(web.clientSecret!));
    const { tokens, location } = await codeFlow(config, { nonce: true });
    expect(new URL(location).searchParams.get('iss')).toBe(s.url);
    const id = tokens.claims()!;
    expect(id).toMatchObject({ sub: user.id, aud: web.clientId, email: user.email, 'cognito:username': 'ada', 'custom:tier': 'gold', token_use: 'id', amr: ['otp'] });
    expect(id).not.toHaveProperty('custom:internal'); // not in this client's readAttributes
    const access = await (await verifierFor(s.url, web.clientId, 'access')).verify(tokens.access_token);
    expect(access).toMatchObject({ username: 'ada', client_id: web.clientId, scope: 'openid email profile', origin_jti: expect.any(String), iat: expect.any(Number) });
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.claims()).toMatchObject({ sub: user.id, auth_time: id.auth_time });
    expect((await (await verifierFor(s.url, web.clientId, 'access')).verify(refreshed.access_token)).origin_jti).toBe(access.origin_jti);
    const info = await oidc.fetchUserInfo(config, refreshed.access_token, user.id);
    expect(info).toMatchObject({ sub: user.id, email: user.email, email_verified: true, 'custom:tier': 'gold' });
    expect(info).not.toHaveProperty('custom:internal');
  });

  it('confidential client, client_secret_post, without a nonce: no nonce in the ID token; a custom scope lands in the access token', async () => {
    const config = await rp(web, oidc.ClientSecretPost(web.clientSecret!));
    const { tokens } = await codeFlow(config, { scope: 'openid email orders/read' });
    expect(tokens.claims()).not.toHaveProperty('nonce');
    expect((await (await verifierFor(s.url, web.clientId, 'access')).verify(tokens.access_token)).scope).toBe('openid email orders/read');
    // email scope only: userinfo leaves out the profile claims
    const info = await oidc.fetchUserInfo(config, tokens.access_token, user.id);
    expect(info.email).toBe(user.email);
  });

  it('public client with PKCE (no secret), and userinfo by POST with the token in the body', async () => {
    const config = await rp(spa, oidc.None());
    const { tokens } = await codeFlow(config, { nonce: true });
    expect(tokens.claims()!.aud).toBe(spa.clientId);
    const res = await fetch(`${s.url}/oauth2/userInfo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ access_token: tokens.access_token }) });
    expect(res.status).toBe(200);
    expect((await res.json()).sub).toBe(user.id);
  });

  it('the magic link carries the request\'s scope and nonce to the code, even opened on another device', async () => {
    const config = await rp(spa, oidc.None());
    const { tokens } = await codeFlow(config, { nonce: true, scope: 'openid email', via: 'link' });
    expect(tokens.claims()!.amr).toEqual(['email']);
    expect((await (await verifierFor(s.url, spa.clientId, 'access')).verify(tokens.access_token)).scope).toBe('openid email');
  });

  it('client_credentials for a machine client', async () => {
    const config = await rp(machine, oidc.ClientSecretBasic(machine.clientSecret!));
    const t = await oidc.clientCredentialsGrant(config, { scope: 'orders/read' });
    expect(t.refresh_token).toBeUndefined();
    const payload = await (await verifierFor(s.url, machine.clientId, 'access')).verify(t.access_token, { scope: 'orders/read' } as never);
    expect(payload).toMatchObject({ sub: machine.clientId, scope: 'orders/read' });
  });

  it('a scope the client may not ask for: invalid_scope at the redirect URI', async () => {
    const config = await rp(spa, oidc.None());
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CB, scope: 'openid orders/read', state: 'st', code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()), code_challenge_method: 'S256' });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(Object.fromEntries(new URL(res.headers.get('location')!).searchParams)).toMatchObject({ error: 'invalid_scope', state: 'st', iss: s.url });
  });

  it('prompt=none: login_required without a session, a code at once with one; max_age and login_hint', async () => {
    const config = await rp(web, oidc.ClientSecretBasic(web.clientSecret!));
    const verifier = oidc.randomPKCECodeVerifier();
    const params = async (extra: Record<string, string>) => oidc.buildAuthorizationUrl(config, {
      redirect_uri: CB, scope: 'openid email', state: 'st', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', ...extra,
    });
    const anonymous = await fetch(await params({ prompt: 'none' }), { redirect: 'manual' });
    expect(Object.fromEntries(new URL(anonymous.headers.get('location')!).searchParams)).toMatchObject({ error: 'login_required', state: 'st', iss: s.url });

    const { cookie } = await codeFlow(config);
    const silent = await fetch(await params({ prompt: 'none', max_age: '3600' }), { redirect: 'manual', headers: { cookie } });
    expect(silent.status).toBe(303);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(silent.headers.get('location')!), { pkceCodeVerifier: verifier, expectedState: 'st', maxAge: 3600 });
    expect(tokens.claims()!.auth_time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));

    const forced = await fetch(await params({ prompt: 'login', login_hint: user.email! }), { redirect: 'manual', headers: { cookie } });
    expect(forced.status).toBe(200);
    expect(await forced.text()).toContain(`value="${user.email}"`);
    const tooOld = await fetch(await params({ max_age: '0' }), { redirect: 'manual', headers: { cookie } });
    expect(tooOld.status).toBe(200); // the sign-in page again
  });

  it('Cognito /logout ends the server session and returns only to a registered logout_uri', async () => {
    const config = await rp(web, oidc.ClientSecretBasic(web.clientSecret!));
    const { cookie } = await codeFlow(config);
    const evil = await fetch(`${s.url}/logout?${new URLSearchParams({ client_id: web.clientId, logout_uri: 'https://evil.example/' })}`, { redirect: 'manual', headers: { cookie } });
    expect(evil.status).toBe(400);
    expect(evil.headers.get('location')).toBeNull();
    const bye = await fetch(`${s.url}/logout?${new URLSearchParams({ client_id: web.clientId, logout_uri: BYE })}`, { redirect: 'manual', headers: { cookie } });
    expect(bye.status).toBe(303);
    expect(bye.headers.get('location')).toBe(BYE);
    // the old cookie no longer signs anyone in: the session ended on the server, not only in the browser
    const after = await fetch(`${s.url}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: web.clientId, redirect_uri: CB, prompt: 'none' })}`, { redirect: 'manual', headers: { cookie } });
    expect(new URL(after.headers.get('location')!).searchParams.get('error')).toBe('login_required');
  });

  it('OIDC RP-initiated logout with id_token_hint, post_logout_redirect_uri and state', async () => {
    const config = await rp(web, oidc.ClientSecretBasic(web.clientSecret!));
    const { tokens, cookie } = await codeFlow(config);
    const good = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: BYE, state: 'bye-1' });
    const res = await fetch(good, { redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${BYE}?state=bye-1`);
    const bad = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://evil.example/' });
    expect((await fetch(bad, { redirect: 'manual' })).status).toBe(400);
  });
});
