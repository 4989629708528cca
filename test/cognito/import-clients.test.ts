// `import clients` through the real AWS SDK against a Cognito stand-in: ListUserPoolClients pages of 60,
// ListResourceServers pages of 50, throttling; ids, secrets, URLs, flows, scopes, lifetimes with their units, read
// attributes; what cannot be carried named; --dry-run writes nothing; re-runs update, never duplicate.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/core/shared/config.ts';
import { createCognitoCaller } from '../../src/cognito/client.ts';
import { readPoolClients } from '../../src/cognito/app-client-source.ts';
import { importClients } from '../../src/core/clients/import-clients.ts';
import { sha256 } from '../../src/core/shared/crypto.ts';
import { makeTestApp } from '../helpers/app.ts';
import { startCognitoStandIn, type StandIn } from '../helpers/cognito-stand-in.ts';

const POOL = 'eu-west-1_Clients';
const secretOf = (i: number) => `cognito-secret-${i}-`.padEnd(51, 'x');
const filler = Array.from({ length: 124 }, (_, i) => ({
  ClientId: `filler${String(i).padStart(3, '0')}`, ClientName: `Filler ${i}`, ClientSecret: secretOf(i),
  AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'], AllowedOAuthScopes: ['openid', 'email', 'profile'],
  CallbackURLs: [`https://app${i}.example.com/cb`],
}));
const special = [
  {
    ClientId: '1example23456789web', ClientName: 'Orders web', ClientSecret: 'w3bs3cr3t'.padEnd(51, '7'),
    AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code', 'implicit'], AllowedOAuthScopes: ['openid', 'email', 'profile', 'https://api.example.com/orders.read'],
    CallbackURLs: ['https://orders.example.com/cb', 'http://localhost:3000/cb', 'http://orders.example.com/insecure'],
    LogoutURLs: ['https://orders.example.com/bye'], ReadAttributes: ['email', 'email_verified', 'name', 'given_name', 'family_name', 'phone_number', 'custom:tier'],
    AccessTokenValidity: 30, IdTokenValidity: 2, RefreshTokenValidity: 90, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'hours', RefreshToken: 'days' },
    SupportedIdentityProviders: ['COGNITO', 'Google'], ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  },
  {
    ClientId: '1example23456789m2m', ClientName: 'Batch', ClientSecret: 'm2ms3cr3t'.padEnd(51, '9'),
    AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['https://api.example.com/orders.read', 'https://api.example.com/orders.write'],
    AccessTokenValidity: 3600, TokenValidityUnits: { AccessToken: 'seconds' },
  },
  {
    ClientId: '1example23456789spa', ClientName: 'SPA', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'], CallbackURLs: ['https://spa.example.com/'],
  },
  { ClientId: '1example23456789imp', ClientName: 'Old SPA', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['implicit'], AllowedOAuthScopes: ['openid'], CallbackURLs: ['https://old.example.com/'] },
  { ClientId: '1example23456789sdk', ClientName: 'Mobile SDK', AllowedOAuthFlowsUserPoolClient: false, ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] },
  { ClientId: '1example23456789pub', ClientName: 'Public M2M', AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'], AllowedOAuthScopes: ['https://api.example.com/orders.read'] },
];
const resourceServers = Array.from({ length: 54 }, (_, i) => ({
  Identifier: `https://api${i}.example.com`, Name: `API ${i}`, Scopes: [{ ScopeName: 'read', ScopeDescription: 'read' }],
}));
resourceServers.push({ Identifier: 'https://api.example.com', Name: 'Orders API', Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'read' }, { ScopeName: 'orders.write', ScopeDescription: 'write' }] });

let standIn: StandIn;
beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
});
afterEach(() => standIn?.close());

const callerFor = (endpoint: string) => createCognitoCaller(parseEnv({ AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint, AWS_REGION: 'eu-west-1' }), { requestsPerSecond: 1000, baseDelayMs: 1 });

describe('import clients', () => {
  it('pages every client and resource server through throttling, carries each setting and names what it cannot carry', async () => {
    standIn = await startCognitoStandIn({ users: [], poolId: POOL, appClients: [...filler, ...special], resourceServers, throttleEvery: 7 });
    const caller = callerFor(standIn.endpoint);
    const source = await readPoolClients(caller, POOL);
    expect(source.clients).toHaveLength(130);
    expect(source.resourceServers).toHaveLength(55);
    const ok = standIn.requests.filter((r) => !r.throttled);
    expect(ok.filter((r) => r.op === 'ListUserPoolClients').map((r) => r.body.MaxResults)).toEqual([60, 60, 60]);
    expect(ok.filter((r) => r.op === 'ListResourceServers').map((r) => r.body.MaxResults)).toEqual([50, 50]);
    expect(ok.filter((r) => r.op === 'DescribeUserPoolClient')).toHaveLength(130);
    expect(standIn.requests.some((r) => r.throttled)).toBe(true);

    const t = await makeTestApp();
    const dry = await importClients(t.deps, source, { tenant: 'default', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, created: 127, updated: 0, unchanged: 0, resourceServers: { created: 55 } });
    expect(await t.deps.stores.clients.findById('1example23456789web')).toBeNull();
    expect(await t.deps.stores.resourceServers.listByTenant('default')).toEqual([]);

    const report = await importClients(t.deps, source, { tenant: 'default', dryRun: false });
    expect(report).toMatchObject({ created: 127, updated: 0, unchanged: 0, resourceServers: { created: 55, updated: 0, unchanged: 0, skipped: [] } });
    const notImported = report.skipped.filter((s) => !s.clientImported).map((s) => [s.clientId, s.reason]);
    expect(notImported).toEqual([
      ['1example23456789imp', expect.stringMatching(/implicit flow/)],
      ['1example23456789sdk', expect.stringMatching(/no OAuth flow/)],
      ['1example23456789pub', expect.stringMatching(/client_credentials/)],
    ]);
    const webNotes = report.skipped.filter((s) => s.clientId === '1example23456789web').map((s) => s.reason);
    expect(webNotes).toEqual([
      expect.stringMatching(/implicit flow/),
      expect.stringMatching(/^callback URL http:\/\/orders\.example\.com\/insecure: must use https/),
      expect.stringMatching(/ExplicitAuthFlows ALLOW_USER_SRP_AUTH/),
      expect.stringMatching(/SupportedIdentityProviders Google/),
    ]);

    expect(report.skipped.filter((s) => s.clientId === '1example23456789spa').map((s) => s.reason)).toEqual([expect.stringMatching(/PKCE/)]);
    const web = (await t.deps.stores.clients.findById('1example23456789web'))!;
    expect(web).toMatchObject({
      name: 'Orders web', tenant: 'default', confidential: true, secretHash: await sha256(special[0].ClientSecret!),
      redirectUris: ['https://orders.example.com/cb', 'http://localhost:3000/cb'], logoutUris: ['https://orders.example.com/bye'],
      grantTypes: ['authorization_code', 'refresh_token'], scopes: ['openid', 'email', 'profile', 'https://api.example.com/orders.read'],
      readAttributes: ['custom:tier'], accessTokenTtl: 1800, idTokenTtl: 7200, refreshTokenTtl: 90 * 86_400,
    });
    expect(await t.deps.stores.clients.findById('1example23456789m2m')).toMatchObject({
      confidential: true, grantTypes: ['client_credentials'], accessTokenTtl: 3600, idTokenTtl: 3600, refreshTokenTtl: 30 * 86_400,
    });
    // Cognito's defaults when a client never set lifetimes: 1 hour, 1 hour, 30 days; no ReadAttributes: all.
    expect(await t.deps.stores.clients.findById('1example23456789spa')).toMatchObject({
      confidential: false, secretHash: null, readAttributes: null, accessTokenTtl: 3600, refreshTokenTtl: 2_592_000,
    });
    expect(await t.deps.stores.clients.findById('1example23456789imp')).toBeNull();
    expect((await t.deps.stores.resourceServers.listByTenant('default')).find((r) => r.identifier === 'https://api.example.com'))
      .toEqual({ tenant: 'default', identifier: 'https://api.example.com', name: 'Orders API', scopes: [{ name: 'orders.read', description: 'read' }, { name: 'orders.write', description: 'write' }] });

    // A re-run changes nothing; a client changed in Cognito is updated in place, never duplicated.
    const again = await importClients(t.deps, source, { tenant: 'default', dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 127, resourceServers: { created: 0, unchanged: 55 } });
    const changed = { ...source, clients: source.clients.map((c) => (c.ClientId === '1example23456789web' ? { ...c, CallbackURLs: ['https://orders.example.com/new-cb'] } : c)) };
    // The session swap setting (SPEC §12) is cutover's own: a re-import keeps it.
    await t.deps.stores.clients.upsert({ ...(await t.deps.stores.clients.findById('1example23456789web'))!, allowCognitoSessionSwap: true });
    const third = await importClients(t.deps, changed, { tenant: 'default', dryRun: false });
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 126 });
    expect((await t.deps.stores.clients.findById('1example23456789web'))?.redirectUris).toEqual(['https://orders.example.com/new-cb']);
    expect((await t.deps.stores.clients.findById('1example23456789web'))?.allowCognitoSessionSwap).toBe(true);
    expect((await t.deps.stores.clients.list('default')).filter((c) => c.id.startsWith('1example')).length).toBe(3);
    expect(await t.deps.stores.clients.list('default')).toHaveLength(128); // the 127 imported and the built-in account client

    // The same ids in another tenant are refused by name, not moved.
    const other = await importClients(t.deps, source, { tenant: 'acme', dryRun: false });
    expect(other.created).toBe(0);
    expect(other.skipped.find((s) => s.clientId === '1example23456789web')?.reason).toMatch(/already exists in tenant "default"/);
    caller.client.destroy();
  });
});
