// `cutover import providers` against a stand-in of Cognito's ListIdentityProviders / DescribeIdentityProvider (AWS JSON
// 1.1, documented shapes; cognito-local has neither): every supported type carried, secrets sealed and usable,
// unsupported ones named, pages of 60 followed, the callback URL printed.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCognitoStandIn, type StandIn } from '../helpers/cognito-stand-in.ts';
import { makeTestApp, tempDbPath, type TestApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { openSecret, secretContext } from '../../src/core/federation/secret-box.ts';

const POOL = 'eu-west-1_Fed123';
const applePem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const metadata = `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.contoso.com"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.contoso.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;

const providers: Record<string, unknown>[] = [
  { ProviderName: 'Google', ProviderType: 'Google', ProviderDetails: { client_id: 'g.apps.googleusercontent.com', client_secret: 'GOCSPX-google-secret', authorize_scopes: 'profile email openid' }, AttributeMapping: { email: 'email', username: 'sub' } },
  { ProviderName: 'SignInWithApple', ProviderType: 'SignInWithApple', ProviderDetails: { client_id: 'com.example.web', team_id: 'ABCDE12345', key_id: 'KEY1234567', private_key: applePem, authorize_scopes: 'email name' } },
  { ProviderName: 'Entra', ProviderType: 'OIDC', ProviderDetails: { client_id: 'entra-app', client_secret: 'entra-secret', oidc_issuer: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0', authorize_scopes: 'openid email profile', attributes_request_method: 'GET' } },
  { ProviderName: 'Contoso', ProviderType: 'SAML', IdpIdentifiers: ['contoso.com'], ProviderDetails: { MetadataFile: metadata, IDPSignout: 'false' }, AttributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' } },
  { ProviderName: 'Facebook', ProviderType: 'Facebook', ProviderDetails: { client_id: 'fb', client_secret: 'fb-secret', authorize_scopes: 'public_profile,email' } },
  // more than one page of ListIdentityProviders (at most 60)
  ...Array.from({ length: 60 }, (_, i) => ({ ProviderName: `corp-${i}`, ProviderType: 'OIDC', ProviderDetails: { client_id: `c${i}`, client_secret: `s${i}`, oidc_issuer: `https://id${i}.corp.example.com` } })),
];

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startCognitoStandIn({ users: [], poolId: POOL, identityProviders: providers });
});
afterAll(() => standIn?.close());

describe('cutover import providers', { timeout: 180_000 }, () => {
  it('brings every supported provider over under its Cognito name and prints the callback URL', async () => {
    const db = tempDbPath();
    const env = { CUTOVER_DB: db, CUTOVER_ISSUER: 'https://auth.example.com', AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: standIn.endpoint, AWS_REGION: 'eu-west-1' };
    const res = await runCli(['import', 'providers', '--user-pool-id', POOL, '--json'], env);
    expect(res.code, res.stderr).toBe(0);
    const report = res.json();
    expect(report).toMatchObject({ created: 64, updated: 0, callbackUrl: 'https://auth.example.com/oauth2/idpresponse', samlAudience: 'https://auth.example.com' });
    expect(report.skipped).toEqual([{ name: 'Facebook', reason: expect.stringContaining('Facebook is not supported') }]);
    expect(res.stdout).not.toContain('GOCSPX-google-secret');
    const pages = standIn.requests.filter((r) => r.op === 'ListIdentityProviders');
    expect(pages).toHaveLength(2);
    expect(pages.every((p) => p.body.MaxResults === 60)).toBe(true);

    const t: TestApp = await makeTestApp({ CUTOVER_DB: db, CUTOVER_ISSUER: 'https://auth.example.com' });
    const google = await t.deps.stores.providers.find('default', 'Google');
    expect(google).toMatchObject({ type: 'google', settings: { clientId: 'g.apps.googleusercontent.com', scopes: ['profile', 'email', 'openid'], attributeMapping: { email: 'email' }, vouchesForEmail: true } });
    expect(await openSecret(t.deps.secret, google!.secretSealed!, secretContext('default', 'Google'))).toBe('GOCSPX-google-secret');
    const apple = await t.deps.stores.providers.find('default', 'SignInWithApple');
    expect(apple).toMatchObject({ type: 'apple', settings: { appleTeamId: 'ABCDE12345', appleKeyId: 'KEY1234567' } });
    expect(await openSecret(t.deps.secret, apple!.secretSealed!, secretContext('default', 'SignInWithApple'))).toBe(applePem);
    expect(await t.deps.stores.providers.find('default', 'Entra')).toMatchObject({ type: 'microsoft', settings: { microsoftTenant: '72f988bf-86f1-41af-91ab-2d7cd011db47' } });
    expect(await t.deps.stores.providers.find('default', 'Contoso')).toMatchObject({ type: 'saml', settings: { samlMetadata: metadata, identifiers: ['contoso.com'] } });

    const again = await runCli(['import', 'providers', '--user-pool-id', POOL], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 created, 64 updated, 1 skipped');
    expect(again.stdout).toContain('https://auth.example.com/oauth2/idpresponse');
  });
});
