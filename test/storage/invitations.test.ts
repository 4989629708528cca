// Storage conformance: invitation batches snapshot, claim and settle the same way on every driver.
import { publicClient } from '../../src/core/clients/clients.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/storage/index.ts';
import type { Stores } from '../../src/core/ports/index.ts';
import type { ClaimRef, Invitation } from '../../src/core/ports/invitations.ts';
import { drivers } from '../helpers/drivers.ts';

const ref = (i: Invitation): ClaimRef => ({ batchId: i.batchId, userId: i.userId, attempts: i.attempts });

describe.each(drivers)('invitations on $name', (driver) => {
  let stores: Stores;
  let close: () => Promise<void>;
  const fresh: string[] = [];
  beforeAll(async () => {
    const opened = await driver.open();
    close = opened.close;
    stores = createStores(opened.db);
    const add = (id: string, over: Record<string, unknown> = {}) =>
      stores.users.insert({ id, tenant: 'default', email: `${id}@example.com`, emailVerified: true, freshlyMigrated: true, ...over }, 1);
    for (let i = 0; i < 30; i++) {
      const id = `usr_f${String(i).padStart(3, '0')}`;
      fresh.push(id);
      await add(id);
    }
    await add('usr_disabled', { enabled: false });
    await add('usr_noemail', { email: null });
    await add('usr_old', { freshlyMigrated: false });
    await add('usr_other', { tenant: 'acme' });
    await stores.clients.insertIfAbsent(publicClient({ id: 'account', tenant: 'default', name: 'Account', redirectUris: [], createdAt: 1 }));
  });
  afterAll(() => close());

  it('snapshots freshly migrated, enabled people with an email, in one batch, and counts them on a dry run', async () => {
    const selection = { kind: 'freshlyMigrated', tenant: 'default' } as const;
    expect(await stores.invitations.countRecipients(selection)).toBe(30);
    const batch = await stores.invitations.createBatch({ id: 'b1', tenant: 'default', clientId: 'account' }, selection, 100);
    expect(batch).toMatchObject({ id: 'b1', queued: 30, createdAt: 100, doneAt: null });
    const rows = await stores.invitations.list('b1', { limit: 1000 });
    expect(rows.map((r) => r.userId)).toEqual(fresh);
    expect(rows[0]).toMatchObject({ email: 'usr_f000@example.com', status: 'queued', attempts: 0, nextAttemptAt: 100 });
    // The snapshot is fixed: someone joining the selection later is not added to the batch.
    await stores.users.insert({ id: 'usr_late', tenant: 'default', email: 'late@example.com', emailVerified: true, freshlyMigrated: true }, 2);
    expect((await stores.invitations.counts('b1')).queued).toBe(30);
    expect(await stores.invitations.countRecipients(selection)).toBe(31);
  });

  it('picks explicit user ids only when enabled, with an email and in the tenant, beyond 100 ids', async () => {
    const ids = [...fresh.slice(0, 5), 'usr_disabled', 'usr_noemail', 'usr_other', 'usr_f000', ...Array.from({ length: 200 }, (_, i) => `usr_missing${i}`)];
    const batch = await stores.invitations.createBatch({ id: 'b2', tenant: 'default', clientId: 'account' }, { kind: 'userIds', tenant: 'default', userIds: ids }, 100);
    expect(batch.queued).toBe(5);
    expect((await stores.invitations.list('b2', { limit: 100 })).map((r) => r.userId)).toEqual(fresh.slice(0, 5));
  });

  it('never hands one row to two claimers', async () => {
    const claims = await Promise.all(Array.from({ length: 20 }, () => stores.invitations.claimDue(200, 10_000, 3, 'b1')));
    const all = claims.flat();
    // Each claim takes at most its limit (PostgreSQL could re-run an IN subquery per row and take more).
    expect(claims.every((c) => c.length <= 3)).toBe(true);
    expect(all).toHaveLength(30);
    expect(new Set(all.map((r) => r.userId)).size).toBe(30);
    expect(all.every((r) => r.status === 'sending' && r.attempts === 1 && r.nextAttemptAt === 10_000)).toBe(true);
    expect(await stores.invitations.claimDue(200, 10_000, 10, 'b1')).toEqual([]);
    expect(await stores.invitations.counts('b1')).toMatchObject({ queued: 30, sending: 30, waiting: 0 });
  });

  it('settles claims once, fenced by the attempt number, and lets a late answer settle an unknown row', async () => {
    const rows = await stores.invitations.list('b1', { limit: 5 });
    const [a, b, c, d, e] = rows;
    expect(await stores.invitations.markSent(ref(a), 'msg-a', 300)).toBe(true);
    expect(await stores.invitations.markSent(ref(a), 'msg-a2', 301)).toBe(false);
    expect(await stores.invitations.markFailed(ref(b), 'MessageRejected: bad address')).toBe(true);
    expect(await stores.invitations.retryLater(ref(c), 5000, 'TooManyRequestsException')).toBe(true);
    // Not due yet, then due: the new claim bumps the attempt number, and the old claim can no longer write.
    expect(await stores.invitations.claimDue(4999, 20_000, 10, 'b1')).toEqual([]);
    const [again] = await stores.invitations.claimDue(5000, 20_000, 10, 'b1');
    expect(again).toMatchObject({ userId: c.userId, attempts: 2, error: 'TooManyRequestsException' });
    expect(await stores.invitations.markSent(ref(c), 'stale', 5001)).toBe(false);
    expect(await stores.invitations.markSent(ref(again), 'msg-c', 5001)).toBe(true);
    expect(await stores.invitations.markUnknown(ref(d), 'socket hang up', 5002)).toBe(true);
    // A restart marks every row still `sending` unknown; a late answer for the same claim still records the MessageId.
    expect(await stores.invitations.abandonInFlight(null, 'restart')).toBe(26);
    expect(await stores.invitations.markSent(ref(e), 'msg-e', 6000)).toBe(true);
    const counts = await stores.invitations.counts('b1');
    expect(counts).toEqual({ queued: 30, waiting: 0, sending: 0, sent: 3, failed: 1, unknown: 26, suppressed: 0 });
    expect((await stores.invitations.list('b1', { status: 'sent', limit: 10 })).map((r) => r.messageId)).toEqual(['msg-a', 'msg-c', 'msg-e']);
  });

  it('settles sent answers each fenced to its own claim, and finds many users at once', async () => {
    await stores.invitations.createBatch({ id: 'b4', tenant: 'default', clientId: 'account' }, { kind: 'userIds', tenant: 'default', userIds: fresh.slice(0, 4) }, 100);
    const [a, b, c, d] = await stores.invitations.claimDue(100, 10_000, 10, 'b4');
    expect(await stores.invitations.markUnknown(ref(c), 'socket hang up', 100)).toBe(true);
    const answers = [
      { ...ref(a), messageId: 'msg-4a' },
      { ...ref(b), attempts: b.attempts + 1, messageId: 'stale' }, // another claim's answer: must not write
      { ...ref(c), messageId: 'msg-4c' }, // a late answer settles an unknown row
      { ...ref(a), batchId: 'b1', messageId: 'other-batch' }, // same person, other batch: not this claim
    ];
    const settle = async (sent: Array<ClaimRef & { messageId: string }>, now: number) => {
      const out: boolean[] = [];
      for (const s of sent) out.push(await stores.invitations.markSent(s, s.messageId, now));
      return out;
    };
    expect(await settle(answers, 500)).toEqual([true, false, true, false]);
    expect(await settle([{ ...ref(a), messageId: 'again' }, { ...ref(d), messageId: 'msg-4d' }], 600)).toEqual([false, true]);
    // A claim released unsent goes back due at once with its attempt unspent, and only while it is still `sending`.
    expect(await stores.invitations.release(ref(b), 700)).toBe(true);
    expect(await stores.invitations.release(ref(b), 700)).toBe(false);
    expect(await stores.invitations.release(ref(a), 700)).toBe(false); // sent: not ours to release
    const [reclaimed] = await stores.invitations.claimDue(700, 10_000, 10, 'b4');
    expect(reclaimed).toMatchObject({ userId: b.userId, attempts: b.attempts, status: 'sending' });
    const rows = await stores.invitations.list('b4', { limit: 10 });
    expect(rows.map((r) => [r.status, r.messageId, r.sentAt])).toEqual([['sent', 'msg-4a', 500], ['sending', null, null], ['sent', 'msg-4c', 500], ['sent', 'msg-4d', 600]]);
    const found = await stores.users.findByIds([...fresh.slice(0, 3), 'usr_missing', ...Array.from({ length: 150 }, (_, i) => `usr_x${i}`)]);
    expect(found.map((u) => u.id).sort()).toEqual(fresh.slice(0, 3));
    expect(found[0]).toMatchObject({ tenant: 'default', enabled: true });
    expect(await stores.users.findByIds([])).toEqual([]);
  });

  it('expires leases, closes finished batches, and reopens them when an admin resends unknown rows', async () => {
    await stores.invitations.createBatch({ id: 'b3', tenant: 'default', clientId: 'account' }, { kind: 'userIds', tenant: 'default', userIds: ['usr_f010'] }, 100);
    await stores.invitations.claimDue(100, 1000, 10, 'b3');
    expect(await stores.invitations.abandonInFlight(999, 'lease')).toBe(0);
    expect(await stores.invitations.abandonInFlight(1000, 'lease')).toBe(1);
    const closed = await stores.invitations.closeFinishedBatches(7000);
    expect(closed.sort()).toEqual(['b1', 'b3']);
    expect((await stores.invitations.findBatch('b1'))?.doneAt).toBe(7000);
    expect(await stores.invitations.requeueUnknown('b3', 8000)).toEqual({ requeued: 1, settling: 0 });
    expect((await stores.invitations.findBatch('b3'))?.doneAt).toBeNull();
    expect(await stores.invitations.nextDueAt('b3')).toBe(8000);
    const [row] = await stores.invitations.list('b3', { status: 'queued', limit: 10 });
    expect(row).toMatchObject({ attempts: 1, error: 'resend requested; before: lease' });
    expect(await stores.invitations.closeFinishedBatches(9000)).toEqual([]);
  });

  it('resends an unknown row only once no answer can still come for its claim', async () => {
    await stores.invitations.createBatch({ id: 'b5', tenant: 'default', clientId: 'account' }, { kind: 'userIds', tenant: 'default', userIds: fresh.slice(5, 7) }, 100);
    const [timedOut, swept] = await stores.invitations.claimDue(100, 50_000, 10, 'b5');
    // Our own send timed out: no answer will come, its claim ends now. A restart's sweep lists the other as unknown,
    // though another live instance may still be sending it until its claim ends.
    expect(await stores.invitations.markUnknown(ref(timedOut), 'no answer', 200)).toBe(true);
    expect(await stores.invitations.abandonInFlight(null, 'restart')).toBe(2); // and b4's row still sending
    expect(await stores.invitations.requeueUnknown('b5', 300)).toEqual({ requeued: 1, settling: 1 });
    expect(await stores.invitations.requeueUnknown('b5', 49_999)).toEqual({ requeued: 0, settling: 1 });
    // Its late answer would still settle it now; once the claim is over, an admin may resend it.
    expect(await stores.invitations.requeueUnknown('b5', 50_000)).toEqual({ requeued: 1, settling: 0 });
    expect((await stores.invitations.list('b5', { status: 'queued', limit: 10 })).map((r) => r.userId).sort()).toEqual([timedOut.userId, swept.userId].sort());
  });

  it('pages through a batch by user id', async () => {
    const first = await stores.invitations.list('b1', { limit: 10 });
    const second = await stores.invitations.list('b1', { limit: 10, after: first[9].userId });
    expect(second[0].userId).toBe(fresh[10]);
    expect(await stores.invitations.findBatch('nope')).toBeNull();
    expect(await stores.invitations.nextDueAt('b1')).toBeNull();
  });
});
