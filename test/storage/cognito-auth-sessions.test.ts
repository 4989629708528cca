// Storage conformance: Cognito API sessions are spent once (concurrently too), only while live, and swept; a client's swap setting round-trips.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports/index.ts';
import { publicClient } from '../../src/core/clients/clients.ts';
import { drivers, useStores } from '../helpers/drivers.ts';

describe.each(drivers)('Cognito API sessions on $name', (driver) => {
  let stores: Stores;
  useStores(driver, (opened) => {
    stores = opened.stores;
  });
  const session = (idHash: string, expiresAt = 1000) => ({
    idHash, clientId: 'app', username: 'a@example.com', challenge: 'EMAIL_OTP' as const, data: { challenge: 'h' }, createdAt: 10, expiresAt,
  });

  it('is found whatever its state, spent by one caller of many, and never after expiry', async () => {
    await stores.cognitoAuthSessions.insert(session('s1'));
    expect(await stores.cognitoAuthSessions.find('s1')).toEqual({ ...session('s1'), spentAt: null });
    const spent = await Promise.all(Array.from({ length: 20 }, () => stores.cognitoAuthSessions.spend('s1', 20)));
    expect(spent.filter(Boolean)).toHaveLength(1);
    expect(await stores.cognitoAuthSessions.find('s1')).toMatchObject({ spentAt: 20 });
    await stores.cognitoAuthSessions.insert(session('s2', 50));
    expect(await stores.cognitoAuthSessions.spend('s2', 50)).toBe(false);
    expect(await stores.cognitoAuthSessions.find('nope')).toBeNull();
    expect(await stores.cognitoAuthSessions.purge(51)).toBe(1);
    expect(await stores.cognitoAuthSessions.find('s2')).toBeNull();
  });

  it('a client keeps allowCognitoSessionSwap', async () => {
    await stores.clients.insertIfAbsent(publicClient({ id: 'swapper', tenant: 'default', name: 'S', redirectUris: ['https://a/cb'], createdAt: 1, allowCognitoSessionSwap: true }));
    expect((await stores.clients.findById('swapper'))?.allowCognitoSessionSwap).toBe(true);
    expect((await stores.clients.findById('account'))?.allowCognitoSessionSwap ?? false).toBe(false);
  });
});
