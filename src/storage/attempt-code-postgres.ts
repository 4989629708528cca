// PostgreSQL's code try: the conditional UPDATE of the newest code and, when it matched, the refund of the try it took
// from the address's failure budget, as one statement (data-modifying CTEs; SQLite runs the refund as a second one).
import { getTableColumns, sql } from 'drizzle-orm';
import { emailChallenges } from '../../db/sqlite/schema.ts';
import type { Db } from './db.ts';

export interface CodeTry {
  tenant: string;
  email: string;
  codeHash: string;
  now: number;
  maxAttempts: number;
  /** the rate-limit counter whose hit a right code gives back, in the window that counted it */
  refund: { key: string; windowStart: number };
}

const columns = Object.entries(getTableColumns(emailChallenges));
const selected = sql.join(columns.map(([, c]) => sql.identifier(c.name)), sql`, `);

/**
 * The row after the try (null when no code was left to try), in drizzle's shape. The refund's condition reads the
 * try's RETURNING: it runs only when this very statement consumed the code, and, as RateLimitStore.release, only in
 * the window that counted the try and never below zero.
 */
export async function attemptCodeOnPostgres(db: Db, t: CodeTry): Promise<typeof emailChallenges.$inferSelect | null> {
  const [row] = await db.all<unknown[]>(sql`with tried as (
      update email_challenges set attempts = attempts + 1,
        consumed_at = case when code_hash = ${t.codeHash} then cast(${t.now} as bigint) else null end
      where id = (select newest.id from email_challenges newest
          where newest.tenant = ${t.tenant} and newest.email_normalized = ${t.email} and newest.code_hash is not null
          order by newest.created_at desc, newest.id desc limit 1)
        and consumed_at is null and code_expires_at > ${t.now} and attempts < ${t.maxAttempts}
      returning *
    ), refunded as (
      update rate_limits set "count" = "count" - 1
      where "key" = ${t.refund.key} and window_start = ${t.refund.windowStart} and "count" > 0
        and exists (select 1 from tried where consumed_at is not null)
    )
    select ${selected} from tried`);
  if (!row) return null;
  return Object.fromEntries(columns.map(([k], i) => [k, row[i]])) as typeof emailChallenges.$inferSelect;
}
