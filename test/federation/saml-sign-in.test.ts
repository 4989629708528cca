// SAML sign-in against an IdP run in the test (SPEC §10, Node only): a signed assertion signs in, and unsigned, wrong
// audience, wrong recipient, expired, replayed and signature-wrapped answers are refused; an email match never links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { startTestServer, makeTestApp, type TestServer } from '../helpers/app.ts';
import { createSamlIdp, type SamlIdp } from '../helpers/saml-idp.ts';
import { Jar, tradeCode, type FederatedAttempt } from '../helpers/federated-flow.ts';
import { seedUser } from '../helpers/users.ts';
import { saveProvider } from '../../src/core/federation/save-provider.ts';
import { createClient } from '../../src/core/clients/create-client.ts';
import { startFederatedSignIn } from '../../src/core/federation/start-federated-sign-in.ts';
import { createHash, randomBytes } from 'node:crypto';

let s: TestServer;
let idp: SamlIdp;
let acs: string;
beforeAll(async () => {
  s = await startTestServer();
  idp = await createSamlIdp();
  acs = `${s.url}/oauth2/idpresponse`;
  await saveProvider(s.deps, { name: 'Contoso', type: 'saml', samlMetadata: idp.metadata, vouchesForEmail: true, identifiers: ['contoso.test'] });
});
afterAll(() => s?.close());

/** Starts at /oauth2/authorize (→ the IdP's SSO URL with RelayState), then posts `samlResponse` as the IdP's form would. */
async function samlSignIn(samlResponse: (relayState: string) => string): Promise<FederatedAttempt> {
  const verifier = randomBytes(32).toString('base64url');
  const jar = new Jar();
  const q = new URLSearchParams({
    identity_provider: 'Contoso', response_type: 'code', client_id: 'account', redirect_uri: `${s.url}/account`, state: 'app-state',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
  });
  const start = await fetch(`${s.url}/oauth2/authorize?${q}`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  jar.take(start);
  const sso = new URL(start.headers.get('location')!);
  expect(sso.origin + sso.pathname).toBe('https://idp.contoso.test/sso');
  expect(sso.searchParams.get('SAMLRequest')).toBeTruthy();
  const relayState = sso.searchParams.get('RelayState')!;
  const callback = await fetch(acs, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ SAMLResponse: samlResponse(relayState), RelayState: relayState }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://idp.contoso.test', cookie: jar.header() },
  });
  return { callback, verifier, jar, callbackUrl: acs };
}

const refused = async (attempt: FederatedAttempt, text: RegExp) => {
  expect(attempt.callback.status).toBe(400);
  expect(attempt.callback.headers.get('location')).toBeNull();
  expect(await attempt.callback.text()).toMatch(text);
};

describe('SAML sign-in', () => {
  it('signs a person in from a signed assertion, amr ["fed"], identities in Cognito\'s shape', async () => {
    const tokens = await tradeCode(s, await samlSignIn(() => idp.response({ nameId: 'emp-1001', email: 'emp1001@contoso.test', audience: s.url, recipient: acs })));
    const id = decodeJwt(tokens.id_token);
    expect(id.amr).toEqual(['fed']);
    expect(id.email).toBe('emp1001@contoso.test');
    expect(id.identities).toEqual([expect.objectContaining({ userId: 'emp-1001', providerName: 'Contoso', providerType: 'SAML' })]);
    // the next sign-in of that NameID is the same person
    const again = decodeJwt((await tradeCode(s, await samlSignIn(() => idp.response({ nameId: 'emp-1001', audience: s.url, recipient: acs })))).id_token);
    expect(again.sub).toBe(id.sub);
  });

  it('idp_identifier picks the provider by one of its identifiers (Cognito\'s IdpIdentifiers); an unknown one goes back to the app', async () => {
    const q = (idp: string) => new URLSearchParams({ idp_identifier: idp, response_type: 'code', client_id: 'account', redirect_uri: `${s.url}/account`, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', state: 'st' });
    const start = await fetch(`${s.url}/oauth2/authorize?${q('Contoso.TEST')}`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toMatch(/^https:\/\/idp\.contoso\.test\/sso\?SAMLRequest=/);
    const unknown = await fetch(`${s.url}/oauth2/authorize?${q('fabrikam.test')}`, { redirect: 'manual' });
    const back = new URL(unknown.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(`${s.url}/account`);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('state')).toBe('st');
  });

  it('refuses an unsigned assertion', async () => {
    await refused(await samlSignIn(() => idp.response({ nameId: 'emp-2', audience: s.url, recipient: acs, unsigned: true })), /signature/i);
  });

  it('refuses an assertion for another audience', async () => {
    await refused(await samlSignIn(() => idp.response({ nameId: 'emp-3', audience: 'urn:amazon:cognito:sp:eu-west-1_Other', recipient: acs })), /audience/i);
  });

  it('refuses an assertion for another recipient', async () => {
    await refused(await samlSignIn(() => idp.response({ nameId: 'emp-4', audience: s.url, recipient: 'https://elsewhere.example.com/acs' })), /Recipient/);
  });

  it('refuses a Response addressed to another Destination', async () => {
    const elsewhere = () => Buffer.from(idp.responseXml({ nameId: 'emp-4b', audience: s.url, recipient: acs })
      .replace(`Destination="${acs}"`, 'Destination="https://elsewhere.example.com/acs"')).toString('base64');
    await refused(await samlSignIn(elsewhere), /Destination/);
  });

  it('refuses an expired assertion', async () => {
    await refused(await samlSignIn(() => idp.response({ nameId: 'emp-5', audience: s.url, recipient: acs, validMinutes: -5 })), /expired|NotOnOrAfter|too old/i);
  });

  it('refuses a replayed assertion, even in a sign-in of its own', async () => {
    const once = idp.response({ nameId: 'emp-6', audience: s.url, recipient: acs });
    expect((await samlSignIn(() => once)).callback.status).toBe(303);
    await refused(await samlSignIn(() => once), /already used/);
  });

  it('refuses a signature-wrapping forgery (the signed assertion hidden, a forged one in its place)', async () => {
    const victim = await seedUser(s.deps, { email: null, emailVerified: false });
    const now = Date.now();
    await s.deps.stores.federation.addLink({ tenant: 'default', provider: 'Contoso', subject: 'ceo', userId: victim.id, status: 'active', email: null, createdAt: now }, { userId: 'ceo', providerName: 'Contoso' }, now);
    const forge = () => {
      const signed = idp.responseXml({ nameId: 'attacker', audience: s.url, recipient: acs });
      const original = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(signed)![0];
      // XSW: the forged assertion (ID changed, NameID of the victim, no valid signature over it) is where a naive
      // reader looks; the genuinely signed one moves into Extensions, where its signature still verifies.
      const forged = original.replace(/ID="[^"]+"/, 'ID="_forged"').replace('>attacker<', '>ceo<');
      const wrapped = signed.replace(original, `${forged}`).replace('<samlp:Status>', `<samlp:Extensions>${original}</samlp:Extensions><samlp:Status>`);
      return Buffer.from(wrapped).toString('base64');
    };
    await refused(await samlSignIn(forge), /signature/i);
    const second = () => {
      const signed = idp.responseXml({ nameId: 'attacker', audience: s.url, recipient: acs });
      const original = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(signed)![0];
      const forged = original.replace(/ID="[^"]+"/, 'ID="_forged2"').replace('>attacker<', '>ceo<').replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
      return Buffer.from(signed.replace(original, `${forged}${original}`)).toString('base64');
    };
    await refused(await samlSignIn(second), /multiple assertions|signature/i);
    expect((await s.deps.stores.users.findById(victim.id))?.lastSignInAt).toBeNull();
  });

  it('never links by email: an email match is refused, not made pending', async () => {
    const owner = await seedUser(s.deps, { email: 'boss@contoso.test', emailVerified: true });
    await refused(await samlSignIn(() => idp.response({ nameId: 'emp-boss', email: 'boss@contoso.test', audience: s.url, recipient: acs })), /not linked to this SAML provider/);
    expect(await s.deps.stores.federation.findLink('default', 'Contoso', 'emp-boss')).toBeNull();
    expect((await s.deps.stores.users.findById(owner.id))?.lastSignInAt).toBeNull();
  });
});

describe('the per-IP budget of federated starts', () => {
  it('refuses starts past CUTOVER_RATE_LIMIT_IP, back at the app with rate_limited', async () => {
    const t = await startTestServer({ CUTOVER_RATE_LIMIT_IP: '2/15m' });
    try {
      await saveProvider(t.deps, { name: 'Contoso', type: 'saml', samlMetadata: idp.metadata });
      const q = new URLSearchParams({ identity_provider: 'Contoso', response_type: 'code', client_id: 'account', redirect_uri: `${t.url}/account`, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
      const locations = [];
      for (let i = 0; i < 3; i++) locations.push((await fetch(`${t.url}/oauth2/authorize?${q}`, { redirect: 'manual' })).headers.get('location')!);
      expect(locations.slice(0, 2).every((l) => l.startsWith('https://idp.contoso.test/sso'))).toBe(true);
      expect(new URL(locations[2]!).searchParams.get('error')).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });
});

describe('without a SAML service provider (as on Workers)', () => {
  it('refuses a SAML provider with a clear error', async () => {
    const t = await makeTestApp({}, { saml: undefined });
    await saveProvider(t.deps, { name: 'Contoso', type: 'saml', samlMetadata: idp.metadata });
    const client = await createClient(t.deps, { name: 'App', redirectUris: ['https://app.example.com/cb'] });
    await expect(startFederatedSignIn(t.deps, { name: 'Contoso' }, client, { redirectUri: 'https://app.example.com/cb' }))
      .rejects.toThrow(/Node runtime only/);
  });
});
