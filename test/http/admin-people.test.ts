// Admin people over real HTTP (SPEC §11): edit, disable/enable, sign out, delete with no trace left, passkeys, re-invite, search, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passkeys } from '../../db/sqlite/schema.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { importUsers } from '../../src/core/import/import-users.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import { createSession, findSession } from '../../src/core/sign-in/sessions.ts';
import { ACCOUNT_CLIENT_ID, requireClient } from '../../src/core/clients/clients.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { arraySource } from '../helpers/import-source.ts';
import { rowsMentioning } from '../helpers/traces.ts';

let s: TestServer;
let key: { id: string; key: string };
const call = (method: string, path: string, body?: unknown) => fetch(`${s.url}${path}`, {
  method, headers: { authorization: `Bearer ${key.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
  body: body === undefined ? undefined : JSON.stringify(body),
});
const refresh = (token: string) => fetch(`${s.url}/v1/token`, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: ACCOUNT_CLIENT_ID }),
});
const rec = (sub: string, email: string, extra: { Name: string; Value: string }[] = []) => ({
  Username: `name-${sub}`, Enabled: true, UserStatus: 'CONFIRMED',
  Attributes: [{ Name: 'sub', Value: sub }, { Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }, ...extra],
});

beforeAll(async () => {
  s = await startTestServer();
  key = await createAdminKey(s.deps, 'ops');
  await importUsers(s.deps, arraySource([
    rec('sub-ann', 'ann@shop.example', [{ Name: 'given_name', Value: 'Ann' }, { Name: 'custom:tier', Value: 'gold' }]),
    rec('sub-bob', 'bob@shop.example'),
    rec('sub-cat', 'cat@other.example'),
  ], { pool: 'eu-west-1_People', groups: (r) => (r.Username === 'name-sub-ann' ? ['staff'] : []) }), { tenant: 'default' });
});
afterAll(() => s.close());

async function userBySub(sub: string) {
  return (await (await call('GET', `/v1/admin/users/by-legacy-sub/${sub}`)).json()) as { id: string; email: string };
}

describe('PATCH /v1/admin/users/{id}', () => {
  it('merges profile and custom attributes (null removes), replaces roles, and audits who, what, when, from where', async () => {
    const ann = await userBySub('sub-ann');
    const res = await call('PATCH', `/v1/admin/users/${ann.id}`, { profile: { family_name: 'Lee', given_name: null }, attributes: { 'custom:tier': 'platinum', 'custom:team': 'ops' }, roles: ['staff', 'support', 'staff'] });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.profile).toEqual({ family_name: 'Lee' });
    expect(body.attributes).toEqual({ 'custom:tier': 'platinum', 'custom:team': 'ops' });
    expect(body.roles).toEqual(['staff', 'support']);
    expect(body.email).toBe('ann@shop.example');
    const audit = await (await call('GET', `/v1/admin/audit?userId=${ann.id}&type=user.updated`)).json();
    expect(audit.events).toHaveLength(1);
    expect(audit.events[0]).toMatchObject({ type: 'user.updated', actor: `admin_key:${key.id}`, ip: '127.0.0.1', userId: ann.id, detail: { fields: ['profile', 'attributes', 'roles'] } });
    expect(Date.now() - Date.parse(audit.events[0].at)).toBeLessThan(60_000);
  });

  it('disabling ends every refresh token and session at once; enabling does not revive them', async () => {
    const bob = await userBySub('sub-bob');
    const user = (await s.deps.stores.users.findById(bob.id))!;
    const client = await requireClient(s.deps, ACCOUNT_CLIENT_ID);
    const set = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    const { cookieValue } = await createSession(s.deps, { userId: user.id, amr: ['otp'] });
    expect((await call('PATCH', `/v1/admin/users/${bob.id}`, { enabled: false })).status).toBe(200);
    expect((await refresh(set.refresh_token)).status).toBe(400);
    expect(await findSession(s.deps, cookieValue)).toBeNull();
    const enabled = await (await call('PATCH', `/v1/admin/users/${bob.id}`, { enabled: true })).json();
    expect(enabled.enabled).toBe(true);
    expect((await refresh(set.refresh_token)).status).toBe(400);
    expect(await findSession(s.deps, cookieValue)).toBeNull();
    const types = (await (await call('GET', `/v1/admin/audit?userId=${bob.id}`)).json()).events.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });

  it('answers 400 naming the field for bad input, and 404 with nothing written for a deleted person', async () => {
    const cat = await userBySub('sub-cat');
    for (const [body, field] of [
      [{ enabled: 'yes' }, 'enabled'], [{ profile: { Given: 'x' } }, 'profile'], [{ attributes: { tier: 'x' } }, 'attributes'],
      [{ roles: [''] }, 'roles'], [{ roles: 'admin' }, 'roles'], [{ nickname: 'x' }, ''], [{ profile: { email: 'x@y.z' } }, 'profile'],
    ] as [unknown, string][]) {
      const res = await call('PATCH', `/v1/admin/users/${cat.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = await res.json();
      expect(err.error).toBe('invalid_request');
      if (field) expect(err.message).toMatch(new RegExp(`^${field}`));
    }
    expect((await call('PATCH', `/v1/admin/users/${cat.id}`, {})).status).toBe(400);
    expect((await call('PATCH', '/v1/admin/users/usr_gone', { roles: ['x'] })).status).toBe(404);
    expect(await s.deps.stores.users.findById('usr_gone')).toBeNull();
    expect((await (await call('GET', '/v1/admin/audit?userId=usr_gone')).json()).events).toEqual([]);
  });
});

describe('sign-out, passkeys, re-invite', () => {
  it('POST /sign-out ends every refresh token; 404 for nobody', async () => {
    const user = await seedUser(s.deps);
    const client = await requireClient(s.deps, ACCOUNT_CLIENT_ID);
    const sets = [await issueTokenSet(s.deps, { user, client, amr: ['otp'] }), await issueTokenSet(s.deps, { user, client, amr: ['email'] })];
    const res = await call('POST', `/v1/admin/users/${user.id}/sign-out`);
    expect(await res.json()).toEqual({ revokedRefreshTokens: 2 });
    for (const set of sets) expect((await refresh(set.refresh_token)).status).toBe(400);
    expect((await call('POST', '/v1/admin/users/usr_nobody/sign-out')).status).toBe(404);
  });

  it('removes one passkey and leaves the others', async () => {
    const user = await seedUser(s.deps);
    for (const id of ['cred-a', 'cred-b']) await s.db.insert(passkeys).values({ id, userId: user.id, publicKey: 'pk', name: id, createdAt: 1 });
    expect((await call('DELETE', `/v1/admin/users/${user.id}/passkeys/cred-a`)).status).toBe(204);
    expect((await s.deps.stores.passkeys.listByUser(user.id)).map((p) => p.id)).toEqual(['cred-b']);
    expect((await call('DELETE', `/v1/admin/users/${user.id}/passkeys/cred-a`)).status).toBe(404);
    expect((await call('DELETE', `/v1/admin/users/${user.id}/passkeys/bad%20id`)).status).toBe(400);
  });

  it('re-invites one person as a batch of one; a disabled person is refused', async () => {
    const user = await seedUser(s.deps);
    const res = await call('POST', `/v1/admin/users/${user.id}/invite`);
    expect(res.status).toBe(202);
    const { batchId, queued } = await res.json();
    expect(queued).toBe(1);
    expect((await call('GET', `/v1/admin/invitations/${batchId}`)).status).toBe(200);
    const unknownClient = await call('POST', `/v1/admin/users/${user.id}/invite`, { clientId: 'nope' });
    expect(unknownClient.status).toBe(400);
    expect((await unknownClient.json()).message).toMatch(/^clientId/);
    await call('PATCH', `/v1/admin/users/${user.id}`, { enabled: false });
    expect((await call('POST', `/v1/admin/users/${user.id}/invite`)).status).toBe(409);
  });
});

describe('search', () => {
  it('filters by email prefix (any case), role, legacy sub and signed in or not', async () => {
    const emails = async (q: string) => (await (await call('GET', `/v1/admin/users?${q}`)).json()).users.map((u: { email: string }) => u.email).sort();
    expect(await emails('emailPrefix=ANN')).toEqual(['ann@shop.example']);
    expect(await emails('emailPrefix=bob@shop')).toEqual(['bob@shop.example']);
    expect(await emails('emailPrefix=zz')).toEqual([]);
    expect(await emails('role=support')).toEqual(['ann@shop.example']);
    expect(await emails('legacySub=sub-cat')).toEqual(['cat@other.example']);
    const signer = await seedUser(s.deps, { email: 'signer@shop.example' });
    await s.deps.stores.users.recordSignIn(signer.id, Date.now(), true);
    expect(await emails('signedIn=true')).toEqual(['signer@shop.example']);
    expect(await emails('signedIn=false&emailPrefix=signer')).toEqual([]);
    for (const [q, field] of [['signedIn=maybe', 'signedIn'], ['emailPrefix=', 'emailPrefix']]) {
      const res = await call('GET', `/v1/admin/users?${q}`);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(new RegExp(`^${field}`));
    }
  });

  it('pages a prefix search in address order, whoever was created first; a cursor of another search is refused', async () => {
    for (const local of ['pager-c', 'pager-a', 'pager-e', 'pager-b', 'pager-d']) await seedUser(s.deps, { email: `${local}@page.example` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { users: { email: string }[]; nextCursor: string | null } = await (await call('GET', `/v1/admin/users?emailPrefix=PAGER-&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.users.length).toBeLessThanOrEqual(2);
      seen.push(...page.users.map((u) => u.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e'].map((x) => `pager-${x}@page.example`));
    const { nextCursor } = await (await call('GET', '/v1/admin/users?emailPrefix=pager-&limit=1')).json();
    const mixed = await call('GET', `/v1/admin/users?limit=1&cursor=${nextCursor}`);
    expect(mixed.status).toBe(400);
    expect((await mixed.json()).message).toMatch(/^cursor/);
  });
});

describe('DELETE /v1/admin/users/{id}', () => {
  it('erases the person everywhere; only the audit entry saying a person was deleted remains', async () => {
    await importUsers(s.deps, arraySource([rec('sub-dee', 'Dee@Gone.example', [{ Name: 'custom:note', Value: 'vip' }])], { pool: 'eu-west-1_Gone' }), { tenant: 'default' });
    const dee = await userBySub('sub-dee');
    const user = (await s.deps.stores.users.findById(dee.id))!;
    const client = await requireClient(s.deps, ACCOUNT_CLIENT_ID);
    const set = await issueTokenSet(s.deps, { user, client, amr: ['otp'] });
    await createSession(s.deps, { userId: user.id, amr: ['otp'] });
    await s.db.insert(passkeys).values({ id: 'cred-dee', userId: user.id, publicKey: 'pk', name: 'Dee phone', createdAt: 1 });
    // A sign-in request leaves a challenge, a queued mail, counters and audit entries naming the address.
    const otp = await fetch(`${s.url}/v1/auth/otp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'dee@gone.example', clientId: ACCOUNT_CLIENT_ID }) });
    expect(otp.status).toBe(202);
    await call('POST', `/v1/admin/users/${dee.id}/invite`);
    expect(rowsMentioning(s.dbPath, [dee.id, 'dee@gone.example']).length).toBeGreaterThan(5);

    expect((await call('DELETE', `/v1/admin/users/${dee.id}`)).status).toBe(204);
    const left = rowsMentioning(s.dbPath, [dee.id, 'dee@gone.example', 'sub-dee']);
    expect(left).toHaveLength(1);
    expect(left[0].table).toBe('audit_events');
    expect(left[0].row).toContain('"type":"user.deleted"');
    expect(left[0].row).not.toContain('gone.example');
    expect((await call('GET', `/v1/admin/users/${dee.id}`)).status).toBe(404);
    expect((await refresh(set.refresh_token)).status).toBe(400);
    expect((await call('DELETE', `/v1/admin/users/${dee.id}`)).status).toBe(404);
    expect((await call('PATCH', `/v1/admin/users/${dee.id}`, { roles: ['x'] })).status).toBe(404);
  });
});

describe('GET /v1/admin/audit', () => {
  it('pages newest first with a cursor, filters by type, and refuses bad params naming the field', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body = await (await call('GET', `/v1/admin/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...body.events.map((e: { id: string }) => e.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(10);
    const disabled = await (await call('GET', '/v1/admin/audit?type=user.disabled')).json();
    expect(disabled.events.every((e: { type: string }) => e.type === 'user.disabled')).toBe(true);
    for (const [q, field] of [['limit=0', 'limit'], ['cursor=junk!', 'cursor'], ['type=DROP%20TABLE', 'type']]) {
      const res = await call('GET', `/v1/admin/audit?${q}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).message).toMatch(new RegExp(`^${field}`));
    }
    expect((await fetch(`${s.url}/v1/admin/audit`)).status).toBe(401);
  });
});
