// The campaign half of InvitationStore on drizzle: suppressed rows, pause and resume, the ramp, one-click unsubscribe tokens.
import { and, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { invitationBatches, invitations } from '../../db/sqlite/schema.ts';
import type { InvitationStore } from '../core/ports/invitations.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';

type CampaignControls = Pick<InvitationStore,
  'markSuppressed' | 'pause' | 'resume' | 'rampingBatches' | 'rampStep' | 'widenRamp' | 'setUnsubscribeHashes' | 'unsubscribe'>;

export function campaignControls(db: Db): CampaignControls {
  const dialect = dialectOf(db);
  // `+status` keeps SQLite off the status index here (the primary key finds each row); PostgreSQL has no such hint.
  const statusNoIndex = sql.raw(dialect.name === 'sqlite' ? '+invitations.status' : 'invitations.status');
  // Every background tick asks (prepared once).
  const ramping = db.select().from(invitationBatches).where(and(
    isNotNull(invitationBatches.rampLimit), sql`${invitationBatches.rampLimit} < ${invitationBatches.queued}`,
    isNull(invitationBatches.pausedAt), isNull(invitationBatches.doneAt),
  )).prepare();
  return {
    async markSuppressed(ref, reason) {
      const rows = await db.update(invitations).set({ status: 'suppressed', error: reason.slice(0, 1000) })
        .where(and(eq(invitations.batchId, ref.batchId), eq(invitations.userId, ref.userId), eq(invitations.attempts, ref.attempts), eq(invitations.status, 'sending')))
        .returning({ u: invitations.userId });
      return rows.length > 0;
    },
    async pause(batchId, reason, now) {
      const rows = await db.update(invitationBatches).set({ pausedAt: now, pauseReason: reason.slice(0, 500) })
        .where(and(eq(invitationBatches.id, batchId), isNull(invitationBatches.pausedAt))).returning({ id: invitationBatches.id });
      return rows.length > 0;
    },
    async resume(batchId, now) {
      const rows = await db.update(invitationBatches).set({ pausedAt: null, pauseReason: null, rateSince: now })
        .where(and(eq(invitationBatches.id, batchId), isNotNull(invitationBatches.pausedAt))).returning({ id: invitationBatches.id });
      return rows.length > 0;
    },
    async rampingBatches() {
      return ramping.all();
    },
    async rampStep(batchId, limit) {
      const [row] = await db.select({
        unsettled: sql<number>`coalesce(sum(case when ${invitations.status} in ('queued', 'sending') then 1 else 0 end), 0)`,
        sent: sql<number>`coalesce(sum(case when ${invitations.status} = 'sent' then 1 else 0 end), 0)`,
      }).from(invitations).where(and(eq(invitations.batchId, batchId), lte(invitations.position, limit)));
      return { unsettled: Number(row?.unsettled ?? 0), sent: Number(row?.sent ?? 0) };
    },
    async widenRamp(batchId, from, to) {
      const rows = await db.update(invitationBatches).set({ rampLimit: to })
        .where(and(eq(invitationBatches.id, batchId), eq(invitationBatches.rampLimit, from)))
        .returning({ id: invitationBatches.id });
      return rows.length > 0;
    },
    async setUnsubscribeHashes(rows) {
      if (rows.length === 0) return;
      // One UPDATE ... FROM a JSON parameter for the whole chunk; each row is found by its primary key.
      const j = dialect.jsonRecords(JSON.stringify(rows), { hash: 'text', batchId: 'text', userId: 'text', attempts: 'bigint' }, 'j');
      await db.run(sql`update invitations set unsubscribe_hash = j."hash" from ${j}
        where invitations.batch_id = j."batchId" and invitations.user_id = j."userId"
          and invitations.attempts = j."attempts" and ${statusNoIndex} = 'sending'`);
    },
    async unsubscribe(hash, now) {
      const pick = { email: invitations.email, userId: invitations.userId, batchId: invitations.batchId };
      const [spent] = await db.update(invitations).set({ unsubscribedAt: now })
        .where(and(eq(invitations.unsubscribeHash, hash), isNull(invitations.unsubscribedAt))).returning(pick);
      if (spent) return { ...spent, first: true };
      const [known] = await db.select(pick).from(invitations).where(eq(invitations.unsubscribeHash, hash));
      return known ? { ...known, first: false } : null;
    },
  };
}
