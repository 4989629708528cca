// MailEventStore on drizzle: one upsert per SES event (a lower-ranked or repeated event changes nothing), SNS ids kept once.
import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import { mailStatus, snsMessages } from '../../db/sqlite/schema.ts';
import type { MailEventStore, MailStatus } from '../core/ports/mail-events.ts';
import { MAIL_STATUS_RANK } from '../core/ports/mail-events.ts';
import type { Db } from './db.ts';
import { LIMIT_ONE } from './limit-one.ts';

const p = sql.placeholder;

export function createMailEventStore(db: Db): MailEventStore {
  const claim = db.insert(snsMessages).values({ messageId: p('id'), receivedAt: p('now') }).onConflictDoNothing()
    .returning({ id: snsMessages.messageId }).prepare();
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
      // The mail's batch and kind come from the row that recorded its MessageId when SES took it. An event may beat that
      // row's write (SNS is quick), so a later event fills in what the first could not find.
      const rows = await db.all<{ batch_id: string | null; kind: string }>(sql`
        insert into mail_status (message_id, batch_id, kind, email, status, rank, detail, event_at, first_seen_at, updated_at)
        values (${id}, (select batch_id from invitations where message_id = ${id} limit 1),
          case when exists (select 1 from invitations where message_id = ${id}) then 'invitation'
               when exists (select 1 from outbox where message_id = ${id}) then 'sign-in' else 'other' end,
          ${u.email}, ${u.status}, ${MAIL_STATUS_RANK[u.status]}, ${u.detail}, ${u.eventAt}, ${now}, ${now})
        on conflict (message_id) do update set status = excluded.status, rank = excluded.rank, detail = excluded.detail,
          event_at = excluded.event_at, updated_at = excluded.updated_at, email = coalesce(excluded.email, mail_status.email),
          batch_id = coalesce(mail_status.batch_id, excluded.batch_id),
          kind = case when mail_status.kind = 'other' then excluded.kind else mail_status.kind end
        where excluded.rank > mail_status.rank
        returning batch_id, kind`);
      if (rows.length > 0) return { changed: true, batchId: rows[0].batch_id, kind: rows[0].kind };
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
        .from(mailStatus).where(eq(mailStatus.messageId, messageId)).limit(LIMIT_ONE);
      return row ? { ...row, status: row.status as MailStatus } : null;
    },
  };
}
