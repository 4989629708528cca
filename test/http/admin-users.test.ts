// Admin user lookups over real HTTP: auth, the SPEC §5 user shape, filters, cursor paging, bad params.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passkeys } from '../../db/sqlite/schema.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { importUsers } from '../../src/core/import/import-users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { arraySource } from '../helpers/import-source.ts';

let s: TestServer;
let key: string;
const get = (path: string, auth = true) => fetch(`${s.url}${path}`, { headers: auth ? { authorization: `Bearer ${key}` } : {} });
// SPEC §10 adds `identities` (federated provider links) beside the legacy links.
const USER_KEYS = ['id', 'tenant', 'email', 'emailVerified', 'enabled', 'freshlyMigrated', 'profile', 'attributes', 'roles', 'legacyLinks', 'identities', 'passkeys', 'createdAt', 'lastSignInAt'];

beforeAll(async () => {
  s = await startTestServer();
  key = (await createAdminKey(s.deps, 'test')).key;
  const rec = (sub: string, email: string) => ({ Username: `name-${sub}`, Attributes: [{ Name: 'sub', Value: sub }, { Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }, { Name: 'custom:tier', Value: 'gold' }], Enabled: true, UserStatus: 'CONFIRMED' });
  await importUsers(s.deps, arraySource(Array.from({ length: 5 }, (_, i) => rec(`sub-${i}`, `Imported${i}@Example.com`)), { pool: 'us-east-1_Admin', groups: () => ['staff'] }), { tenant: 'default' });
  await importUsers(s.deps, arraySource([rec('sub-acme', 'acme@example.com')], { pool: 'us-east-1_Acme' }), { tenant: 'acme' });
  const native = await seedUser(s.deps, { email: 'native@example.com' });
  await s.db.insert(passkeys).values({ id: 'cred-1', userId: native.id, publicKey: 'pk-bytes', name: 'Phone', backedUp: true, createdAt: Date.UTC(2025, 0, 1), lastUsedAt: null });
});
afterAll(() => s.close());

describe('GET /v1/admin/users', () => {
  it('requires an admin key', async () => {
    expect((await get('/v1/admin/users', false)).status).toBe(401);
    expect((await fetch(`${s.url}/v1/admin/users/x`, { headers: { authorization: 'Bearer cutover_admin_wrong' } })).status).toBe(401);
    expect((await get('/v1/admin/users/by-legacy-sub/sub-1', false)).status).toBe(401);
  });

  it('pages with a cursor until nextCursor is null, in the SPEC §5 shape', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/v1/admin/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(Object.keys(body)).toEqual(['users', 'nextCursor']);
      for (const u of body.users) expect(Object.keys(u)).toEqual(USER_KEYS);
      seen.push(...body.users.map((u: { id: string }) => u.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters by email (any case), freshlyMigrated and tenant', async () => {
    const byEmail = await (await get('/v1/admin/users?email=IMPORTED3@example.com')).json();
    expect(byEmail.users).toHaveLength(1);
    expect(byEmail.users[0]).toMatchObject({
      tenant: 'default', email: 'Imported3@Example.com', emailVerified: true, enabled: true, freshlyMigrated: true, roles: ['staff'],
      attributes: { 'custom:tier': 'gold' }, legacyLinks: [{ userPoolId: 'us-east-1_Admin', sub: 'sub-3', username: 'name-sub-3', status: 'CONFIRMED' }],
      passkeys: [], lastSignInAt: null, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const native = await (await get('/v1/admin/users?freshlyMigrated=false')).json();
    expect(native.users.map((u: { email: string }) => u.email)).toEqual(['native@example.com']);
    expect(native.users[0].passkeys).toEqual([{ id: 'cred-1', name: 'Phone', createdAt: '2025-01-01T00:00:00.000Z', lastUsedAt: null, backedUp: true }]);
    expect(JSON.stringify(native)).not.toContain('pk-bytes');
    expect((await (await get('/v1/admin/users?freshlyMigrated=true')).json()).users).toHaveLength(5);
    expect((await (await get('/v1/admin/users?tenant=acme')).json()).users.map((u: { email: string }) => u.email)).toEqual(['acme@example.com']);
  });

  it('answers 400 naming the field for bad params', async () => {
    for (const [q, field] of [['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=abc', 'limit'], ['freshlyMigrated=yes', 'freshlyMigrated'], ['tenant=no%20spaces', 'tenant'], ['cursor=garbage!', 'cursor']]) {
      const res = await get(`/v1/admin/users?${q}`);
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expect(body.error).toBe('invalid_request');
      expect(body.message).toMatch(new RegExp(`^${field}`));
    }
    expect((await (await get('/v1/admin/users')).json()).users).toHaveLength(6); // default limit 50
  });
});

describe('GET /v1/admin/users/{id} and by-legacy-sub', () => {
  it('finds one user by id and by Cognito sub across tenants; 404 otherwise', async () => {
    const acme = await (await get('/v1/admin/users/by-legacy-sub/sub-acme')).json();
    expect(acme).toMatchObject({ tenant: 'acme', email: 'acme@example.com', legacyLinks: [{ sub: 'sub-acme' }] });
    const one = await get(`/v1/admin/users/${acme.id}`);
    expect(await one.json()).toEqual(acme);
    const missing = await get('/v1/admin/users/usr_00000000000000000000000000');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
    expect((await get('/v1/admin/users/by-legacy-sub/nope')).status).toBe(404);
  });
});
