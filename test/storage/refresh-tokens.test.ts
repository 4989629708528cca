// Storage conformance: refresh-token families behave the same on every driver.
import { publicClient } from '../../src/core/clients/clients.ts';
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports/index.ts';
import type { Db } from '../../src/storage/db.ts';
import { legacyLinks, refreshTokens } from '../../db/sqlite/schema.ts';
import { drivers, useStores } from '../helpers/drivers.ts';

describe.each(drivers)('refresh tokens on $name', (driver) => {
  let stores: Stores;
  let db: Db;
  useStores(driver, async (opened) => {
    stores = opened.stores;
    db = opened.db;
    await stores.users.insert({ id: 'usr_1', tenant: 'default', email: 'a@example.com', emailVerified: true }, 1);
  });

  const family = (id: string) => ({ id, userId: 'usr_1', clientId: 'account', scope: 'openid', amr: ['otp'], authTime: 1 });

  it('rotates a token once, even when asked concurrently', async () => {
    await stores.refreshTokens.createFamily(family('f1'), 'h1', 10, 1000);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => stores.refreshTokens.rotate('f1', 'h1', `h1-next-${i}`, 20, 2000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results.find(Boolean)).toMatchObject({ id: 'f1', amr: ['otp'] });
    const winner = results.findIndex(Boolean);
    expect(await stores.refreshTokens.findFamily('f1')).toMatchObject({ tokenHash: `h1-next-${winner}`, revokedAt: null });
    // the old hash is gone, the new one works once
    expect(await stores.refreshTokens.rotate('f1', 'h1', 'h1-again', 30, 2000)).toBeNull();
    expect(await stores.refreshTokens.rotate('f1', `h1-next-${winner}`, 'h1-third', 30, 2000)).toMatchObject({ id: 'f1' });
  });

  it('accepts the token just replaced again within the grace, with the same successor, and nothing older', async () => {
    await stores.refreshTokens.createFamily(family('f10'), 'h10', 10, 1000);
    const repeats = await Promise.all(Array.from({ length: 20 }, () => stores.refreshTokens.rotate('f10', 'h10', 'h11', 20, 50)));
    expect(repeats.every((r) => r?.id === 'f10')).toBe(true);
    expect(await stores.refreshTokens.rotate('f10', 'h10', 'h11', 69, 50)).toMatchObject({ id: 'f10' }); // within the grace
    expect(await stores.refreshTokens.rotate('f10', 'h10', 'h-fork', 30, 50)).toBeNull(); // never a second successor
    expect(await stores.refreshTokens.rotate('f10', 'h10', 'h11', 71, 50)).toBeNull(); // grace over
    expect(await stores.refreshTokens.findFamily('f10')).toMatchObject({ tokenHash: 'h11', revokedAt: null });
    expect(await stores.refreshTokens.rotate('f10', 'h11', 'h12', 80, 50)).toMatchObject({ id: 'f10' });
    expect(await stores.refreshTokens.rotate('f10', 'h10', 'h11', 81, 50)).toBeNull(); // older than the one just replaced
    expect(await stores.refreshTokens.rotate('f10', 'h11', 'h12', 85, 50)).toMatchObject({ id: 'f10' });
  });

  it('never extends a family past the expiry it started with', async () => {
    await stores.refreshTokens.createFamily(family('f11'), 'h1a', 10, 1000);
    expect(await stores.refreshTokens.rotate('f11', 'h1a', 'h1b', 990, 50)).toMatchObject({ id: 'f11' });
    expect(await stores.refreshTokens.rotate('f11', 'h1b', 'h1c', 999, 50)).toMatchObject({ id: 'f11' });
    expect(await stores.refreshTokens.rotate('f11', 'h1c', 'h1d', 1000, 50)).toBeNull();
    expect(await stores.refreshTokens.rotate('f11', 'h1b', 'h1c', 1000, 50)).toBeNull();
  });

  it('returns the user, client and first legacy sub with the rotated family', async () => {
    await stores.users.insert({ id: 'usr_2', tenant: 'default', email: 'b@example.com', emailVerified: true, roles: ['staff'] }, 1);
    await stores.clients.insertIfAbsent(publicClient({ id: 'app', tenant: 'default', name: 'App', redirectUris: ['https://app.example/cb'], audience: 'api', createdAt: 1 }));
    const link = (sub: string, createdAt: number) => ({ userPoolId: 'pool', sub, userId: 'usr_2', username: sub, createdAt, updatedAt: createdAt });
    await db.insert(legacyLinks).values([link('sub-later', 20), link('sub-b', 10), link('sub-a', 10)]);
    await stores.refreshTokens.createFamily({ ...family('f6'), userId: 'usr_2', clientId: 'app' }, 'h6', 10, 1000);
    const rotated = await stores.refreshTokens.rotate('f6', 'h6', 'h6b', 20, 2000);
    expect(rotated).toMatchObject({ id: 'f6', legacySub: 'sub-a', user: { id: 'usr_2', roles: ['staff'], enabled: true }, client: { id: 'app', audience: 'api', redirectUris: ['https://app.example/cb'] } });
    expect(rotated?.legacySub).toBe((await stores.users.legacyLinks('usr_2'))[0].sub);

    // no link, and a client that does not exist (any more): nulls, not errors
    await stores.refreshTokens.createFamily({ ...family('f7'), clientId: 'gone' }, 'h7', 10, 1000);
    expect(await stores.refreshTokens.rotate('f7', 'h7', 'h7b', 20, 2000)).toMatchObject({ id: 'f7', legacySub: null, client: null, user: { id: 'usr_1' } });
  });

  it('refuses expired tokens and tokens of revoked families', async () => {
    await stores.refreshTokens.createFamily(family('f2'), 'h2', 10, 100);
    expect(await stores.refreshTokens.rotate('f2', 'h2', 'h2b', 100, 2000)).toBeNull();
    expect(await stores.refreshTokens.findFamily('f2')).toMatchObject({ tokenHash: 'h2', revokedAt: null }); // untouched
    await stores.refreshTokens.createFamily(family('f3'), 'h3', 10, 1000);
    await stores.refreshTokens.revokeFamily('f3', 20, 'test');
    expect(await stores.refreshTokens.rotate('f3', 'h3', 'h3b', 30, 2000)).toBeNull();
    expect(await stores.refreshTokens.findFamily('f3')).toMatchObject({ id: 'f3', revokedAt: 20, tokenHash: 'h3' });
    expect(await stores.refreshTokens.findFamily('nope')).toBeNull();
    // a live token presented under another family's id is no match
    await stores.refreshTokens.createFamily(family('f9'), 'h9', 10, 1000);
    expect(await stores.refreshTokens.rotate('f2', 'h9', 'h9x', 30, 2000)).toBeNull();
    expect(await stores.refreshTokens.rotate('f9', 'h9', 'h9x', 30, 2000)).toMatchObject({ id: 'f9' });
  });

  it('a code replay revokes the family whichever lands first: the replay\'s revocation or the exchange\'s insert', async () => {
    // replay first: the family is stored revoked, and the exchange's later insert stores nothing live
    await stores.refreshTokens.revokeStartedFamily(family('f20'), 20, 'code_replay');
    await stores.refreshTokens.createFamily(family('f20'), 'h20', 21, 1000);
    expect(await stores.refreshTokens.findFamily('f20')).toMatchObject({ revokedAt: 20, tokenHash: null });
    expect(await stores.refreshTokens.rotate('f20', 'h20', 'h20b', 30, 2000)).toBeNull();
    // exchange first: the replay revokes it, keeping the first revocation's time when there was one
    await stores.refreshTokens.createFamily(family('f21'), 'h21', 10, 1000);
    await stores.refreshTokens.revokeStartedFamily(family('f21'), 22, 'code_replay');
    await stores.refreshTokens.revokeStartedFamily(family('f21'), 25, 'code_replay');
    expect(await stores.refreshTokens.findFamily('f21')).toMatchObject({ revokedAt: 22, tokenHash: 'h21' });
    expect(await stores.refreshTokens.rotate('f21', 'h21', 'h21b', 30, 2000)).toBeNull();
  });

  it('revokes all of a user', async () => {
    await stores.refreshTokens.createFamily(family('f4'), 'h4', 10, 1000);
    await stores.refreshTokens.createFamily(family('f5'), 'h5', 10, 1000);
    expect(await stores.refreshTokens.revokeAllForUser('usr_1', 40, 'disabled')).toBeGreaterThanOrEqual(2);
    expect(await stores.refreshTokens.findFamily('f4')).toMatchObject({ revokedAt: 40 });
    expect(await stores.refreshTokens.rotate('f5', 'h5', 'h5b', 50, 2000)).toBeNull();
  });

  it('finds the family of a token issued before token texts named it (frozen table), and nothing else', async () => {
    await stores.refreshTokens.createFamily(family('f8'), 'h8-new', 10, 1000);
    await db.insert(refreshTokens).values({ tokenHash: 'h8-old', familyId: 'f8', createdAt: 5, expiresAt: 1000 });
    expect(await stores.refreshTokens.familyIdOfLegacyToken('h8-old')).toBe('f8');
    expect(await stores.refreshTokens.familyIdOfLegacyToken('h8-new')).toBeNull();
  });
});

describe.each(drivers)('users, clients, keys and settings on $name', (driver) => {
  let stores: Stores;
  let db: Db;
  useStores(driver, async (opened) => {
    stores = opened.stores;
    db = opened.db;
  });

  it('keeps emails unique per tenant, case-insensitively', async () => {
    expect(await stores.users.insert({ id: 'usr_a', tenant: 't1', email: 'Ada@Example.com', emailVerified: true, roles: ['x'] }, 1)).toMatchObject({ roles: ['x'] });
    expect(await stores.users.insert({ id: 'usr_b', tenant: 't1', email: 'ada@example.COM', emailVerified: true }, 1)).toBeNull();
    expect(await stores.users.insert({ id: 'usr_c', tenant: 't2', email: 'ada@example.com', emailVerified: true }, 1)).not.toBeNull();
    expect((await stores.users.findByEmail('t1', 'ada@example.com'))?.id).toBe('usr_a');
  });

  it('records a sign-in that proves the email', async () => {
    await stores.users.insert({ id: 'usr_f', tenant: 't1', email: 'f@example.com', emailVerified: false, freshlyMigrated: true }, 1);
    const u = await stores.users.recordSignIn('usr_f', 50, true);
    expect(u).toMatchObject({ emailVerified: true, freshlyMigrated: false, lastSignInAt: 50 });
  });

  it('records a proven sign-in with, from the same statement, untrusted links and the first legacy identity', async () => {
    await stores.users.insert({ id: 'usr_p', tenant: 't1', email: 'p@example.com', emailVerified: false, freshlyMigrated: true }, 1);
    await stores.users.insert({ id: 'usr_q', tenant: 't1', email: 'q@example.com', emailVerified: true }, 1);
    expect(await stores.users.recordProvenSignIn('usr_p', 50)).toEqual({
      user: expect.objectContaining({ id: 'usr_p', emailVerified: true, freshlyMigrated: false, lastSignInAt: 50 }),
      hasUntrustedLinks: false, legacy: { sub: null, username: null },
    });
    const link = (userId: string, sub: string, createdAt: number) => ({ userPoolId: 'pool', sub, userId, username: `name-${sub}`, createdAt, updatedAt: createdAt });
    await db.insert(legacyLinks).values([link('usr_p', 'sub-later', 20), link('usr_p', 'sub-b', 10), link('usr_p', 'sub-a', 10), link('usr_q', 'sub-0', 1)]);
    const base = { userPoolId: 'pool', created: [], linksAdded: [], linksChanged: [], profilesChanged: [], rolesChanged: [], conflicts: [], resolved: [] };
    await stores.imports.apply({ ...base, federatedLinks: [{ tenant: 't1', provider: 'Google', subject: 'g1', userId: 'usr_p', trusted: false }] }, 5);
    await stores.imports.apply({ ...base, federatedLinks: [{ tenant: 't1', provider: 'Google', subject: 'g2', userId: 'usr_q', trusted: true }] }, 5);
    expect(await stores.users.recordProvenSignIn('usr_p', 60)).toMatchObject({ hasUntrustedLinks: true, legacy: { sub: 'sub-a', username: 'name-sub-a' } });
    expect((await stores.users.legacyLinks('usr_p'))[0]).toMatchObject({ sub: 'sub-a', username: 'name-sub-a' });
    expect(await stores.users.recordProvenSignIn('usr_q', 60)).toMatchObject({ hasUntrustedLinks: false, legacy: { sub: 'sub-0', username: 'name-sub-0' } });
    await stores.federation.trustLinks('usr_p', 70);
    expect(await stores.users.recordProvenSignIn('usr_p', 80)).toMatchObject({ hasUntrustedLinks: false, user: { lastSignInAt: 80 } });
    await stores.users.setEnabled('usr_q', false, 90);
    expect(await stores.users.recordProvenSignIn('usr_q', 100)).toBeNull();
    expect(await stores.users.recordProvenSignIn('usr_missing', 100)).toBeNull();
  });

  it('records no sign-in for a disabled or missing user', async () => {
    await stores.users.insert({ id: 'usr_d', tenant: 't1', email: 'd@example.com', emailVerified: false, freshlyMigrated: true, enabled: false }, 1);
    expect(await stores.users.recordSignIn('usr_d', 50, true)).toBeNull();
    expect(await stores.users.findById('usr_d')).toMatchObject({ lastSignInAt: null, emailVerified: false, freshlyMigrated: true });
    expect(await stores.users.recordSignIn('usr_missing', 50, false)).toBeNull();
  });

  it('inserts the first signing key only once', async () => {
    const key = (kid: string) => ({ kid, alg: 'RS256' as const, publicJwk: { kty: 'RSA' }, privateJwk: { kty: 'RSA' }, createdAt: 1, activateAt: 1 });
    const results = await Promise.all([stores.signingKeys.insertFirst(key('k1')), stores.signingKeys.insertFirst(key('k2'))]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await stores.signingKeys.all()).toHaveLength(1);
  });

  it('settings: the first value wins', async () => {
    expect(await stores.settings.getOrInit('s', 'one')).toBe('one');
    expect(await stores.settings.getOrInit('s', 'two')).toBe('one');
  });

  it('clients: insert once, read back', async () => {
    const c = publicClient({ id: 'c1', tenant: 'default', name: 'C', redirectUris: ['https://x/cb'], scopes: ['aws.cognito.signin.user.admin'], createdAt: 1 });
    expect(await stores.clients.insertIfAbsent(c)).toBe(true);
    expect(await stores.clients.insertIfAbsent(c)).toBe(false);
    expect(await stores.clients.findById('c1')).toEqual(c);
  });
});
