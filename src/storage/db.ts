// The database handle type shared by the better-sqlite3, D1 and PostgreSQL drivers, and batch helpers for all three.
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { BatchItem } from 'drizzle-orm/batch';
import { fillPlaceholders } from 'drizzle-orm';
import type * as schema from '../../db/sqlite/schema.ts';

// 'sync' (better-sqlite3) or 'async' (D1): every query here is awaited, which both drivers support.
export type Db = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>;

/** Whether the driver has `batch` (D1, PostgreSQL: one round trip, one transaction); better-sqlite3 runs in-process instead. */
export const hasBatch = (db: Db): boolean => typeof (db as unknown as { batch?: unknown }).batch === 'function';

/**
 * Runs several writes atomically: D1's `batch` (one implicit transaction; D1 has no
 * interactive transactions) or a better-sqlite3 transaction.
 */
export async function runBatch(db: Db, queries: BatchItem<'sqlite'>[]): Promise<void> {
  if (queries.length === 0) return;
  if (hasBatch(db)) {
    await (db as unknown as { batch: (q: BatchItem<'sqlite'>[]) => Promise<unknown> }).batch(queries);
    return;
  }
  (db as unknown as { transaction: (fn: () => void) => void }).transaction(() => {
    for (const q of queries) (q as unknown as { run: () => void }).run();
  });
}

/** A prepared statement that returns rows (`….returning().prepare()`, a prepared select) and its placeholders' values. */
export interface Step<R> {
  statement: { all(values?: Record<string, unknown>): R[] | Promise<R[]> };
  values: Record<string, unknown>;
}

export const step = <R>(statement: Step<R>['statement'], values: Record<string, unknown>): Step<R> => ({ statement, values });

/**
 * Runs prepared statements in order in one transaction (all of them or none) and returns each one's rows: D1's and
 * PostgreSQL's `batch` (one round trip, one transaction), or a better-sqlite3 transaction. A statement is built once
 * (drizzle takes 250+ µs to build an upsert); `batch` wants query builders, so each prepared statement goes in as
 * one (drizzle-orm 0.45's batch calls `_prepare()`, `getQuery()` and `mapResult()` on what it is given).
 */
export async function allInTransaction<R>(db: Db, steps: Step<R>[]): Promise<R[][]> {
  if (steps.length === 0) return [];
  if (hasBatch(db)) return (db as unknown as { batch: (q: unknown[]) => Promise<R[][]> }).batch(steps.map(asBatchItem));
  return runSteps(db)(steps) as R[][];
}

type SyncRunner = ((steps: Step<unknown>[]) => unknown[][]) & { immediate(steps: Step<unknown>[]): unknown[][] };
const runners = new WeakMap<Db, (steps: Step<unknown>[]) => unknown[][]>();

/**
 * better-sqlite3's own transaction function, made once per database (drizzle's `db.transaction` builds a database
 * object per call, a fifth of what a group of SNS notifications cost). IMMEDIATE: the write lock is taken at BEGIN,
 * where busy_timeout applies, not at the first write.
 */
function runSteps(db: Db): (steps: Step<unknown>[]) => unknown[][] {
  let run = runners.get(db);
  if (!run) {
    const client = (db as unknown as { $client: { transaction(fn: (steps: Step<unknown>[]) => unknown[][]): SyncRunner } }).$client;
    const tx = client.transaction((steps) => steps.map((s) => s.statement.all(s.values) as unknown[]));
    run = (steps) => tx.immediate(steps);
    runners.set(db, run);
  }
  return run;
}

interface PreparedInternals {
  getQuery(): { sql: string; params: unknown[]; method?: string };
  mapResult(result: unknown, isFromBatch?: boolean): unknown;
  stmt?: unknown;
}

function asBatchItem<R>({ statement, values }: Step<R>) {
  const prepared = statement as unknown as PreparedInternals;
  return {
    _prepare: () => ({
      getQuery: () => {
        const query = prepared.getQuery();
        return { ...query, params: fillPlaceholders(query.params, values) };
      },
      mapResult: (result: unknown, isFromBatch?: boolean) => prepared.mapResult(result, isFromBatch),
      // D1 binds the batch's values to the statement it prepared
      stmt: prepared.stmt,
    }),
  };
}
