// Storage conformance: providers, federated sign-ins under way, links (active, untrusted, pending), the SAML replay
// cache, and the import's identity links behave the same on every driver.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports/index.ts';
import { drivers, useStores } from '../helpers/drivers.ts';

describe.each(drivers)('federation stores on $name', (driver) => {
  let stores: Stores;
  useStores(driver, async (opened) => {
    stores = opened.stores;
    await stores.users.insert({ id: 'usr_a', tenant: 'default', email: 'a@example.com', emailVerified: true }, 1);
    await stores.users.insert({ id: 'usr_b', tenant: 'default', email: 'b@example.com', emailVerified: false }, 1);
  });
  const identity = (provider: string, subject: string) => ({ userId: subject, providerName: provider, providerType: 'OIDC' });

  it('providers: upsert replaces, list orders by name, remove once', async () => {
    const p = { tenant: 'default', name: 'Zed', type: 'oidc' as const, settings: { clientId: 'z', issuer: 'https://z' }, secretSealed: 'v1.a.b', createdAt: 1, updatedAt: 1 };
    await stores.providers.upsert(p);
    await stores.providers.upsert({ ...p, name: 'Alpha' });
    await stores.providers.upsert({ ...p, settings: { clientId: 'z2', issuer: 'https://z' }, updatedAt: 2 });
    expect((await stores.providers.find('default', 'Zed'))?.settings.clientId).toBe('z2');
    expect((await stores.providers.list('default')).map((x) => x.name)).toEqual(['Alpha', 'Zed']);
    expect(await stores.providers.remove('default', 'Zed')).toBe(true);
    expect(await stores.providers.remove('default', 'Zed')).toBe(false);
  });

  it('a sign-in under way is spent once, concurrently too, and only while live', async () => {
    const r = { stateHash: 'st1', tenant: 'default', provider: 'Alpha', clientId: 'account', redirectUri: 'https://x/cb', state: 's', codeChallenge: null, scope: null, nonce: null, createdAt: 1, expiresAt: 100 };
    await stores.federation.insertRequest(r);
    const spent = await Promise.all(Array.from({ length: 10 }, () => stores.federation.consumeRequest('st1', 50)));
    expect(spent.filter(Boolean)).toEqual([r]);
    await stores.federation.insertRequest({ ...r, stateHash: 'st2' });
    expect(await stores.federation.consumeRequest('st2', 100)).toBeNull();
  });

  it('links: one owner per identity; the claim follows adds and removals', async () => {
    const link = { tenant: 'default', provider: 'Alpha', subject: 's1', userId: 'usr_a', status: 'active' as const, email: null, createdAt: 1 };
    expect(await stores.federation.addLink(link, identity('Alpha', 's1'), 2)).toBe(true);
    expect(await stores.federation.addLink({ ...link, userId: 'usr_b' }, identity('Alpha', 's1'), 2)).toBe(false);
    expect((await stores.users.findById('usr_a'))?.identities).toEqual([identity('Alpha', 's1')]);
    expect((await stores.users.findById('usr_b'))?.identities).toEqual([]);
    expect(await stores.federation.removeLink('usr_a', 'Alpha', 's1', 3)).toBe(true);
    expect(await stores.federation.findLink('default', 'Alpha', 's1')).toBeNull();
    expect((await stores.users.findById('usr_a'))?.identities).toEqual([]);
    expect(await stores.federation.removeLink('usr_a', 'Alpha', 's1', 3)).toBe(false);
  });

  it('a pending link stays bound to its browser while live, and completes only for its person and hash', async () => {
    const pending = { tenant: 'default', provider: 'Alpha', subject: 'p1', userId: 'usr_a', email: 'a@example.com', createdAt: 1 };
    await stores.federation.putPendingLink(pending, 'hash-1', 100, 1);
    await stores.federation.putPendingLink(pending, 'hash-2', 200, 2); // live: not taken over
    expect(await stores.federation.completePendingLinks('usr_a', 'hash-2', 10)).toEqual([]);
    expect(await stores.federation.completePendingLinks('usr_b', 'hash-1', 10)).toEqual([]);
    expect(await stores.federation.completePendingLinks('usr_a', 'hash-1', 100)).toEqual([]); // expired
    await stores.federation.putPendingLink(pending, 'hash-3', 300, 150); // the expired binding is replaced
    const done = await stores.federation.completePendingLinks('usr_a', 'hash-3', 160);
    expect(done).toEqual([expect.objectContaining({ provider: 'Alpha', subject: 'p1', status: 'active' })]);
    await stores.federation.putPendingLink({ ...pending, userId: 'usr_b' }, 'hash-4', 999, 170); // active stays active
    expect(await stores.federation.findLink('default', 'Alpha', 'p1')).toMatchObject({ userId: 'usr_a', status: 'active' });
  });

  it('imported identities: untrusted until trusted, a re-import that finds the email verified trusts its own link only', async () => {
    const base = { userPoolId: 'pool', created: [], linksAdded: [], linksChanged: [], profilesChanged: [], rolesChanged: [], conflicts: [], resolved: [] };
    await stores.imports.apply({ ...base, federatedLinks: [
      { tenant: 'default', provider: 'Google', subject: 'g1', userId: 'usr_b', trusted: false },
      { tenant: 'default', provider: 'Google', subject: 'g2', userId: 'usr_b', trusted: false },
    ] }, 5);
    expect(await stores.federation.findLink('default', 'Google', 'g1')).toMatchObject({ userId: 'usr_b', status: 'untrusted' });
    await stores.imports.apply({ ...base, federatedLinks: [
      { tenant: 'default', provider: 'Google', subject: 'g1', userId: 'usr_b', trusted: true },
      { tenant: 'default', provider: 'Google', subject: 'g2', userId: 'usr_a', trusted: true },
    ] }, 6);
    expect(await stores.federation.findLink('default', 'Google', 'g1')).toMatchObject({ userId: 'usr_b', status: 'active' });
    expect(await stores.federation.findLink('default', 'Google', 'g2')).toMatchObject({ userId: 'usr_b', status: 'untrusted' });
    await stores.federation.trustLinks('usr_b', 7);
    expect(await stores.federation.findLink('default', 'Google', 'g2')).toMatchObject({ status: 'active' });
  });

  it('the SAML replay cache takes an assertion id once, and forgets it once expired', async () => {
    expect(await stores.federation.spendAssertion('t:p:_a1', 100, 10)).toBe(true);
    expect(await stores.federation.spendAssertion('t:p:_a1', 100, 20)).toBe(false);
    expect(await stores.federation.spendAssertion('t:p:_a1', 300, 200)).toBe(true);
  });

  it('housekeeping removes expired sign-ins under way, unconfirmed pending links and spent assertions, nothing live', async () => {
    const r = { stateHash: 'old', tenant: 'default', provider: 'Alpha', clientId: 'account', redirectUri: 'https://x/cb', state: null, codeChallenge: null, scope: null, nonce: null, createdAt: 1, expiresAt: 1000 };
    await stores.federation.insertRequest(r);
    await stores.federation.insertRequest({ ...r, stateHash: 'live', expiresAt: 5000 });
    await stores.federation.putPendingLink({ tenant: 'default', provider: 'Alpha', subject: 'stale', userId: 'usr_a', email: null, createdAt: 1 }, 'h', 1000, 1);
    await stores.federation.spendAssertion('t:p:_old', 1000, 1);
    // these three, and what earlier tests left expired (requests st1 and st2, assertion _a1)
    expect(await stores.federation.prune(2000)).toBe(6);
    expect(await stores.federation.prune(2000)).toBe(0);
    expect(await stores.federation.findLink('default', 'Alpha', 'stale')).toBeNull();
    expect(await stores.federation.consumeRequest('live', 3000)).not.toBeNull();
    expect(await stores.federation.findLink('default', 'Google', 'g1')).not.toBeNull();
  });
});
