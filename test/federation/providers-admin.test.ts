// Providers per tenant over the admin API and the CLI (SPEC §10): validated, secrets sealed at rest and never shown;
// and people's links on /account, never removing the last way in.
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { startTestServer, tempDbPath, type TestServer } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { seedUser } from '../helpers/users.ts';
import { createSession } from '../../src/core/sign-in/sessions.ts';
import { cognitoIdentity } from '../../src/core/federation/cognito-identity.ts';

let s: TestServer;
let key: string;
beforeAll(async () => {
  s = await startTestServer();
  key = (await createAdminKey(s.deps, 'test')).key;
});
afterAll(() => s?.close());

const admin = (path: string, init: RequestInit = {}) => fetch(`${s.url}${path}`, {
  ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...(init.headers ?? {}) },
});

describe('/v1/admin/providers', () => {
  it('refuses a provider without what its type needs, naming the field', async () => {
    const res = await admin('/v1/admin/providers', { method: 'POST', body: JSON.stringify({ name: 'Google', type: 'google', clientId: 'abc' }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', message: expect.stringContaining('clientSecret') });
    const oidc = await admin('/v1/admin/providers', { method: 'POST', body: JSON.stringify({ name: 'Corp', type: 'oidc', clientId: 'a', clientSecret: 'b', issuer: 'http://corp.example.com' }) });
    expect(oidc.status).toBe(400);
    expect((await oidc.json()).message).toContain('issuer');
  });

  it('registers, lists and removes a provider; the secret is sealed at rest and never answered', async () => {
    const secret = 'GOCSPX-very-secret-value-123';
    const res = await admin('/v1/admin/providers', { method: 'POST', body: JSON.stringify({ name: 'Google', type: 'google', clientId: 'g-client.apps.googleusercontent.com', clientSecret: secret, tenant: 'acme' }) });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ name: 'Google', type: 'google', tenant: 'acme', hasSecret: true, vouchesForEmail: true, callbackUrl: `${s.url}/oauth2/idpresponse` });
    expect(JSON.stringify(body)).not.toContain(secret);
    const row = new Database(s.dbPath, { readonly: true }).prepare('select secret_sealed from identity_providers where name = ?').get('Google') as { secret_sealed: string };
    expect(row.secret_sealed).toMatch(/^v1\./);
    expect(row.secret_sealed).not.toContain(secret);

    const listed = await (await admin('/v1/admin/providers?tenant=acme')).json();
    expect(listed.providers.map((p: { name: string }) => p.name)).toEqual(['Google']);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect((await admin('/v1/admin/providers/Google?tenant=acme', { method: 'DELETE' })).status).toBe(204);
    expect((await admin('/v1/admin/providers/Google?tenant=acme', { method: 'DELETE' })).status).toBe(404);
  });

  it('needs an admin key', async () => {
    expect((await fetch(`${s.url}/v1/admin/providers`)).status).toBe(401);
  });
});

describe('links on /account', () => {
  const removeLink = async (userId: string, provider: string, subject: string) => {
    const { cookieValue } = await createSession(s.deps, { userId, amr: ['fed'] });
    return fetch(`${s.url}/account/links/remove`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ provider, subject }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url, cookie: `cutover_session=${cookieValue}` },
    });
  };

  it('lists a person\'s links and removes one while another way in remains, never the last', async () => {
    const now = Date.now();
    const withEmail = await seedUser(s.deps, { identities: [cognitoIdentity('Google', 'google', 'g-1', now)] });
    await s.deps.stores.federation.addLink({ tenant: 'default', provider: 'Google', subject: 'g-1', userId: withEmail.id, status: 'active', email: null, createdAt: now }, cognitoIdentity('Google', 'google', 'g-1', now), now);
    const { cookieValue } = await createSession(s.deps, { userId: withEmail.id, amr: ['otp'] });
    const page = await (await fetch(`${s.url}/account`, { headers: { cookie: `cutover_session=${cookieValue}` } })).text();
    expect(page).toContain('action="/account/links/remove');
    expect((await removeLink(withEmail.id, 'Google', 'g-1')).status).toBe(303);
    expect(await s.deps.stores.federation.findLink('default', 'Google', 'g-1')).toBeNull();
    expect((await s.deps.stores.users.findById(withEmail.id))?.identities).toEqual([]);

    const onlyLink = await seedUser(s.deps, { email: null, emailVerified: false });
    await s.deps.stores.federation.addLink({ tenant: 'default', provider: 'Google', subject: 'g-2', userId: onlyLink.id, status: 'active', email: null, createdAt: now }, cognitoIdentity('Google', 'google', 'g-2', now), now);
    const refused = await removeLink(onlyLink.id, 'Google', 'g-2');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('only way into the account');
    expect(await s.deps.stores.federation.findLink('default', 'Google', 'g-2')).not.toBeNull();
  });
});

describe('cutover providers', { timeout: 180_000 }, () => {
  it('creates from a secret file, lists without the secret, removes', async () => {
    const db = tempDbPath();
    const secretFile = join(dirname(db), 'secret.txt');
    writeFileSync(secretFile, 'corp-client-secret-xyz\n');
    const env = { CUTOVER_DB: db };
    const created = await runCli(['providers', 'create', '--name', 'Corp', '--type', 'oidc', '--issuer', 'https://id.corp.example.com', '--client-id', 'cutover', '--client-secret-file', secretFile, '--attribute', 'email=mail', '--json'], env);
    expect(created.code, created.stderr).toBe(0);
    expect(created.json()).toMatchObject({ name: 'Corp', type: 'oidc', hasSecret: true, attributeMapping: { email: 'mail' }, vouchesForEmail: false, callbackUrl: 'http://localhost:8787/oauth2/idpresponse' });
    const listed = await runCli(['providers', 'list', '--json'], env);
    expect(listed.json().providers).toHaveLength(1);
    expect(listed.stdout).not.toContain('corp-client-secret-xyz');
    const bad = await runCli(['providers', 'create', '--name', 'X', '--type', 'apple', '--client-id', 'com.example'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--apple-team-id');
    const removed = await runCli(['providers', 'remove', 'Corp', '--json'], env);
    expect(removed.code).toBe(0);
    expect((await runCli(['providers', 'list', '--json'], env)).json().providers).toEqual([]);
  });
});
