// The database handle type shared by the better-sqlite3 and D1 drivers, and a batch helper for both.
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { BatchItem } from 'drizzle-orm/batch';
import type * as schema from '../../db/sqlite/schema.ts';

// 'sync' (better-sqlite3) or 'async' (D1): every query here is awaited, which both drivers support.
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/**
 * Runs several writes atomically: D1's `batch` (one implicit transaction; D1 has no
 * interactive transactions) or a better-sqlite3 transaction.
 */
export async function runBatch(db: Db, queries: BatchItem<'sqlite'>[]): Promise<void> {
  if (queries.length === 0) return;
  const maybeBatch = (db as unknown as { batch?: (q: BatchItem<'sqlite'>[]) => Promise<unknown> }).batch;
  if (typeof maybeBatch === 'function') {
    await maybeBatch.call(db, queries as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    return;
  }
  (db as unknown as { transaction: (fn: () => void) => void }).transaction(() => {
    for (const q of queries) (q as unknown as { run: () => void }).run();
  });
}
