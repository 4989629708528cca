// `cutover import clients` through the real CLI against cognito-local (app clients made with GenerateSecret), with the
// stand-in answering only ListResourceServers, which cognito-local lacks. The imported clients' own Cognito ids and
// secrets then get tokens from /oauth2/token over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { startCognitoLocal, type CognitoLocal } from '../helpers/cognito-local.ts';
import { startCognitoStandIn, type StandIn } from '../helpers/cognito-stand-in.ts';
import { startTestServer, tempDbPath } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { seedUser } from '../helpers/users.ts';
import { verifierFor } from '../helpers/verifier.ts';
import { createAuthorizationCode } from '../../src/core/tokens/authorization-code.ts';

let cognito: CognitoLocal;
let standIn: StandIn;
let pool: string;
let web: { id: string; secret: string };
let machine: { id: string; secret: string };
const CB = 'https://shop.example.com/oauth/callback';

beforeAll(async () => {
  cognito = await startCognitoLocal();
  pool = (await cognito.client.send(new CreateUserPoolCommand({ PoolName: 'shop' }))).UserPool!.Id!;
  const w = await cognito.client.send(new CreateUserPoolClientCommand({
    UserPoolId: pool, ClientName: 'Shop web', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'], CallbackURLs: [CB], LogoutURLs: ['https://shop.example.com/'],
    AccessTokenValidity: 20, IdTokenValidity: 20, RefreshTokenValidity: 7, TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  }));
  web = { id: w.UserPoolClient!.ClientId!, secret: w.UserPoolClient!.ClientSecret! };
  const m = await cognito.client.send(new CreateUserPoolClientCommand({
    UserPoolId: pool, ClientName: 'Shop batch', GenerateSecret: true, AllowedOAuthFlowsUserPoolClient: true, AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: ['shop-api/orders.read'],
  }));
  machine = { id: m.UserPoolClient!.ClientId!, secret: m.UserPoolClient!.ClientSecret! };
  standIn = await startCognitoStandIn({
    users: [], poolId: pool, upstream: cognito.endpoint,
    resourceServers: [{ Identifier: 'shop-api', Name: 'Shop API', Scopes: [{ ScopeName: 'orders.read', ScopeDescription: 'read orders' }] }],
  });
}, 120_000);
afterAll(async () => {
  await standIn?.close();
  await cognito?.stop();
});

const env = (dbPath: string) => ({ CUTOVER_DB: dbPath, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: standIn.endpoint, AWS_REGION: 'local' });

describe('cutover import clients against cognito-local', () => {
  it('imports each app client with its Cognito id and secret, which then get tokens from /oauth2/token', async () => {
    const dbPath = tempDbPath();
    const dry = await runCli(['import', 'clients', '--user-pool-id', pool, '--dry-run', '--json'], env(dbPath));
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ dryRun: true, created: 2, skipped: [] });

    const first = await runCli(['import', 'clients', '--user-pool-id', pool, '--json'], env(dbPath));
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toMatchObject({ created: 2, updated: 0, unchanged: 0, skipped: [], resourceServers: { created: 1 } });
    const again = await runCli(['import', 'clients', '--user-pool-id', pool], env(dbPath));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 created, 0 updated, 2 unchanged, 0 skipped/);

    const s = await startTestServer({ CUTOVER_DB: dbPath });
    try {
      const form = (body: Record<string, string>, headers: Record<string, string> = {}) => fetch(`${s.url}/oauth2/token`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body),
      });
      // The machine client, client_secret_basic with the secret cognito-local generated.
      const cc = await form({ grant_type: 'client_credentials', scope: 'shop-api/orders.read' }, { authorization: `Basic ${btoa(`${machine.id}:${machine.secret}`)}` });
      expect(cc.status).toBe(200);
      const access = (await cc.json()).access_token;
      expect(await (await verifierFor(s.url, machine.id, 'access')).verify(access, { scope: 'shop-api/orders.read' } as never)).toMatchObject({ client_id: machine.id });
      const wrong = await form({ grant_type: 'client_credentials' }, { authorization: `Basic ${btoa(`${machine.id}:${machine.secret}x`)}` });
      expect(wrong.status).toBe(401);

      // The web client, client_secret_post, trading a code; the ID token's audience is the Cognito client id, with its lifetime.
      const client = (await s.deps.stores.clients.findById(web.id))!;
      const user = await seedUser(s.deps);
      const code = await createAuthorizationCode(s.deps, { userId: user.id, client, redirectUri: CB, amr: ['otp'], authTime: Math.floor(Date.now() / 1000), scope: 'openid email' });
      const res = await form({ grant_type: 'authorization_code', code, redirect_uri: CB, client_id: web.id, client_secret: web.secret });
      expect(res.status).toBe(200);
      const tokens = await res.json();
      expect(tokens.expires_in).toBe(1200);
      const id = await (await verifierFor(s.url, web.id, 'id')).verify(tokens.id_token);
      expect(id).toMatchObject({ aud: web.id, email: user.email });
      expect(Number(id.exp) - Number(id.iat)).toBe(1200);
    } finally {
      await s.close();
    }
  }, 90_000);
});
