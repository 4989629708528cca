// MailEventStore on every driver: SNS ids taken once and statuses ranked, also when many writes arrive in one turn
// and share one statement (coalesceWrites), duplicates within that turn included; the ramp's store queries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/storage/index.ts';
import type { Stores } from '../../src/core/ports/index.ts';
import type { MailStatusUpdate } from '../../src/core/ports/mail-events.ts';
import { drivers } from '../helpers/drivers.ts';
import { snsMessages } from '../../db/sqlite/schema.ts';
import type { Db } from '../../src/storage/db.ts';

/** An SNS message by MessageId and signed Timestamp (epoch ms). */
const sns = (messageId: string, sentAt: number) => ({ messageId, sentAt });
const update = (messageId: string, status: MailStatusUpdate['status'], email = `${messageId}@example.com`): MailStatusUpdate =>
  ({ messageId, status, email, detail: null, eventAt: 1 });

describe.each(drivers)('mail events on $name', (driver) => {
  let stores: Stores;
  let close: () => Promise<void>;
  let db: Db;
  beforeAll(async () => {
    const opened = await driver.open();
    close = opened.close;
    db = opened.db;
    stores = createStores(opened.db);
  });
  afterAll(async () => close());

  it('takes each SNS id once among many in one turn, a repeated id in that turn included', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `sns-${i}`);
    const answers = await Promise.all([...ids, 'sns-3', 'sns-3', 'sns-59'].map((id) => stores.mailEvents.claimSnsMessage(sns(id, 10))));
    expect(answers.filter(Boolean)).toHaveLength(60);
    expect(answers.slice(60)).toEqual([false, false, false]);
    expect(await stores.mailEvents.claimSnsMessage(sns('sns-0', 10))).toBe(false);
    expect(await stores.mailEvents.pruneSnsMessages(11)).toBe(60);
    expect(await stores.mailEvents.claimSnsMessage(sns('sns-0', 10))).toBe(true);
  });

  it('records notifications that arrive together: one answer each, ranks kept, the same mail twice in one turn', async () => {
    const took = await Promise.all([
      stores.mailEvents.takeSnsNotification(sns('n-1', 20), 20, update('ses-a', 'sent')),
      stores.mailEvents.takeSnsNotification(sns('n-2', 20), 20, update('ses-a', 'delivered')),
      stores.mailEvents.takeSnsNotification(sns('n-3', 20), 20, update('ses-b', 'bounced')),
      stores.mailEvents.takeSnsNotification(sns('n-1', 20), 20, update('ses-c', 'delivered')),
      stores.mailEvents.takeSnsNotification(sns('n-4', 20), 20, null),
    ]);
    expect(took).toEqual([
      { recorded: { changed: true, batchId: null, kind: 'other' } },
      { recorded: { changed: true, batchId: null, kind: 'other' } },
      { recorded: { changed: true, batchId: null, kind: 'other' } },
      null,
      { recorded: null },
    ]);
    expect(await stores.mailEvents.statusOf('ses-a')).toMatchObject({ status: 'delivered' });
    expect(await stores.mailEvents.statusOf('ses-c')).toBeNull();
    // A late, lower-ranked event in a later turn changes nothing; a higher one does.
    const later = await Promise.all([
      stores.mailEvents.takeSnsNotification(sns('n-5', 21), 21, update('ses-a', 'sent')),
      stores.mailEvents.takeSnsNotification(sns('n-6', 21), 21, update('ses-b', 'complained')),
    ]);
    expect(later.map((t) => t?.recorded?.changed)).toEqual([false, true]);
    expect(await stores.mailEvents.statusOf('ses-b')).toMatchObject({ status: 'complained' });
    const many = await Promise.all(Array.from({ length: 300 }, (_, i) => stores.mailEvents.recordStatus(update(`bulk-${i % 150}`, i < 150 ? 'sent' : 'delivered'), 30)));
    expect(many.every((r) => r.changed)).toBe(true);
    expect(await stores.mailEvents.statusOf('bulk-149')).toMatchObject({ status: 'delivered' });
  });

  it('records many notifications in one turn (on better-sqlite3 more rows than one statement binds), replays refused', async () => {
    const first = await Promise.all(Array.from({ length: 70 }, (_, i) => stores.mailEvents.takeSnsNotification(sns(`wide-${i}`, 40), 40, update(`wide-mail-${i % 50}`, i < 50 ? 'sent' : 'delivered'))));
    expect(first.every((t) => t?.recorded?.changed)).toBe(true);
    expect(await stores.mailEvents.statusOf('wide-mail-19')).toMatchObject({ status: 'delivered' });
    expect(await stores.mailEvents.statusOf('wide-mail-20')).toMatchObject({ status: 'sent' });
    const again = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => stores.mailEvents.takeSnsNotification(sns(`wide-${i}`, 40), 41, update(`wide-mail-${i}`, 'complained'))),
      stores.mailEvents.takeSnsNotification(sns('wide-new', 41), 41, update('wide-mail-49', 'bounced')),
    ]);
    expect(again.slice(0, 40).every((t) => t === null)).toBe(true);
    expect(again[40]).toEqual({ recorded: { changed: true, batchId: null, kind: 'other' } });
    // The replays wrote nothing.
    expect(await stores.mailEvents.statusOf('wide-mail-0')).toMatchObject({ status: 'delivered' });
    expect(await stores.mailEvents.statusOf('wide-mail-39')).toMatchObject({ status: 'sent' });
  });

  it('refuses a message taken under the old key (sns_messages) until the prune forgets it; a released one is taken again', async () => {
    await stores.mailEvents.pruneSnsMessages(1000); // what the tests above took
    // Taken by a version before the (Timestamp, MessageId) key, or by one still running beside this one mid-upgrade.
    await db.insert(snsMessages).values([{ messageId: 'legacy-1', receivedAt: 1100 }, { messageId: 'legacy-2', receivedAt: 1200 }]);
    const [claimed, took] = await Promise.all([
      stores.mailEvents.claimSnsMessage(sns('legacy-1', 1090)),
      stores.mailEvents.takeSnsNotification(sns('legacy-2', 1190), 1250, update('legacy-mail', 'bounced')),
    ]);
    expect([claimed, took]).toEqual([false, null]);
    expect(await stores.mailEvents.statusOf('legacy-mail')).toBeNull();
    // Forgetting what was received before 1150 (sent before it too) leaves legacy-2 refused.
    expect(await stores.mailEvents.pruneSnsMessages(1150)).toBe(1);
    expect(await stores.mailEvents.claimSnsMessage(sns('legacy-1', 1090))).toBe(true);
    expect(await stores.mailEvents.takeSnsNotification(sns('legacy-2', 1190), 1300, null)).toBeNull();

    expect(await stores.mailEvents.takeSnsNotification(sns('given-back', 400), 400, update('given-back-mail', 'sent'))).toMatchObject({ recorded: { changed: true } });
    await stores.mailEvents.releaseSnsMessage(sns('given-back', 400));
    expect(await stores.mailEvents.takeSnsNotification(sns('given-back', 400), 401, update('given-back-mail', 'delivered'))).toMatchObject({ recorded: { changed: true } });
    expect(await stores.mailEvents.takeSnsNotification(sns('given-back', 400), 402, null)).toBeNull();
  });
});
