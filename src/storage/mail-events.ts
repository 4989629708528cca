// MailEventStore on drizzle: SES events upserted by MessageId (a lower-ranked or repeated event changes nothing), SNS
// messages kept once by (Timestamp, MessageId); writes that arrive together share one statement, an SNS notification's
// status and id one transaction.
import { and, count, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { mailStatus, snsMessageIds, snsMessages } from '../../db/sqlite/schema.ts';
import type { MailEventStore, MailStatus, MailStatusUpdate, RecordedStatus, SnsMessageRef } from '../core/ports/mail-events.ts';
import { MAIL_STATUS_RANK } from '../core/ports/mail-events.ts';
import { allInTransaction, type Db } from './db.ts';
import { dialectOf, type JsonColumnType } from './dialect.ts';
import { coalesceWrites } from './coalesce-writes.ts';
import { rowSetStatement } from './row-set.ts';

export function createMailEventStore(db: Db): MailEventStore {
  // SNS posts events in bursts, each verified on the thread pool: the ids and statuses that arrive in one turn are
  // written together (coalesceWrites), the rows passed in one go (rowSetStatement: one JSON parameter, or bound values
  // on better-sqlite3).
  const { jsonList } = dialectOf(db);
  // A message taken before the re-keying (the legacy sns_messages, written no more) is taken already.
  const notTakenBefore = (id: SQL) => sql`not exists (select 1 from sns_messages l where l.message_id = ${id})`;
  type Claim = { id: string; sentAt: number };
  const claimMany = rowSetStatement<Claim, { id: string }>(db, { id: 'text', sentAt: 'bigint' }, 'j', (rows) => db.insert(snsMessageIds)
    .select(sql`select j."sentAt", j."id" from ${rows} where ${notTakenBefore(sql`j."id"`)}`)
    .onConflictDoNothing().returning({ id: snsMessageIds.messageId }));
  // Keyed by MessageId alone: a flush never names one twice, so the ids it returns tell which rows it took.
  const claim = coalesceWrites(async (rows: Claim[]) => {
    const taken = new Set((await allInTransaction(db, claimMany(rows))).flat().map((r) => r.id));
    return rows.map((r) => taken.has(r.id));
  }, (r) => r.id);

  type Update = MailStatusUpdate & { rank: number; now: number };
  type Changed = { messageId: string; batchId: string | null; kind: string };

  // Every SES event runs this. The mail's batch and kind come from the row that recorded its MessageId when SES took
  // it; an event may beat that row's write (SNS is quick), so a later event fills in what the first could not.
  // `onlyIf`: which of the rows to write (an SNS notification's: those whose SNS MessageId is not yet taken).
  const upsertStatuses = <Row extends Update>(onlyIf: SQL, extra: Record<string, JsonColumnType>) => rowSetStatement<Row, Changed>(db, {
    messageId: 'text', email: 'text', status: 'text', rank: 'bigint', detail: 'text', eventAt: 'bigint', now: 'bigint', ...extra,
  } as Record<keyof Row & string, JsonColumnType>, 'j', (rows) => db.insert(mailStatus).select(sql`select e.id,
      (select batch_id from invitations where message_id = e.id limit 1),
      case when exists (select 1 from invitations where message_id = e.id) then 'invitation'
        when exists (select 1 from outbox where message_id = e.id) then 'sign-in' else 'other' end,
      e.email, e.status, e.rank, e.detail, e.event_at, e.now, e.now
    from (select j."messageId" as id, j."email" as email, j."status" as status, j."rank" as rank, j."detail" as detail,
      j."eventAt" as event_at, j."now" as now${sql.raw(Object.keys(extra).map((k) => `, j."${k}" as "${k}"`).join(''))} from ${rows}) e
    where ${onlyIf}`)
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
    }).returning({ messageId: mailStatus.messageId, batchId: mailStatus.batchId, kind: mailStatus.kind }));
  const upsertMany = upsertStatuses<Update>(sql`true`, {});
  type SnsUpdate = Update & { sns: string; sentAt: number };
  const upsertUnclaimed = upsertStatuses<SnsUpdate>(sql`not exists (select 1 from sns_message_ids s where s.sent_at = e."sentAt" and s.message_id = e."sns")
    and ${notTakenBefore(sql`e."sns"`)}`, { sns: 'text', sentAt: 'bigint' });
  const statusesOf = async (ids: string[]) => db.select({ messageId: mailStatus.messageId, status: mailStatus.status, kind: mailStatus.kind, batchId: mailStatus.batchId })
    .from(mailStatus).where(sql`${mailStatus.messageId} in ${jsonList(JSON.stringify(ids))}`);
  /** Splits updates into rounds of distinct MessageIds (one statement never names a row twice), in order. */
  const rounds = <U extends { messageId: string }>(updates: U[]): U[][] => {
    const out: U[][] = [];
    const roundOf = new Map<string, number>();
    for (const u of updates) {
      const r = (roundOf.get(u.messageId) ?? -1) + 1;
      roundOf.set(u.messageId, r);
      (out[r] ??= []).push(u);
    }
    return out;
  };
  /** Each update's outcome, from the rows its round's upsert changed; an unchanged mail's batch and kind are read. */
  const outcomes = async (byRound: Array<{ messageId: string }[]>, changedRows: Changed[][]): Promise<RecordedStatus[][]> => {
    const changed = changedRows.map((rows) => new Map(rows.map((r) => [r.messageId, r])));
    const unchanged = [...new Set(byRound.flatMap((round, r) => round.filter((u) => !changed[r].has(u.messageId)).map((u) => u.messageId)))];
    const known = new Map(unchanged.length ? (await statusesOf(unchanged)).map((r) => [r.messageId, r]) : []);
    return byRound.map((round, r) => round.map(({ messageId }) => {
      const hit = changed[r].get(messageId);
      const k = known.get(messageId);
      return hit ? { changed: true, batchId: hit.batchId, kind: hit.kind } : { changed: false, batchId: k?.batchId ?? null, kind: k?.kind ?? 'other' };
    }));
  };
  /** Upserts distinct MessageIds in one statement; a MessageId met twice (say Send and Delivery together) waits a round. */
  const recordMany = async (updates: Update[]): Promise<RecordedStatus[]> => {
    const byRound = rounds(updates.map((u, i) => ({ ...u, i })));
    const changedRows: Changed[][] = [];
    // Each round all or nothing, as when it was one statement (on better-sqlite3 a large round is several).
    for (const round of byRound) changedRows.push((await allInTransaction(db, upsertMany(round))).flat());
    const out: RecordedStatus[] = new Array(updates.length);
    (await outcomes(byRound, changedRows)).forEach((results, r) => results.forEach((o, j) => (out[byRound[r][j].i] = o)));
    return out;
  };
  const toUpdate = (u: MailStatusUpdate, now: number): Update => ({
    messageId: u.messageId, email: u.email, status: u.status, detail: u.detail, eventAt: u.eventAt, rank: MAIL_STATUS_RANK[u.status], now,
  });
  // A notification's update names its SNS MessageId from the start: no copy of each row per flush.
  const toSnsUpdate = (u: MailStatusUpdate, now: number, sns: SnsMessageRef): SnsUpdate => ({ ...toUpdate(u, now), sns: sns.messageId, sentAt: sns.sentAt });
  const record = coalesceWrites(recordMany, (u) => u.messageId);

  // Notifications that arrive together, in one transaction: the statuses of those whose SNS MessageId is not taken
  // yet, then the MessageIds. One commit, not two (one round trip on D1, one fsync on PostgreSQL; on SQLite the same
  // CPU as two statements), and a failure leaves nothing taken, so SNS's next delivery is accepted. Writes being
  // serialized (SQLite, D1), or the claim waiting on the mail's row lock the upsert took (PostgreSQL), whoever writes
  // a notification's status also takes its MessageId: a replay never records anything.
  type Notification = Claim & { update: SnsUpdate | null };
  const take = coalesceWrites(async (items: Notification[]) => {
    const updates: SnsUpdate[] = [];
    for (const n of items) if (n.update) updates.push(n.update);
    const byRound = rounds(updates);
    const upserts = byRound.map((round) => upsertUnclaimed(round));
    const results = await allInTransaction<{ id: string } | Changed>(db, [...upserts.flat(), ...claimMany(items.map(({ id, sentAt }) => ({ id, sentAt })))]);
    // Each round's rows, from its steps (one, or on better-sqlite3 one per chunk); what follows is the claim's.
    let next = 0;
    const changedRows = upserts.map((steps) => steps.flatMap(() => results[next++] as Changed[]));
    const taken = new Set((results.slice(next).flat() as Array<{ id: string }>).map((r) => r.id));
    const recorded = new Map<string, RecordedStatus>();
    const mine = byRound.map((round) => round.filter((u) => taken.has(u.sns)));
    (await outcomes(mine, changedRows)).forEach((results, r) => results.forEach((o, j) => recorded.set(mine[r][j].sns, o)));
    return items.map((n) => (taken.has(n.id) ? { recorded: recorded.get(n.id) ?? null } : null));
  }, (n) => n.id);

  return {
    claimSnsMessage: (message) => claim({ id: message.messageId, sentAt: message.sentAt }),
    async releaseSnsMessage(message) {
      await db.delete(snsMessageIds).where(and(eq(snsMessageIds.sentAt, message.sentAt), eq(snsMessageIds.messageId, message.messageId)));
    },
    async pruneSnsMessages(sentBefore) {
      const gone = await db.delete(snsMessageIds).where(lt(snsMessageIds.sentAt, sentBefore)).returning({ id: snsMessageIds.messageId });
      // Legacy ids were received after they were sent: one received before the cutoff was sent before it too.
      const legacy = await db.delete(snsMessages).where(lt(snsMessages.receivedAt, sentBefore)).returning({ id: snsMessages.messageId });
      return gone.length + legacy.length;
    },
    recordStatus: (u, now) => record(toUpdate(u, now)),
    takeSnsNotification: (message, now, update) => take({ id: message.messageId, sentAt: message.sentAt, update: update ? toSnsUpdate(update, now, message) : null }),
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
