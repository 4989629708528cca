// InvitationStore on drizzle: batches snapshot their recipients with INSERT ... SELECT; every state change is one conditional UPDATE.
import { and, asc, count, eq, gt, inArray, isNull, lte, min, sql, type SQL } from 'drizzle-orm';
import { invitationBatches, invitations, users } from '../../db/sqlite/schema.ts';
import type {
  ClaimRef, Invitation, InvitationBatch, InvitationCounts, InvitationStatus, InvitationStore, RecipientSelection,
} from '../core/ports/invitations.ts';
import { runBatch, type Db } from './db.ts';
import { dialectOf, type Dialect } from './dialect.ts';
import { campaignControls } from './invitation-campaigns.ts';

type Row = typeof invitations.$inferSelect;
const toInvitation = (r: Row): Invitation => ({ ...r, status: r.status as InvitationStatus });

/** The users a selection picks: enabled, with an email, in the tenant. */
function recipientFilter(dialect: Dialect, s: RecipientSelection): SQL {
  const base = sql`${users.tenant} = ${s.tenant} and ${users.enabled} = 1 and ${users.email} is not null and ${users.email} <> ''`;
  // json_each keeps the list one bound parameter, whatever its length (D1 allows at most 100 per query).
  return s.kind === 'freshlyMigrated'
    ? sql`${base} and ${users.freshlyMigrated} = 1`
    : sql`${base} and ${users.id} in ${dialect.jsonList(JSON.stringify(s.userIds))}`;
}

/**
 * Rows no claim may take: those of a paused campaign (until an admin resumes it) and those beyond a ramp's limit
 * (until the ramp widens). Unqualified columns are the outer invitations row's.
 */
const held = sql`exists (select 1 from invitation_batches b where b.id = batch_id
  and (b.paused_at is not null or (b.ramp_limit is not null and position > b.ramp_limit)))`;

/** A claim is only ours while its attempt number is the one we set; `unknown` may still be settled by a late answer. */
const claimed = (ref: ClaimRef) => and(
  eq(invitations.batchId, ref.batchId), eq(invitations.userId, ref.userId), eq(invitations.attempts, ref.attempts),
  inArray(invitations.status, ['sending', 'unknown']),
);

export function createInvitationStore(db: Db): InvitationStore {
  const dialect = dialectOf(db);
  const findBatch = async (id: string): Promise<InvitationBatch | null> => {
    const [row] = await db.select().from(invitationBatches).where(eq(invitationBatches.id, id));
    return row ?? null;
  };

  // Prepared once: a campaign runs these for every recipient, where drizzle's per-call query building would dominate.
  // One statement, so the subquery's pick and the update are atomic; by rowid so SQLite walks the
  // (status, next_attempt_at) index for the due rows only (a row-value IN made it scan every queued row).
  // PostgreSQL has no rowid: by ctid, which stays the row's while the pick's lock holds it; the pick skips rows another
  // instance's claim holds (at READ COMMITTED an unlocked pick could hand one row to two); the status check re-reads.
  const rowKey = sql.raw(dialect.name === 'sqlite' ? 'rowid' : 'ctid');
  const claim = (batch: SQL) => db.update(invitations)
    .set({ status: 'sending', attempts: sql`${invitations.attempts} + 1`, nextAttemptAt: sql`${sql.placeholder('leaseUntil')}` })
    .where(sql`${dialect.claimed(rowKey, sql`select ${rowKey} from invitations where status = 'queued' and next_attempt_at <= ${sql.placeholder('now')} ${batch}
      and not ${held} order by next_attempt_at limit ${sql.placeholder('limit')}`)}
      ${dialect.name === 'postgres' ? sql`and status = 'queued'` : sql``}`)
    .returning().prepare();
  const claimAny = claim(sql``);
  // The background sender's idle tick runs these (every 250 ms on every instance), mostly finding nothing.
  const abandonExpired = db.update(invitations).set({ status: 'unknown', error: sql`${sql.placeholder('error')}` })
    .where(and(eq(invitations.status, 'sending'), lte(invitations.nextAttemptAt, sql.placeholder('now'))))
    .returning({ u: invitations.userId }).prepare();
  const closeFinished = db.update(invitationBatches).set({ doneAt: sql`${sql.placeholder('now')}` })
    .where(and(isNull(invitationBatches.doneAt), sql`not exists (select 1 from invitations i
      where i.batch_id = invitation_batches.id and i.status in ('queued', 'sending'))`))
    .returning({ id: invitationBatches.id }).prepare();
  const nextDue = (batch: SQL | undefined) => db.select({ at: min(invitations.nextAttemptAt) }).from(invitations)
    .where(and(eq(invitations.status, 'queued'), sql`not ${held}`, batch)).prepare();
  const nextDueOfAny = nextDue(undefined);
  const nextDueOfBatch = nextDue(eq(invitations.batchId, sql.placeholder('batchId')));
  const claimOfBatch = claim(sql`and batch_id = ${sql.placeholder('batchId')}`);
  const markSentStmt = db.update(invitations)
    .set({ status: 'sent', messageId: sql`${sql.placeholder('messageId')}`, error: null, sentAt: sql`${sql.placeholder('now')}` })
    .where(and(
      eq(invitations.batchId, sql.placeholder('batchId')), eq(invitations.userId, sql.placeholder('userId')),
      eq(invitations.attempts, sql.placeholder('attempts')), inArray(invitations.status, ['sending', 'unknown']),
    ))
    .returning({ u: invitations.userId }).prepare();

  return {
    async countRecipients(selection) {
      const [row] = await db.select({ n: count() }).from(users).where(recipientFilter(dialect, selection));
      return row?.n ?? 0;
    },

    async previewRecipients(selection, limit) {
      const listed = selection.kind === 'userIds' ? sql`${users.id} in ${dialect.jsonList(JSON.stringify(selection.userIds))}` : sql`1 = 1`;
      const countOf = (condition: SQL) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;
      const hasEmail = sql`(${users.email} is not null and ${users.email} <> '')`;
      const [why] = await db.select({
        found: count(),
        disabled: countOf(sql`${users.enabled} = 0`),
        noEmail: countOf(sql`${users.enabled} = 1 and not ${hasEmail}`),
        stale: countOf(sql`${users.enabled} = 1 and ${hasEmail} and ${users.freshlyMigrated} = 0`),
      }).from(users).where(sql`${users.tenant} = ${selection.tenant} and ${listed}`);
      const recipients = await db.select({ userId: users.id, email: sql<string>`${users.email}` }).from(users)
        .where(recipientFilter(dialect, selection)).orderBy(users.id).limit(limit);
      const fresh = selection.kind === 'freshlyMigrated';
      return {
        recipients,
        leftOut: {
          disabled: Number(why.disabled), noEmail: Number(why.noEmail), notFreshlyMigrated: fresh ? Number(why.stale) : 0,
          notInTenant: fresh ? 0 : new Set(selection.userIds).size - why.found,
        },
      };
    },

    async createBatch(batch, selection, now) {
      // Three statements, one atomic write: the batch, its recipients (one INSERT ... SELECT, so a
      // large tenant is a single statement), and the recipient count read back from what was inserted.
      // A ramp numbers the recipients in a random order, so each cohort is a fair sample of the whole list.
      const ramp = batch.ramp ?? null;
      const position = ramp ? sql`row_number() over (order by random())` : sql`null`;
      await runBatch(db, [
        db.insert(invitationBatches).values({
          id: batch.id, tenant: batch.tenant, clientId: batch.clientId, queued: 0, createdAt: now, rateSince: now,
          rampFirst: ramp?.firstCohort ?? null, rampGrowth: ramp?.growth ?? null, rampLimit: ramp?.firstCohort ?? null,
        }),
        db.insert(invitations).select(sql`select ${batch.id}, ${users.id}, ${users.email}, 'queued', 0, cast(${now} as bigint), null, null, null, null, null, ${position}
          from ${users} where ${recipientFilter(dialect, selection)}`),
        db.update(invitationBatches)
          .set({ queued: sql`(select count(*) from invitations where batch_id = ${batch.id})` })
          .where(eq(invitationBatches.id, batch.id)),
      ]);
      const created = await findBatch(batch.id);
      if (!created) throw new Error(`invitation batch ${batch.id} vanished after creation`);
      return created;
    },

    findBatch,

    async counts(batchId) {
      const rows = await db.select({ status: invitations.status, n: count() }).from(invitations)
        .where(eq(invitations.batchId, batchId)).groupBy(invitations.status);
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<InvitationStatus, number>>;
      const c: InvitationCounts = {
        queued: 0, waiting: by.queued ?? 0, sending: by.sending ?? 0, sent: by.sent ?? 0, failed: by.failed ?? 0, unknown: by.unknown ?? 0,
        suppressed: by.suppressed ?? 0,
      };
      c.queued = c.waiting + c.sending + c.sent + c.failed + c.unknown + c.suppressed;
      return c;
    },

    async list(batchId, filter) {
      const where = [eq(invitations.batchId, batchId)];
      if (filter.status) where.push(eq(invitations.status, filter.status));
      if (filter.after) where.push(gt(invitations.userId, filter.after));
      const rows = await db.select().from(invitations).where(and(...where)).orderBy(asc(invitations.userId)).limit(filter.limit);
      return rows.map(toInvitation);
    },

    async claimDue(now, leaseUntil, limit, batchId) {
      const rows = batchId
        ? await claimOfBatch.all({ now, leaseUntil, limit, batchId })
        : await claimAny.all({ now, leaseUntil, limit });
      return rows.map(toInvitation);
    },

    async markSent(ref, messageId, now) {
      const rows = await markSentStmt.all({ ...ref, messageId, now });
      return rows.length > 0;
    },

    async markFailed(ref, error) {
      const rows = await db.update(invitations).set({ status: 'failed', error: error.slice(0, 1000) })
        .where(claimed(ref)).returning({ u: invitations.userId });
      return rows.length > 0;
    },

    async retryLater(ref, nextAttemptAt, error) {
      const rows = await db.update(invitations).set({ status: 'queued', nextAttemptAt, error: error.slice(0, 1000) })
        .where(claimed(ref)).returning({ u: invitations.userId });
      return rows.length > 0;
    },

    async release(ref, now) {
      const rows = await db.update(invitations).set({ status: 'queued', attempts: sql`${invitations.attempts} - 1`, nextAttemptAt: now })
        .where(and(claimed(ref), eq(invitations.status, 'sending'))).returning({ u: invitations.userId });
      return rows.length > 0;
    },

    async markUnknown(ref, error, now) {
      const rows = await db.update(invitations).set({ status: 'unknown', error: error.slice(0, 1000), nextAttemptAt: now })
        .where(and(claimed(ref), eq(invitations.status, 'sending'))).returning({ u: invitations.userId });
      return rows.length > 0;
    },

    async abandonInFlight(now, error) {
      if (now !== null) return (await abandonExpired.all({ now, error })).length;
      const rows = await db.update(invitations).set({ status: 'unknown', error }).where(eq(invitations.status, 'sending')).returning({ u: invitations.userId });
      return rows.length;
    },

    async requeueUnknown(batchId, now) {
      // Reopen first: were we to stop between the two statements, the rows would still be unknown.
      await db.update(invitationBatches).set({ doneAt: null }).where(eq(invitationBatches.id, batchId));
      const rows = await db.update(invitations)
        .set({ status: 'queued', nextAttemptAt: now, error: sql`'resend requested; before: ' || coalesce(error, '')` })
        .where(and(eq(invitations.batchId, batchId), eq(invitations.status, 'unknown'), lte(invitations.nextAttemptAt, now)))
        .returning({ u: invitations.userId });
      const [settling] = await db.select({ n: count() }).from(invitations)
        .where(and(eq(invitations.batchId, batchId), eq(invitations.status, 'unknown'), gt(invitations.nextAttemptAt, now)));
      return { requeued: rows.length, settling: settling?.n ?? 0 };
    },

    async closeFinishedBatches(now) {
      return (await closeFinished.all({ now })).map((r) => r.id);
    },

    async nextDueAt(batchId) {
      const [row] = await (batchId ? nextDueOfBatch.all({ batchId }) : nextDueOfAny.all());
      return row?.at ?? null;
    },

    ...campaignControls(db),
  };
}
