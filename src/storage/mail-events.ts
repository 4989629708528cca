// MailEventStore on drizzle: SES events upserted by MessageId (a lower-ranked or repeated event changes nothing), SNS ids
// kept once; writes that arrive together share one statement.
import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import { mailStatus, snsMessages } from '../../db/sqlite/schema.ts';
import type { MailEventStore, MailStatus, MailStatusUpdate, RecordedStatus } from '../core/ports/mail-events.ts';
import { MAIL_STATUS_RANK } from '../core/ports/mail-events.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';
import { coalesceWrites } from './coalesce-writes.ts';

const p = sql.placeholder;

export function createMailEventStore(db: Db): MailEventStore {
  // SNS posts events in bursts, each verified on the thread pool: the ids and statuses that arrive in one turn are
  // written by one statement each (coalesceWrites), the rows passed as one JSON parameter, so one prepared statement
  // serves any number of them.
  const { jsonRecords, jsonList } = dialectOf(db);
  const claimMany = db.insert(snsMessages)
    .select(sql`select j."id", j."now" from ${jsonRecords(p('rows'), { id: 'text', now: 'bigint' }, 'j')} where true`)
    .onConflictDoNothing().returning({ id: snsMessages.messageId }).prepare();
  const claim = coalesceWrites(async (rows: Array<{ id: string; now: number }>) => {
    const taken = new Set((await claimMany.all({ rows: JSON.stringify(rows) })).map((r) => r.id));
    return rows.map((r) => taken.has(r.id));
  }, (r) => r.id);

  // Every SES event runs this. The mail's batch and kind come from the row that recorded its MessageId when SES took
  // it; an event may beat that row's write (SNS is quick), so a later event fills in what the first could not.
  const upsertMany = db.insert(mailStatus).select(sql`select e.id,
      (select batch_id from invitations where message_id = e.id limit 1),
      case when exists (select 1 from invitations where message_id = e.id) then 'invitation'
        when exists (select 1 from outbox where message_id = e.id) then 'sign-in' else 'other' end,
      e.email, e.status, e.rank, e.detail, e.event_at, e.now, e.now
    from (select j."messageId" as id, j."email" as email, j."status" as status, j."rank" as rank, j."detail" as detail,
      j."eventAt" as event_at, j."now" as now from ${jsonRecords(p('rows'), {
        messageId: 'text', email: 'text', status: 'text', rank: 'bigint', detail: 'text', eventAt: 'bigint', now: 'bigint',
      }, 'j')}) e
    where true`)
    .onConflictDoUpdate({
      target: mailStatus.messageId,
      set: {
        status: sql`excluded.status`, rank: sql`excluded.rank`, detail: sql`excluded.detail`, eventAt: sql`excluded.event_at`,
        updatedAt: sql`excluded.updated_at`, email: sql`coalesce(excluded.email, ${mailStatus.email})`,
        batchId: sql`coalesce(${mailStatus.batchId}, excluded.batch_id)`,
        kind: sql`case when ${mailStatus.kind} = 'other' then excluded.kind else ${mailStatus.kind} end`,
      },
      // A status of lower or equal rank is old or repeated news: the row stays as it is.
      setWhere: sql`excluded.rank > ${mailStatus.rank}`,
    }).returning({ messageId: mailStatus.messageId, batchId: mailStatus.batchId, kind: mailStatus.kind }).prepare();
  const statusesOf = async (ids: string[]) => db.select({ messageId: mailStatus.messageId, status: mailStatus.status, kind: mailStatus.kind, batchId: mailStatus.batchId })
    .from(mailStatus).where(sql`${mailStatus.messageId} in ${jsonList(JSON.stringify(ids))}`);
  type Update = MailStatusUpdate & { rank: number; now: number };
  /** Upserts distinct MessageIds in one statement; a MessageId met twice (say Send and Delivery together) waits a round. */
  const recordMany = async (updates: Update[]): Promise<RecordedStatus[]> => {
    const out: RecordedStatus[] = new Array(updates.length);
    let pending = updates.map((u, i) => ({ u, i }));
    while (pending.length > 0) {
      const seen = new Set<string>();
      const round = pending.filter(({ u }) => !seen.has(u.messageId) && seen.add(u.messageId));
      pending = pending.filter((x) => !round.includes(x));
      const changed = new Map((await upsertMany.all({ rows: JSON.stringify(round.map((x) => x.u)) })).map((r) => [r.messageId, r]));
      const unchanged = round.filter(({ u }) => !changed.has(u.messageId)).map(({ u }) => u.messageId);
      const known = new Map(unchanged.length ? (await statusesOf(unchanged)).map((r) => [r.messageId, r]) : []);
      for (const { u, i } of round) {
        const hit = changed.get(u.messageId);
        const k = known.get(u.messageId);
        out[i] = hit ? { changed: true, batchId: hit.batchId, kind: hit.kind } : { changed: false, batchId: k?.batchId ?? null, kind: k?.kind ?? 'other' };
      }
    }
    return out;
  };
  const toUpdate = (u: MailStatusUpdate, now: number): Update => ({
    messageId: u.messageId, email: u.email, status: u.status, detail: u.detail, eventAt: u.eventAt, rank: MAIL_STATUS_RANK[u.status], now,
  });
  const record = coalesceWrites(recordMany, (u) => u.messageId);

  // A notification's id and its event together: the ids first, then the statuses of those taken, and should that
  // fail, the ids go back (SNS delivers the message again and it must be accepted then).
  type Notification = { id: string; now: number; update: Update | null };
  const take = coalesceWrites(async (items: Notification[]) => {
    const taken = new Set((await claimMany.all({ rows: JSON.stringify(items.map(({ id, now }) => ({ id, now }))) })).map((r) => r.id));
    const toRecord = items.filter((n) => taken.has(n.id) && n.update);
    let recorded: RecordedStatus[];
    try {
      recorded = toRecord.length ? await recordMany(toRecord.map((n) => n.update!)) : [];
    } catch (e) {
      await db.delete(snsMessages).where(sql`${snsMessages.messageId} in ${jsonList(JSON.stringify([...taken]))}`);
      throw e;
    }
    const byId = new Map(toRecord.map((n, i) => [n.id, recorded[i]]));
    return items.map((n) => (taken.has(n.id) ? { recorded: byId.get(n.id) ?? null } : null));
  }, (n) => n.id);

  return {
    claimSnsMessage: (messageId, now) => claim({ id: messageId, now }),
    async releaseSnsMessage(messageId) {
      await db.delete(snsMessages).where(eq(snsMessages.messageId, messageId));
    },
    async pruneSnsMessages(before) {
      return (await db.delete(snsMessages).where(lt(snsMessages.receivedAt, before)).returning({ id: snsMessages.messageId })).length;
    },
    recordStatus: (u, now) => record(toUpdate(u, now)),
    takeSnsNotification: (messageId, now, update) => take({ id: messageId, now, update: update ? toUpdate(update, now) : null }),
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
