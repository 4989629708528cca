// Storage conformance: auth codes, sessions, admin keys and audit behave the same on every driver.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports/index.ts';
import { drivers, useStores } from '../helpers/drivers.ts';

describe.each(drivers)('auth codes, sessions, admin keys, audit on $name', (driver) => {
  let stores: Stores;
  useStores(driver, async (opened) => {
    stores = opened.stores;
    await stores.users.insert({ id: 'usr_1', tenant: 'default', email: 'a@example.com', emailVerified: true }, 1);
  });

  const code = (codeHash: string, expiresAt = 1000) => ({
    codeHash, clientId: 'account', userId: 'usr_1', redirectUri: 'https://x/cb', codeChallenge: 'abc', scope: 'openid', amr: ['email'], authTime: 5, nonce: null, createdAt: 10, expiresAt,
  });

  it('an authorization code is consumed once, concurrently too, and only while live', async () => {
    await stores.authCodes.insert(code('c1'));
    const results = await Promise.all(Array.from({ length: 20 }, () => stores.authCodes.consume('c1', 20, 'rtf_1')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(results.find(Boolean)).toEqual(code('c1'));
    await stores.authCodes.insert(code('c2', 50));
    expect(await stores.authCodes.consume('c2', 50, 'rtf_2')).toBeNull();
  });

  it('sessions: live until expired or revoked; revoking all of a user', async () => {
    const s = { idHash: 's1', userId: 'usr_1', amr: ['otp'], createdAt: 1, expiresAt: 100 };
    await stores.sessions.insert(s);
    expect(await stores.sessions.findLive('s1', 50)).toEqual(s);
    expect(await stores.sessions.findLive('s1', 100)).toBeNull();
    await stores.sessions.insert({ ...s, idHash: 's2' });
    await stores.sessions.revoke('s2', 10);
    expect(await stores.sessions.findLive('s2', 20)).toBeNull();
    await stores.sessions.insert({ ...s, idHash: 's3' });
    await stores.sessions.revokeAllForUser('usr_1', 10);
    expect(await stores.sessions.findLive('s3', 20)).toBeNull();
  });

  it('admin keys are found by hash and touched', async () => {
    await stores.adminKeys.insert({ id: 'adk_1', name: 'ops', createdAt: 1, keyHash: 'kh' });
    expect(await stores.adminKeys.findLiveByHash('kh', 5)).toEqual({ id: 'adk_1', name: 'ops', createdAt: 1 });
    expect(await stores.adminKeys.findLiveByHash('nope', 5)).toBeNull();
  });

  it('audit events list newest first, filtered', async () => {
    await stores.audit.record({ type: 'a', userId: 'usr_1', detail: { n: 1 } }, 1);
    await stores.audit.record({ type: 'b', userId: 'usr_1' }, 2);
    await stores.audit.record({ type: 'a', userId: 'usr_2' }, 3);
    const events = await stores.audit.list({ type: 'a', limit: 10 });
    expect(events.map((e) => e.at)).toEqual([3, 1]);
    expect(events[1].detail).toEqual({ n: 1 });
  });

  it('refusals add up in one row per id, concurrently too', async () => {
    const event = { type: 'limited', ip: '192.0.2.1', detail: { email: 'x@example.com' } };
    await Promise.all(Array.from({ length: 10 }, (_, i) => stores.audit.recordRefusal('evt_rl_1', event, 100 + i)));
    const [row] = await stores.audit.list({ type: 'limited', limit: 10 });
    expect(row).toMatchObject({ id: 'evt_rl_1', at: expect.any(Number), ip: '192.0.2.1', detail: { email: 'x@example.com', refused: 10, lastAt: expect.any(Number) } });
  });

  it('prunes the oldest events before a time, a batch at a time', async () => {
    // Earlier tests recorded events at 1 and later: these three are older than all of them.
    for (const at of [-7, -6, -5]) await stores.audit.record({ type: 'old' }, at);
    expect(await stores.audit.prune(0, 2)).toBe(2);
    expect((await stores.audit.list({ type: 'old', limit: 10 })).map((e) => e.at)).toEqual([-5]);
    expect(await stores.audit.prune(0, 2)).toBe(1);
    expect(await stores.audit.list({ type: 'old', limit: 10 })).toEqual([]);
    expect((await stores.audit.list({ type: 'limited', limit: 10 })).length).toBe(1);
  });
});
