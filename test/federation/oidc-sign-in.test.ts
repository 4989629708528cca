// Federated sign-in through an upstream OpenID provider over real HTTP: new people, imported Cognito identities,
// Entra's per-tenant issuer, and every refusal of a bad upstream answer (SPEC §10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { startUpstreamStandIn, type UpstreamStandIn } from '../helpers/oidc-upstream-stand-in.ts';
import { federatedSignIn, tradeCode } from '../helpers/federated-flow.ts';
import { saveProvider } from '../../src/core/federation/save-provider.ts';
import { importUsers } from '../../src/core/import/import-users.ts';
import { arraySource } from '../helpers/import-source.ts';
import { signInByEmailCode } from '../helpers/hosted-sign-in.ts';
import { listSignIns } from '../../src/core/admin/list-sign-ins.ts';

let s: TestServer;
let google: UpstreamStandIn;
let entra: UpstreamStandIn;
const ENTRA_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

beforeAll(async () => {
  s = await startTestServer();
  google = await startUpstreamStandIn();
  entra = await startUpstreamStandIn({ entraLike: true });
  await saveProvider(s.deps, { name: 'Google', type: 'google', issuer: google.issuer, clientId: google.clientId, clientSecret: google.clientSecret });
  await saveProvider(s.deps, { name: 'Entra', type: 'microsoft', issuer: entra.issuer, clientId: entra.clientId, clientSecret: entra.clientSecret, allowedTenants: [ENTRA_TENANT] });
});
afterAll(async () => {
  await s?.close();
  await google?.close();
  await entra?.close();
});

describe('a federated sign-in', () => {
  it('signs a newcomer up and ends in a token set with amr ["fed"] and Cognito-shaped identities', async () => {
    google.person = { sub: 'g-new-1', email: 'Newcomer@Example.com', email_verified: true, name: 'New Comer' };
    const tokens = await tradeCode(s, await federatedSignIn(s, 'Google'));
    const id = decodeJwt(tokens.id_token);
    expect(id.amr).toEqual(['fed']);
    expect(id.email).toBe('Newcomer@Example.com');
    expect(id.email_verified).toBe(true);
    expect(id.identities).toEqual([expect.objectContaining({ userId: 'g-new-1', providerName: 'Google', providerType: 'Google' })]);
    expect(await s.deps.stores.federation.findLink('default', 'Google', 'g-new-1')).toMatchObject({ userId: id.sub, status: 'active' });
  });

  it('signs an imported Cognito user in as the same person (same usr_ id and legacy sub), clearing freshlyMigrated', async () => {
    await importUsers(s.deps, arraySource([{
      Username: 'Google_g-imported', Enabled: true, UserStatus: 'EXTERNAL_PROVIDER',
      Attributes: [
        { Name: 'sub', Value: 'cog-sub-fed-1' }, { Name: 'email', Value: 'imported@example.com' }, { Name: 'email_verified', Value: 'true' },
        { Name: 'identities', Value: JSON.stringify([{ userId: 'g-imported', providerName: 'Google', providerType: 'Google', issuer: null, primary: true, dateCreated: 1642699117273 }]) },
      ],
    }]), { tenant: 'default' });
    const before = await s.deps.stores.users.findByEmail('default', 'imported@example.com');
    expect(before?.freshlyMigrated).toBe(true);
    google.person = { sub: 'g-imported', email: 'imported@example.com', email_verified: true };
    const tokens = await tradeCode(s, await federatedSignIn(s, 'Google'));
    const id = decodeJwt(tokens.id_token);
    const access = decodeJwt(tokens.access_token);
    expect(id.sub).toBe(before!.id);
    expect(access.legacy_sub).toBe('cog-sub-fed-1');
    expect(id.amr).toEqual(['fed']);
    expect(id.identities).toEqual([expect.objectContaining({ userId: 'g-imported', providerName: 'Google' })]);
    expect((await s.deps.stores.users.findById(before!.id))?.freshlyMigrated).toBe(false);
    // The console's person page lists it among their sign-ins, as it does email and passkey ones.
    expect((await listSignIns(s.deps, before!.id)).map((e) => [e.type, e.detail?.provider])).toEqual([['federated.sign_in.succeeded', 'Google']]);
  });

  it('keeps an identity imported from an unverified Cognito email closed until the email is proven', async () => {
    await importUsers(s.deps, arraySource([{
      Username: 'Google_g-unverified', Enabled: true,
      Attributes: [
        { Name: 'sub', Value: 'cog-sub-fed-2' }, { Name: 'email', Value: 'unverified@example.com' }, { Name: 'email_verified', Value: 'false' },
        { Name: 'identities', Value: JSON.stringify([{ userId: 'g-unverified', providerName: 'Google' }]) },
      ],
    }]), { tenant: 'default' });
    expect(await s.deps.stores.federation.findLink('default', 'Google', 'g-unverified')).toMatchObject({ status: 'untrusted' });
    google.person = { sub: 'g-unverified', email: 'unverified@example.com', email_verified: true };
    const refused = await federatedSignIn(s, 'Google');
    expect(refused.callback.status).toBe(400);
    expect(await refused.callback.text()).toContain('must first confirm its email');

    // once the person proves the address by an emailed code, the imported link opens the account
    const q = new URLSearchParams({ client_id: 'account', redirect_uri: `${s.url}/account`, code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' });
    await signInByEmailCode(s, `${s.url}/login?${q}`, 'unverified@example.com');
    expect(await s.deps.stores.federation.findLink('default', 'Google', 'g-unverified')).toMatchObject({ status: 'active' });
    const id = decodeJwt((await tradeCode(s, await federatedSignIn(s, 'Google'))).id_token);
    expect(id.sub).toBe((await s.deps.stores.users.findByEmail('default', 'unverified@example.com'))!.id);
  });

  it('accepts an Entra token whose issuer is the template filled with its own tid, from an allowed tenant only', async () => {
    entra.person = { sub: 'entra-oid-1', email: 'worker@contoso.com', tid: ENTRA_TENANT };
    const tokens = await tradeCode(s, await federatedSignIn(s, 'Entra'));
    expect(decodeJwt(tokens.id_token).amr).toEqual(['fed']);

    entra.person = { sub: 'entra-oid-2', email: 'other@fabrikam.com', tid: '11111111-2222-3333-4444-555555555555' };
    const otherTenant = await federatedSignIn(s, 'Entra');
    expect(otherTenant.callback.status).toBe(400);
    expect(await otherTenant.callback.text()).toContain('not allowed');

    // a token naming one tenant in `iss` and another in `tid` is someone else's token
    entra.person = { sub: 'entra-oid-3', tid: ENTRA_TENANT };
    entra.bend = { iss: `${entra.issuer.replace('/common/v2.0', '')}/11111111-2222-3333-4444-555555555555/v2.0` };
    const mismatched = await federatedSignIn(s, 'Entra');
    expect(mismatched.callback.status).toBe(400);
    expect(await mismatched.callback.text()).toContain('iss');
  });
});

describe('Sign in with Apple', () => {
  it('signs in with a client secret JWT from the team key, the answer posted back as a form', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const apple = await startUpstreamStandIn({ appleLike: { teamId: 'TEAM123456', keyId: 'KEY1234567', publicKey } });
    try {
      await saveProvider(s.deps, {
        name: 'SignInWithApple', type: 'apple', issuer: apple.issuer, clientId: apple.clientId, appleTeamId: 'TEAM123456', appleKeyId: 'KEY1234567',
        applePrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
      });
      apple.person = { sub: '001234.apple-user', email: 'relay@privaterelay.appleid.com', email_verified: true };
      const attempt = await federatedSignIn(s, 'SignInWithApple');
      const id = decodeJwt((await tradeCode(s, attempt)).id_token);
      expect(id.amr).toEqual(['fed']);
      expect(id.identities).toEqual([expect.objectContaining({ userId: '001234.apple-user', providerName: 'SignInWithApple', providerType: 'SignInWithApple' })]);
      // Apple vouches for nothing by default here: the address is not kept as the account's email
      expect(id.email).toBeUndefined();
    } finally {
      await apple.close();
    }
  });
});

describe('refusals of a bad upstream answer', () => {
  const refusedWith = async (text: RegExp, bend: () => void, bendCallback?: (u: URL) => void) => {
    google.person = { sub: `g-refused-${Math.random()}`, email: `r${Math.random().toString(36).slice(2)}@example.com`, email_verified: true };
    bend();
    const attempt = await federatedSignIn(s, 'Google', undefined, bendCallback);
    expect(attempt.callback.status).toBe(400);
    expect(attempt.callback.headers.get('location')).toBeNull();
    expect(await attempt.callback.text()).toMatch(text);
    expect(await s.deps.stores.federation.findLink('default', 'Google', google.person.sub)).toBeNull();
  };

  it('a wrong state', () => refusedWith(/state/, () => {}, (u) => u.searchParams.set('state', 'forged-state-value')));
  it('a wrong nonce', () => refusedWith(/nonce/, () => { google.bend = { nonce: 'someone-elses-nonce' }; }));
  it('an ID token from another issuer', () => refusedWith(/iss/, () => { google.bend = { iss: 'https://evil.example.com' }; }));
  it('an ID token for another audience', () => refusedWith(/aud/, () => { google.bend = { aud: 'another-client' }; }));
  it('an expired ID token', () => refusedWith(/exp|timestamp/i, () => { google.bend = { expiredSecondsAgo: 3600 }; }));
  it('an ID token signed with an unknown key', () => refusedWith(/signature|key/i, () => { google.bend = { unknownKey: true }; }));

  it('a callback carried to another browser (no state cookie), and a replayed callback', async () => {
    google.person = { sub: 'g-replay', email: 'replay@example.com', email_verified: true };
    const first = await federatedSignIn(s, 'Google');
    expect(first.callback.status).toBe(303);
    const elsewhere = await fetch(first.callbackUrl, { redirect: 'manual' });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toContain('did not start in this browser');
    const again = await fetch(first.callbackUrl, { redirect: 'manual', headers: { cookie: `cutover_fed_state=${new URL(first.callbackUrl).searchParams.get('state')}` } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('already used');
  });
});
