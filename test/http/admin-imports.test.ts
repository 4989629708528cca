// Settling import conflicts by hand over real HTTP: merge into a chosen person, or import as a separate person (API and console).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/sqlite/schema.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { cliActor } from '../../src/core/admin/admin-actor.ts';
import { grantAdmin } from '../../src/core/admin/grant-admin.ts';
import { createSession } from '../../src/core/sign-in/sessions.ts';
import { importUsers } from '../../src/core/import/import-users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { arraySource } from '../helpers/import-source.ts';

let s: TestServer;
let key: string;
const POOL = 'eu-west-1_Clash';
const call = (method: string, path: string, body?: unknown) => fetch(`${s.url}${path}`, {
  method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
});
const rec = (sub: string, email: string, verified: boolean) => ({
  Username: sub, Enabled: true, UserStatus: 'CONFIRMED',
  Attributes: [{ Name: 'sub', Value: sub }, { Name: 'email', Value: email }, { Name: 'email_verified', Value: String(verified) }, { Name: 'given_name', Value: sub }],
});
const conflictSubs = async () => (await (await call('GET', '/v1/admin/import-conflicts')).json()).conflicts.map((c: { legacySub: string }) => c.legacySub).sort();

beforeAll(async () => {
  s = await startTestServer();
  key = (await createAdminKey(s.deps, 'ops')).key;
  // People already in the tenant whose addresses are not verified: every matching source user is a conflict.
  for (const e of ['ada@clash.example', 'bo@clash.example', 'cy@clash.example']) await seedUser(s.deps, { email: e, emailVerified: false });
  await importUsers(s.deps, arraySource([rec('s-ada', 'ada@clash.example', true), rec('s-bo', 'bo@clash.example', true), rec('s-cy', 'cy@clash.example', true)], { pool: POOL }), { tenant: 'default' });
});
afterAll(() => s.close());

describe('import conflicts', () => {
  it('merges one into a chosen person (by email): a legacy link is added and the conflict is gone', async () => {
    expect(await conflictSubs()).toEqual(['s-ada', 's-bo', 's-cy']);
    const res = await call('POST', `/v1/admin/import-conflicts/${POOL}/s-ada/resolve`, { resolution: 'merge', into: 'ADA@clash.example' });
    expect(res.status).toBe(200);
    const { userId, outcome } = await res.json();
    expect(outcome).toBe('merged');
    const person = await (await call('GET', `/v1/admin/users/${userId}`)).json();
    expect(person).toMatchObject({ email: 'ada@clash.example', legacyLinks: [{ userPoolId: POOL, sub: 's-ada' }] });
    expect(await conflictSubs()).toEqual(['s-bo', 's-cy']);
    const audit = await (await call('GET', `/v1/admin/audit?type=import.conflict_resolved`)).json();
    expect(audit.events[0]).toMatchObject({ userId, actor: expect.stringMatching(/^admin_key:/), detail: { legacySub: 's-ada', outcome: 'merged' } });
    expect((await call('POST', `/v1/admin/import-conflicts/${POOL}/s-ada/resolve`, { resolution: 'separate' })).status).toBe(404);
  });

  it('imports as a separate person only when the address is free; bad input names the field', async () => {
    const taken = await call('POST', `/v1/admin/import-conflicts/${POOL}/s-bo/resolve`, { resolution: 'separate' });
    expect(taken.status).toBe(409);
    for (const [body, field] of [[{}, 'resolution'], [{ resolution: 'merge' }, 'into'], [{ resolution: 'merge', into: 'nobody@x.example' }, 'into'], [{ resolution: 'split' }, 'resolution']] as [unknown, string][]) {
      const res = await call('POST', `/v1/admin/import-conflicts/${POOL}/s-bo/resolve`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).message).toMatch(new RegExp(`^${field}`));
    }
    // The holder of the address moves to another one (deleting them would erase the conflict too: it names their
    // address); now the Cognito user becomes a person of their own, freshly migrated.
    const holder = await s.deps.stores.users.findByEmail('default', 'bo@clash.example');
    await s.db.update(users).set({ email: 'bo.new@clash.example', emailNormalized: 'bo.new@clash.example' }).where(eq(users.id, holder!.id));
    const res = await call('POST', `/v1/admin/import-conflicts/${POOL}/s-bo/resolve`, { resolution: 'separate' });
    expect(res.status).toBe(200);
    const person = await (await call('GET', `/v1/admin/users/${(await res.json()).userId}`)).json();
    expect(person).toMatchObject({ email: 'bo@clash.example', freshlyMigrated: true, profile: { given_name: 's-bo' }, legacyLinks: [{ sub: 's-bo' }] });
    expect(await conflictSubs()).toEqual(['s-cy']);
  });

  it('resolves from the console imports page with its CSRF token', async () => {
    const adminId = (await grantAdmin(s.deps, cliActor(), 'boss@clash.example')).userId;
    const cookie = `cutover_admin=${(await createSession(s.deps, { userId: adminId, amr: ['otp'] })).cookieValue}`;
    const page = await (await fetch(`${s.url}/admin/imports`, { headers: { cookie } })).text();
    expect(page).toContain('email_unverified_in_tenant');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];
    const form = (body: Record<string, string>) => fetch(`${s.url}/admin/imports/conflicts/${POOL}/s-cy/resolve`, {
      method: 'POST', redirect: 'manual', headers: { cookie, origin: s.url, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body),
    });
    expect((await form({ resolution: 'merge', into: 'cy@clash.example' })).status).toBe(403);
    const done = await form({ resolution: 'merge', into: 'cy@clash.example', _csrf: csrf });
    expect(done.status).toBe(303);
    const cy = await s.deps.stores.users.findByEmail('default', 'cy@clash.example');
    expect(done.headers.get('location')).toBe(`/admin/people/${cy!.id}?done=ok&lang=en`);
    expect(await conflictSubs()).toEqual([]);
  });
});
