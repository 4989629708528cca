// The import use case on a real SQLite file: every source user ends in exactly one outcome (SPEC §2).
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { importConflicts, importRuns, legacyLinks, users } from '../../db/sqlite/schema.ts';
import { importUsers, type ImportSource } from '../../src/core/import/import-users.ts';
import { arraySource } from '../helpers/import-source.ts';
import type { CognitoUserRecord } from '../../src/core/import/import-mapping.ts';
import { makeTestApp, type TestApp } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { normalizeEmail } from '../../src/core/shared/email.ts';
import { decodeJwt } from 'jose';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/list-users.sample.json', import.meta.url)); // in the clone, not only on this machine
const fixtureUsers = (): CognitoUserRecord[] => JSON.parse(readFileSync(FIXTURE, 'utf8')).Users;

const user = (sub: string, email: string | null, verified = true, extra: Partial<CognitoUserRecord> = {}, attrs: Record<string, string> = {}): CognitoUserRecord => ({
  Username: sub,
  Attributes: [{ Name: 'sub', Value: sub }, ...(email ? [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: String(verified) }] : []),
    ...Object.entries(attrs).map(([Name, Value]) => ({ Name, Value }))],
  Enabled: true, UserStatus: 'CONFIRMED', ...extra,
});

let t: TestApp;
const userCount = async () => (await t.db.select({ n: count() }).from(users))[0].n;
beforeEach(async () => {
  t = await makeTestApp();
});

describe('importing the fixture', () => {
  it('creates 9, merges the case-variant duplicate, and maps every field', async () => {
    const r = await importUsers(t.deps, arraySource(fixtureUsers()), { tenant: 'default' });
    expect(r).toMatchObject({ created: 9, updated: 0, unchanged: 0, merged: 1, conflicts: [] });
    expect(await userCount()).toBe(9);
    const ada = (await t.deps.stores.users.findByEmail('default', 'ada@example.com'))!;
    expect(ada).toMatchObject({ freshlyMigrated: true, emailVerified: true, profile: { given_name: 'Ada', family_name: 'Lovelace' }, attributes: { 'custom:tier': 'gold', 'custom:tenant_id': 'acme' } });
    expect(ada.id).toMatch(/^usr_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect((await t.deps.stores.users.legacyLinks(ada.id)).map((l) => l.sub).sort()).toEqual(['0cb1e29c-658c-4a14-95e6-0af593bd04cf', '6513270e-269e-4d37-b2a7-4de452e6b438']);
    const grace = (await t.deps.stores.users.findByEmail('default', 'grace.hopper@example.com'))!;
    expect(grace).toMatchObject({ email: 'Grace.Hopper@Example.COM', emailVerified: false, profile: { name: 'Grace Hopper', locale: 'en-US', zoneinfo: 'America/New_York' } });
    expect((await t.deps.stores.users.legacyLinks(grace.id))[0]).toMatchObject({ status: 'UNCONFIRMED', username: 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450' });
    expect((await t.deps.stores.users.findByEmail('default', 'disabled@example.com'))!.enabled).toBe(false);
    const fed = (await t.deps.stores.users.findByEmail('default', 'federated.user@gmail.com'))!;
    expect(fed.identities).toEqual([expect.objectContaining({ providerName: 'Google', userId: '104839283746529384756' })]);
    const [phoneOnly] = await t.db.select().from(legacyLinks).where(eq(legacyLinks.sub, '8d116ece-1738-47d9-bd9c-172411e20b8f'));
    const phoneUser = (await t.deps.stores.users.findById(phoneOnly.userId))!;
    expect(phoneUser).toMatchObject({ email: null, emailVerified: false, profile: { phone_number: '+447700900123' } });
    expect((await t.deps.stores.users.findByEmail('default', "o'brien+test@example.ie"))!.profile.family_name).toBe("O'Brien");
  });

  it('re-running reports created 0 and leaves the count unchanged', async () => {
    await importUsers(t.deps, arraySource(fixtureUsers()), { tenant: 'default' });
    const again = await importUsers(t.deps, arraySource(fixtureUsers(), { batch: 500 }), { tenant: 'default' });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 10, merged: 0, conflicts: [] });
    expect(await userCount()).toBe(9);
  });

  it('dry run writes nothing and predicts the real run', async () => {
    const dry = await importUsers(t.deps, arraySource(fixtureUsers()), { tenant: 'default', dryRun: true });
    expect(await userCount()).toBe(0);
    expect(await t.db.select().from(importRuns)).toHaveLength(0);
    const real = await importUsers(t.deps, arraySource(fixtureUsers()), { tenant: 'default' });
    expect({ ...dry, durationMs: 0 }).toEqual({ ...real, durationMs: 0 });
  });
});

describe('merge and conflict rules', () => {
  it('merges a verified email already in the tenant: existing profile wins, roles united', async () => {
    const existing = await seedUser(t.deps, { email: 'Pat@Example.com', roles: ['staff'], profile: { name: 'Pat Original' } });
    const r = await importUsers(t.deps, arraySource([user('s-pat', 'pat@example.com', true, {}, { name: 'Pat Cognito' })], { groups: () => ['admins'] }), { tenant: 'default' });
    expect(r).toMatchObject({ merged: 1, created: 0, groups: 1, memberships: 1 });
    const after = (await t.deps.stores.users.findById(existing.id))!;
    expect(after).toMatchObject({ profile: { name: 'Pat Original' }, roles: ['admins', 'staff'], freshlyMigrated: false });
    expect(await t.deps.stores.users.legacyLinks(existing.id)).toEqual([expect.objectContaining({ sub: 's-pat', status: 'CONFIRMED' })]);
    // Re-importing the merged user is unchanged, and a change in Cognito never overwrites the existing profile.
    expect(await importUsers(t.deps, arraySource([user('s-pat', 'pat@example.com', true, {}, { name: 'Pat Cognito' })], { groups: () => ['admins'] }), { tenant: 'default' })).toMatchObject({ unchanged: 1 });
    const changed = await importUsers(t.deps, arraySource([user('s-pat', 'pat@example.com', true, {}, { name: 'Renamed' })], { groups: () => ['ops'] }), { tenant: 'default' });
    expect(changed).toMatchObject({ updated: 1 });
    expect((await t.deps.stores.users.findById(existing.id))!).toMatchObject({ profile: { name: 'Pat Original' }, roles: ['admins', 'ops', 'staff'] });
  });

  it('keeps a conflict when either side is unverified, stores it, and never drops it', async () => {
    await seedUser(t.deps, { email: 'kim@example.com', emailVerified: false });
    await seedUser(t.deps, { email: 'lee@example.com', emailVerified: true });
    const r = await importUsers(t.deps, arraySource([user('s-kim', 'KIM@example.com', true), user('s-lee', 'lee@example.com', false)]), { tenant: 'default' });
    expect(r.conflicts).toEqual([
      { legacySub: 's-kim', reason: expect.stringMatching(/^email_unverified_in_tenant/) },
      { legacySub: 's-lee', reason: expect.stringMatching(/^email_unverified_in_source/) },
    ]);
    expect(await userCount()).toBe(2);
    const stored = await t.deps.stores.imports.listConflicts('default');
    expect(stored.map((c) => [c.legacySub, c.email])).toEqual([['s-kim', 'KIM@example.com'], ['s-lee', 'lee@example.com']]);
    // Re-running keeps them as conflicts (no duplicate rows); resolving the cause clears the row.
    expect((await importUsers(t.deps, arraySource([user('s-kim', 'kim@example.com', true)]), { tenant: 'default' })).conflicts).toHaveLength(1);
    const kim = (await t.deps.stores.users.findByEmail('default', 'kim@example.com'))!;
    await t.deps.stores.users.recordSignIn(kim.id, 5, true);
    expect(await importUsers(t.deps, arraySource([user('s-kim', 'kim@example.com', true)]), { tenant: 'default' })).toMatchObject({ merged: 1, conflicts: [] });
    expect((await t.deps.stores.imports.listConflicts('default')).map((c) => c.legacySub)).toEqual(['s-lee']);
  });

  it('reports records without a sub and impossible emails as conflicts', async () => {
    const r = await importUsers(t.deps, arraySource([{ Username: 'nosub', Attributes: [] }, user('s-bad', 'not an email')]), { tenant: 'default' });
    expect(r.conflicts.map((c) => [c.legacySub, c.reason.split(':')[0]])).toEqual([['nosub', 'invalid_record'], ['s-bad', 'invalid_email']]);
    expect(await t.db.select().from(importConflicts)).toHaveLength(2);
  });

  it('merges two pools sharing emails in one tenant, keeps pools apart in others, one tenant per pool user', async () => {
    const a = [user('a-1', 'one@example.com'), user('a-2', 'two@example.com', false)];
    const b = [user('b-1', 'one@example.com'), user('b-2', 'two@example.com'), user('b-3', 'three@example.com')];
    expect(await importUsers(t.deps, arraySource(a, { pool: 'pool-a' }), { tenant: 'acme' })).toMatchObject({ created: 2 });
    const merged = await importUsers(t.deps, arraySource(b, { pool: 'pool-b' }), { tenant: 'acme' });
    expect(merged).toMatchObject({ created: 1, merged: 1, conflicts: [{ legacySub: 'b-2', reason: expect.stringMatching(/^email_unverified_in_tenant/) }] });
    expect(await importUsers(t.deps, arraySource(a, { pool: 'pool-c' }), { tenant: 'beta' })).toMatchObject({ created: 2 });
    const again = await importUsers(t.deps, arraySource(a, { pool: 'pool-a' }), { tenant: 'beta' });
    expect(again.conflicts.map((c) => c.reason.split(':')[0])).toEqual(['linked_in_other_tenant', 'linked_in_other_tenant']);
    expect(await userCount()).toBe(5);
  });
});

describe('updates', () => {
  it('updates a changed profile, keeps an email the person proved, and follows an email change', async () => {
    await importUsers(t.deps, arraySource([user('s-1', 'old@example.com', false, {}, { given_name: 'A' })]), { tenant: 'default' });
    const u = (await t.deps.stores.users.findByEmail('default', 'old@example.com'))!;
    await t.deps.stores.users.recordSignIn(u.id, 10, true);
    const r = await importUsers(t.deps, arraySource([user('s-1', 'old@example.com', false, { Enabled: false, UserStatus: 'RESET_REQUIRED' }, { given_name: 'B' })], { groups: () => ['g'] }), { tenant: 'default' });
    expect(r).toMatchObject({ updated: 1 });
    expect((await t.deps.stores.users.findById(u.id))!).toMatchObject({ emailVerified: true, enabled: false, profile: { given_name: 'B' }, roles: ['g'], freshlyMigrated: false });
    expect((await t.deps.stores.users.legacyLinks(u.id))[0].status).toBe('RESET_REQUIRED');
    await importUsers(t.deps, arraySource([user('s-1', 'new@example.com', true)]), { tenant: 'default' });
    expect((await t.deps.stores.users.findById(u.id))!).toMatchObject({ email: 'new@example.com', emailVerified: true });
    expect(await t.deps.stores.users.findByEmail('default', 'old@example.com')).toBeNull();
  });
});

describe('resume', () => {
  it('continues an unfinished run from its cursor and reports the whole run', async () => {
    const records = Array.from({ length: 12 }, (_, i) => user(`r-${i}`, `r${i}@example.com`));
    // A run that "died" after its first committed batch: the source throws midway.
    const dying: ImportSource = { ...arraySource(records, { batch: 4 }), async *batches() {
      yield records.slice(0, 4).map((record, i) => ({ record, groups: [], position: `#${i}` }));
      yield records.slice(4, 8).map((record, i) => ({ record, groups: [], position: `#${i}` }));
      throw new Error('killed');
    } };
    await expect(importUsers(t.deps, dying, { tenant: 'default', batchSize: 4 })).rejects.toThrow('killed');
    expect(await userCount()).toBe(8);
    const r = await importUsers(t.deps, arraySource(records, { batch: 4 }), { tenant: 'default', resume: true, batchSize: 4 });
    expect(r).toMatchObject({ created: 12, unchanged: 0 });
    expect(await userCount()).toBe(12);
    const runs = await t.db.select().from(importRuns);
    expect(runs).toHaveLength(1);
    expect(runs[0].finishedAt).not.toBeNull();
    await expect(importUsers(t.deps, { ...arraySource(records), fingerprint: 'other' }, { tenant: 'default', resume: true })).resolves.toMatchObject({ unchanged: 12 });
  });
});

describe('look-alike and differently composed emails (issue 18 #13)', () => {
  it('merges the NFD and NFC spellings of one address, and never a Kelvin-sign look-alike', async () => {
    const r = await importUsers(t.deps, arraySource([
      user('a0000000-0000-4000-8000-000000000001', 'kate@example.com'),
      user('a0000000-0000-4000-8000-000000000002', '\u212Aate@example.com'),
      user('a0000000-0000-4000-8000-000000000003', 'José@example.com'.normalize('NFC')),
      user('a0000000-0000-4000-8000-000000000004', 'josé@example.com'.normalize('NFD')),
    ], { batch: 1 }), { tenant: 'default' });
    expect(r).toMatchObject({ created: 3, merged: 1, conflicts: [] });
    const kate = (await t.deps.stores.users.findByEmail('default', normalizeEmail('KATE@example.com')))!;
    const kelvin = (await t.deps.stores.users.findByEmail('default', normalizeEmail('\u212Aate@example.com')))!;
    expect(kate.id).not.toBe(kelvin.id);
    expect((await t.deps.stores.users.legacyLinks(kate.id)).map((l) => l.sub)).toEqual(['a0000000-0000-4000-8000-000000000001']);
    const jose = (await t.deps.stores.users.findByEmail('default', normalizeEmail('JOSÉ@example.com'.normalize('NFD'))))!;
    expect((await t.deps.stores.users.legacyLinks(jose.id)).map((l) => l.sub).sort()).toEqual(['a0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000004']);
  });
});

describe('import fidelity (issue 18 #14)', () => {
  it('keeps a __proto__ attribute as data', async () => {
    const r = await importUsers(t.deps, arraySource([user('b0000000-0000-4000-8000-000000000001', 'proto@example.com', true, {}, { ['__proto__']: 'kept', 'custom:__proto__': 'also', constructor: 'c' })]), { tenant: 'default' });
    expect(r).toMatchObject({ created: 1, conflicts: [] });
    const stored = (await t.deps.stores.users.findByEmail('default', 'proto@example.com'))!;
    expect(Object.hasOwn(stored.attributes, '__proto__')).toBe(true);
    expect(Object.entries(stored.attributes).sort()).toEqual([['__proto__', 'kept'], ['constructor', 'c'], ['custom:__proto__', 'also']]);
  });

  it('reports a second record with the same sub as a conflict and keeps the first, within and across batches', async () => {
    const sub = 'b0000000-0000-4000-8000-000000000002';
    const records = [
      user(sub, 'first@example.com'),
      user('b0000000-0000-4000-8000-000000000003', 'between@example.com'),
      user('b0000000-0000-4000-8000-000000000004', 'between2@example.com'),
      user(sub, 'second@example.com', true, {}, { name: 'Impostor' }),
    ];
    for (const batch of [1, 10]) {
      t = await makeTestApp();
      const r = await importUsers(t.deps, arraySource(records, { batch }), { tenant: 'default', batchSize: batch });
      expect(r).toMatchObject({ created: 3, updated: 0, conflicts: [{ legacySub: sub, reason: expect.stringMatching(/^duplicate_sub:/) }] });
      const [link] = await t.db.select().from(legacyLinks).where(eq(legacyLinks.sub, sub));
      expect((await t.deps.stores.users.findById(link.userId))!.email).toBe('first@example.com');
      expect(await t.db.select().from(importConflicts).where(eq(importConflicts.legacySub, sub))).toHaveLength(1);
      // a dry run says the same
      const dry = await importUsers((await makeTestApp()).deps, arraySource(records, { batch }), { tenant: 'default', dryRun: true, batchSize: batch });
      expect(dry.conflicts.map((c) => c.legacySub)).toEqual([sub]);
    }
  });

  it('coerces Enabled given as a string explicitly, and refuses what is neither', async () => {
    const r = await importUsers(t.deps, arraySource([
      user('b0000000-0000-4000-8000-000000000005', 'off@example.com', true, { Enabled: 'false' }),
      user('b0000000-0000-4000-8000-000000000006', 'on@example.com', true, { Enabled: 'TRUE' }),
      user('b0000000-0000-4000-8000-000000000007', 'odd@example.com', true, { Enabled: 'no' }),
    ]), { tenant: 'default' });
    expect(r).toMatchObject({ created: 2, conflicts: [{ legacySub: 'b0000000-0000-4000-8000-000000000007', reason: expect.stringMatching(/^invalid_enabled:/) }] });
    expect((await t.deps.stores.users.findByEmail('default', 'off@example.com'))!.enabled).toBe(false);
    expect((await t.deps.stores.users.findByEmail('default', 'on@example.com'))!.enabled).toBe(true);
  });

  it('refuses an attribute longer than Cognito allows (a 2 MB name) and reports it', async () => {
    const r = await importUsers(t.deps, arraySource([
      user('b0000000-0000-4000-8000-000000000008', 'big@example.com', true, {}, { name: 'x'.repeat(2 * 1024 * 1024) }),
      user('b0000000-0000-4000-8000-000000000009', 'fine@example.com', true, {}, { name: 'y'.repeat(2048) }),
    ]), { tenant: 'default' });
    expect(r).toMatchObject({ created: 1, conflicts: [{ legacySub: 'b0000000-0000-4000-8000-000000000008', reason: 'attribute_too_long: "name" is 2097152 characters (at most 2048)' }] });
    expect(await t.deps.stores.users.findByEmail('default', 'big@example.com')).toBeNull();
  });
});

describe('legacy_sub after a merge (issue 18, newcomer)', () => {
  it('is the sub of the record whose profile won, not the alphabetically first one', async () => {
    const winner = 'f0000000-0000-4000-8000-00000000000f';
    const merged = '00000000-0000-4000-8000-000000000001';
    const r = await importUsers(t.deps, arraySource([
      user(winner, 'same@example.com', true, {}, { given_name: 'Winner' }),
      user(merged, 'SAME@example.com', true, {}, { given_name: 'Merged' }),
    ], { batch: 10 }), { tenant: 'default' });
    expect(r).toMatchObject({ created: 1, merged: 1 });
    const u = (await t.deps.stores.users.findByEmail('default', 'same@example.com'))!;
    expect(u.profile.given_name).toBe('Winner');
    expect((await t.deps.stores.users.legacyLinks(u.id)).map((l) => l.sub)).toEqual([winner, merged]);
    const client = (await t.deps.stores.clients.findById('account'))!;
    const { access_token } = await issueTokenSet(t.deps, { user: u, client, amr: ['otp'] });
    expect(decodeJwt(access_token).legacy_sub).toBe(winner);
  });
});
