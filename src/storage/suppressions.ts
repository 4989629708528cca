// SuppressionStore on drizzle: one row per address; adding many is one INSERT ... ON CONFLICT DO NOTHING.
import { asc, eq, gt, sql } from 'drizzle-orm';
import { suppressions } from '../../db/sqlite/schema.ts';
import type { Suppression, SuppressionReason, SuppressionStore } from '../core/ports/suppressions.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';

type Row = typeof suppressions.$inferSelect;
const toSuppression = (r: Row): Suppression => ({
  email: r.emailNormalized, reason: r.reason as SuppressionReason, messageId: r.messageId, detail: r.detail, createdAt: r.createdAt,
});

export function createSuppressionStore(db: Db): SuppressionStore {
  return {
    async suppress(entries, now) {
      if (entries.length === 0) return [];
      const rows = await db.insert(suppressions)
        .values(entries.map((e) => ({ emailNormalized: e.email, reason: e.reason, messageId: e.messageId, detail: e.detail?.slice(0, 1000) ?? null, createdAt: now })))
        .onConflictDoNothing().returning({ email: suppressions.emailNormalized });
      return rows.map((r) => r.email);
    },
    async lift(email) {
      const [row] = await db.delete(suppressions).where(eq(suppressions.emailNormalized, email)).returning();
      return row ? toSuppression(row) : null;
    },
    async list(filter) {
      const rows = await db.select().from(suppressions)
        .where(filter.after ? gt(suppressions.emailNormalized, filter.after) : undefined)
        .orderBy(asc(suppressions.emailNormalized)).limit(filter.limit);
      return rows.map(toSuppression);
    },
    async suppressedAmong(emails) {
      if (emails.length === 0) return new Set();
      // json_each keeps the list one bound parameter, whatever its length (D1 allows at most 100 per query).
      const rows = await db.select({ email: suppressions.emailNormalized }).from(suppressions)
        .where(sql`${suppressions.emailNormalized} in ${dialectOf(db).jsonList(JSON.stringify(emails))}`);
      return new Set(rows.map((r) => r.email));
    },
  };
}
