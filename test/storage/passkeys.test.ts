// Storage conformance: passkeys and WebAuthn challenges behave the same on every driver.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports/index.ts';
import type { Passkey } from '../../src/core/ports/passkeys.ts';
import { drivers, useStores } from '../helpers/drivers.ts';

const passkey = (id: string, userId: string, over: Partial<Passkey> = {}): Passkey => ({
  id, userId, publicKey: 'pk', counter: 0, transports: ['internal', 'hybrid'], aaguid: '00000000-0000-0000-0000-000000000000',
  deviceType: 'singleDevice', backupEligible: false, backedUp: false, name: 'Key', flaggedAt: null, createdAt: 10, lastUsedAt: null, ...over,
});

describe.each(drivers)('passkeys on $name', (driver) => {
  let stores: Stores;
  useStores(driver, async (opened) => {
    stores = opened.stores;
    await stores.users.insert({ id: 'usr_a', tenant: 'default', email: 'a@example.com', emailVerified: true }, 1);
    await stores.users.insert({ id: 'usr_b', tenant: 'default', email: 'b@example.com', emailVerified: true }, 1);
  });

  it('inserts once per credential id and lists a person\'s passkeys oldest first', async () => {
    expect(await stores.passkeys.insert(passkey('c2', 'usr_a', { createdAt: 20 }))).toBe(true);
    expect(await stores.passkeys.insert(passkey('c1', 'usr_a', { createdAt: 10, deviceType: 'multiDevice', backupEligible: true, backedUp: true }))).toBe(true);
    expect(await stores.passkeys.insert(passkey('c1', 'usr_b'))).toBe(false);
    expect((await stores.passkeys.listByUser('usr_a')).map((p) => p.id)).toEqual(['c1', 'c2']);
    expect(await stores.passkeys.findById('c1')).toEqual(passkey('c1', 'usr_a', { createdAt: 10, deviceType: 'multiDevice', backupEligible: true, backedUp: true }));
    expect(await stores.passkeys.findById('nope')).toBeNull();
  });

  it('moves the counter forward only, once under concurrency, and never for a flagged key', async () => {
    await stores.passkeys.insert(passkey('c3', 'usr_a', { counter: 5 }));
    const results = await Promise.all(Array.from({ length: 10 }, () => stores.passkeys.recordUse('c3', { counter: 6, backedUp: false, now: 50 })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await stores.passkeys.recordUse('c3', { counter: 6, backedUp: false, now: 60 })).toBe(false);
    expect(await stores.passkeys.recordUse('c3', { counter: 2, backedUp: false, now: 60 })).toBe(false);
    expect(await stores.passkeys.findById('c3')).toMatchObject({ counter: 6, lastUsedAt: 50 });
    await stores.passkeys.flag('c3', 70);
    await stores.passkeys.flag('c3', 80);
    expect(await stores.passkeys.recordUse('c3', { counter: 100, backedUp: false, now: 90 })).toBe(false);
    expect(await stores.passkeys.findById('c3')).toMatchObject({ counter: 6, flaggedAt: 70 });
  });

  it('accepts zero counters again and again (synced passkeys) and records backup state', async () => {
    await stores.passkeys.insert(passkey('c4', 'usr_a'));
    expect(await stores.passkeys.recordUse('c4', { counter: 0, backedUp: true, now: 20 })).toBe(true);
    expect(await stores.passkeys.recordUse('c4', { counter: 0, backedUp: true, now: 30 })).toBe(true);
    expect(await stores.passkeys.findById('c4')).toMatchObject({ backedUp: true, lastUsedAt: 30 });
  });

  it('renames and removes only the owner\'s passkeys', async () => {
    await stores.passkeys.insert(passkey('c5', 'usr_b'));
    expect(await stores.passkeys.rename('usr_a', 'c5', 'Mine now')).toBe(false);
    expect(await stores.passkeys.remove('usr_a', 'c5')).toBe(false);
    expect(await stores.passkeys.rename('usr_b', 'c5', 'Laptop')).toBe(true);
    expect((await stores.passkeys.findById('c5'))?.name).toBe('Laptop');
    expect(await stores.passkeys.remove('usr_b', 'c5')).toBe(true);
    expect(await stores.passkeys.findById('c5')).toBeNull();
  });

  it('consumes a challenge once, for its ceremony only, while live', async () => {
    await stores.passkeys.insertChallenge({ challengeHash: 'h1', kind: 'authentication', userId: null, createdAt: 10, expiresAt: 100 });
    expect(await stores.passkeys.consumeChallenge('h1', 'registration', 20)).toBeNull();
    const results = await Promise.all(Array.from({ length: 10 }, () => stores.passkeys.consumeChallenge('h1', 'authentication', 20)));
    expect(results.filter(Boolean)).toEqual([{ challengeHash: 'h1', kind: 'authentication', userId: null, createdAt: 10, expiresAt: 100 }]);
    await stores.passkeys.insertChallenge({ challengeHash: 'h2', kind: 'registration', userId: 'usr_a', createdAt: 10, expiresAt: 100 });
    expect(await stores.passkeys.consumeChallenge('h2', 'registration', 100)).toBeNull();
    expect(await stores.passkeys.purgeChallenges(101)).toBe(2);
    expect(await stores.passkeys.purgeChallenges(101)).toBe(0);
  });
});
