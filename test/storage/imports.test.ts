// Storage conformance: the ImportStore and admin user lookups behave the same on every driver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/storage/index.ts';
import type { Stores } from '../../src/core/ports/index.ts';
import type { ImportLink, ImportWrite } from '../../src/core/ports/imports.ts';
import type { Db } from '../../src/storage/db.ts';
import { passkeys } from '../../db/sqlite/schema.ts';
import { drivers } from '../helpers/drivers.ts';

const empty = (over: Partial<ImportWrite> = {}): ImportWrite => ({
  userPoolId: 'pool', created: [], linksAdded: [], linksChanged: [], profilesChanged: [], rolesChanged: [], conflicts: [], resolved: [], ...over,
});
const link = (sub: string, userId: string, origin: ImportLink['origin'] = 'created', hash = 'h1'): ImportLink =>
  ({ userPoolId: 'pool', sub, userId, username: `name-${sub}`, status: 'CONFIRMED', sourceHash: hash, origin });
const newUser = (id: string, email: string | null, verified = true) =>
  ({ id, tenant: 't1', email, emailVerified: verified, freshlyMigrated: true, roles: ['r'], profile: { name: 'N' }, attributes: { 'custom:a': '1' }, identities: [] });

describe.each(drivers)('import store on $name', (driver) => {
  let stores: Stores;
  let db: Db;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const opened = await driver.open();
    close = opened.close;
    db = opened.db;
    stores = createStores(db);
  });
  afterAll(() => close());

  it('creates users with links in one write, and finds them by link and by email', async () => {
    // 150 users: more than one D1 statement's worth of parameters, and more than one fast-path chunk.
    const created = Array.from({ length: 150 }, (_, i) => ({ user: newUser(`usr_${String(i).padStart(3, '0')}`, i === 0 ? null : `P${i}@Example.com`), link: link(`s${i}`, `usr_${String(i).padStart(3, '0')}`) }));
    await stores.imports.apply(empty({ created }), 10);
    const links = await stores.imports.findLinks('pool', created.map((c) => c.link.sub).concat('missing'));
    expect(links).toHaveLength(150);
    expect(links.find((l) => l.sub === 's1')).toEqual({ ...link('s1', 'usr_001'), user: { id: 'usr_001', tenant: 't1', emailNormalized: 'p1@example.com', emailVerified: true, roles: ['r'] } });
    const found = await stores.imports.findUsersByEmail('t1', ['p2@example.com', 'p149@example.com', 'nobody@example.com']);
    expect(found.map((u) => u.id).sort()).toEqual(['usr_002', 'usr_149']);
    expect(await stores.imports.findUsersByEmail('t2', ['p2@example.com'])).toEqual([]);
    expect(await stores.users.findById('usr_000')).toMatchObject({ email: null, freshlyMigrated: true, attributes: { 'custom:a': '1' } });
  });

  it('is atomic: a write that breaks the unique email index leaves nothing behind', async () => {
    const before = await stores.imports.findLinks('pool', ['s-new']);
    await expect(stores.imports.apply(empty({
      created: [{ user: newUser('usr_new', 'fresh@example.com'), link: link('s-new', 'usr_new') }, { user: newUser('usr_dup', 'p5@example.com'), link: link('s-dup', 'usr_dup') }],
    }), 20)).rejects.toThrow();
    expect(before).toEqual([]);
    expect(await stores.imports.findLinks('pool', ['s-new', 's-dup'])).toEqual([]);
    expect(await stores.users.findById('usr_new')).toBeNull();
  });

  it('adds merged links, changes profiles, roles and links', async () => {
    await stores.imports.apply(empty({
      linksAdded: [link('s-m', 'usr_003', 'merged', 'hm')],
      profilesChanged: [{ id: 'usr_004', email: 'Changed@Example.com', emailVerified: false, enabled: false, profile: { name: 'X' }, attributes: {}, roles: ['a'], identities: [{ p: 1 }] }],
      rolesChanged: [{ id: 'usr_003', roles: ['r', 'z'] }],
      linksChanged: [{ ...link('s4', 'usr_004'), status: 'RESET_REQUIRED', sourceHash: 'h2' }],
    }), 30);
    const [m] = await stores.imports.findLinks('pool', ['s-m']);
    expect(m).toMatchObject({ origin: 'merged', sourceHash: 'hm', user: { id: 'usr_003', roles: ['r', 'z'] } });
    expect(await stores.users.findById('usr_004')).toMatchObject({ email: 'Changed@Example.com', emailVerified: false, enabled: false, identities: [{ p: 1 }] });
    expect((await stores.imports.findUsersByEmail('t1', ['changed@example.com']))[0].id).toBe('usr_004');
    expect((await stores.imports.findLinks('pool', ['s4']))[0]).toMatchObject({ status: 'RESET_REQUIRED', sourceHash: 'h2', origin: 'created' });
  });

  it('upserts conflicts once per pool user, lists them by tenant, and clears resolved ones', async () => {
    const c = (sub: string, tenant: string, reason: string) => ({ userPoolId: 'pool', legacySub: sub, tenant, username: sub, email: `${sub}@x.io`, reason, record: '{}' });
    await stores.imports.apply(empty({ conflicts: [c('c1', 't1', 'first'), c('c2', 't2', 'other')] }), 40);
    await stores.imports.apply(empty({ conflicts: [c('c1', 't1', 'second')] }), 50);
    expect(await stores.imports.listConflicts('t1')).toEqual([{ userPoolId: 'pool', legacySub: 'c1', tenant: 't1', username: 'c1', email: 'c1@x.io', reason: 'second', createdAt: 40, updatedAt: 50 }]);
    expect((await stores.imports.listConflicts()).map((x) => x.legacySub)).toEqual(['c1', 'c2']);
    expect((await stores.imports.conflictsSince('pool', 't1', 45)).map((x) => x.legacySub)).toEqual(['c1']);
    await stores.imports.apply(empty({ resolved: ['c1', 'not-a-conflict'] }), 60);
    expect((await stores.imports.listConflicts()).map((x) => x.legacySub)).toEqual(['c2']);
  });

  it('keeps import runs: progress, the latest unfinished one, finishing', async () => {
    await stores.imports.startRun({ id: 'imp_1', source: 'file:a', tenant: 't1', cursor: null, counts: '{}', startedAt: 1, finishedAt: null });
    await stores.imports.startRun({ id: 'imp_2', source: 'file:a', tenant: 't1', cursor: null, counts: '{}', startedAt: 2, finishedAt: null });
    await stores.imports.apply(empty({ progress: { runId: 'imp_2', cursor: '500', counts: '{"processed":500}' } }), 70);
    expect(await stores.imports.findUnfinishedRun('file:a', 't1')).toMatchObject({ id: 'imp_2', cursor: '500', counts: '{"processed":500}' });
    expect(await stores.imports.findUnfinishedRun('file:a', 't2')).toBeNull();
    await stores.imports.finishRun('imp_2', '{"done":1}', 80);
    expect((await stores.imports.findUnfinishedRun('file:a', 't1'))?.id).toBe('imp_1');
  });

  it('admin lookups: pages by id with filters, links and passkeys without secrets, by legacy sub', async () => {
    await db.insert(passkeys).values({ id: 'pk1', userId: 'usr_003', publicKey: 'SECRET-ISH', name: 'Laptop', backedUp: true, createdAt: 5, lastUsedAt: 6 });
    const page1 = await stores.adminUsers.list({ tenant: 't1', limit: 2 });
    expect(page1.map((r) => r.user.id)).toEqual(['usr_000', 'usr_001']);
    const page2 = await stores.adminUsers.list({ tenant: 't1', limit: 2, afterId: 'usr_001' });
    expect(page2.map((r) => r.user.id)).toEqual(['usr_002', 'usr_003']);
    expect(page2[1].passkeys).toEqual([{ id: 'pk1', name: 'Laptop', createdAt: 5, lastUsedAt: 6, backedUp: true }]);
    expect(page2[1].legacyLinks.map((l) => l.sub).sort()).toEqual(['s-m', 's3']);
    expect((await stores.adminUsers.list({ tenant: 't1', email: 'p7@example.com', limit: 10 })).map((r) => r.user.id)).toEqual(['usr_007']);
    expect(await stores.adminUsers.list({ tenant: 't1', freshlyMigrated: false, limit: 10 })).toEqual([]);
    expect((await stores.adminUsers.findByLegacySub('s-m'))?.user.id).toBe('usr_003');
    expect(await stores.adminUsers.findByLegacySub('nope')).toBeNull();
    expect(await stores.adminUsers.findById('nope')).toBeNull();
  });
});
