// MailEventStore on drizzle: one upsert per SES event (a lower-ranked or repeated event changes nothing), SNS ids kept once.
import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import { mailStatus, snsMessages } from '../../db/sqlite/schema.ts';
import type { MailEventStore, MailStatus } from '../core/ports/mail-events.ts';
import { MAIL_STATUS_RANK } from '../core/ports/mail-events.ts';
import type { Db } from './db.ts';

const p = sql.placeholder;

export function createMailEventStore(db: Db): MailEventStore {
  const claim = db.insert(snsMessages).values({ messageId: p('id'), receivedAt: p('now') }).onConflictDoNothing()
    .returning({ id: snsMessages.messageId }).prepare();
  // Prepared once: every SES event runs it. The mail's batch and kind come from the row that recorded its MessageId when
  // SES took it; an event may beat that row's write (SNS is quick), so a later event fills in what the first could not.
  const id = p('messageId');
  const upsert = db.insert(mailStatus).values({
    messageId: id,
    batchId: sql`(select batch_id from invitations where message_id = ${id} limit 1)`,
    kind: sql`case when exists (select 1 from invitations where message_id = ${id}) then 'invitation'
      when exists (select 1 from outbox where message_id = ${id}) then 'sign-in' else 'other' end`,
    email: p('email'), status: p('status'), rank: p('rank'), detail: p('detail'), eventAt: p('eventAt'), firstSeenAt: p('now'), updatedAt: p('now'),
  }).onConflictDoUpdate({
    target: mailStatus.messageId,
    set: {
      status: sql`excluded.status`, rank: sql`excluded.rank`, detail: sql`excluded.detail`, eventAt: sql`excluded.event_at`,
      updatedAt: sql`excluded.updated_at`, email: sql`coalesce(excluded.email, ${mailStatus.email})`,
      batchId: sql`coalesce(${mailStatus.batchId}, excluded.batch_id)`,
      kind: sql`case when ${mailStatus.kind} = 'other' then excluded.kind else ${mailStatus.kind} end`,
    },
    // A status of lower or equal rank is old or repeated news: the row stays as it is.
    setWhere: sql`excluded.rank > ${mailStatus.rank}`,
  }).returning({ batchId: mailStatus.batchId, kind: mailStatus.kind }).prepare();
  return {
    async claimSnsMessage(messageId, now) {
      return (await claim.all({ id: messageId, now })).length > 0;
    },
    async releaseSnsMessage(messageId) {
      await db.delete(snsMessages).where(eq(snsMessages.messageId, messageId));
    },
    async pruneSnsMessages(before) {
      return (await db.delete(snsMessages).where(lt(snsMessages.receivedAt, before)).returning({ id: snsMessages.messageId })).length;
    },
    async recordStatus(u, now) {
      const id = u.messageId;
      const rows = await upsert.all({ ...u, rank: MAIL_STATUS_RANK[u.status], now });
      if (rows.length > 0) return { changed: true, batchId: rows[0].batchId, kind: rows[0].kind };
      const known = await this.statusOf(id);
      return { changed: false, batchId: known?.batchId ?? null, kind: known?.kind ?? 'other' };
    },
    async batchStatusCounts(batchId) {
      const rows = await db.select({ status: mailStatus.status, n: count() }).from(mailStatus)
        .where(eq(mailStatus.batchId, batchId)).groupBy(mailStatus.status);
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
    async batchOutcomes(batchId, since) {
      const rows = await db.select({ status: mailStatus.status, n: count() }).from(mailStatus)
        .where(and(eq(mailStatus.batchId, batchId), gte(mailStatus.firstSeenAt, since))).groupBy(mailStatus.status);
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<MailStatus, number>>;
      // A complaint comes from someone the mail reached: it counts as delivered too.
      return { delivered: (by.delivered ?? 0) + (by.complained ?? 0), bounced: by.bounced ?? 0, complained: by.complained ?? 0 };
    },
    async statusOf(messageId) {
      const [row] = await db.select({ status: mailStatus.status, kind: mailStatus.kind, batchId: mailStatus.batchId })
        .from(mailStatus).where(eq(mailStatus.messageId, messageId));
      return row ? { ...row, status: row.status as MailStatus } : null;
    },
  };
}
