// RateLimitStore on drizzle: each hit is one atomic upsert, so every instance shares the same counters.
import { and, eq, gt, lt, sql, type SQL } from 'drizzle-orm';
import { rateLimits } from '../../db/sqlite/schema.ts';
import type { RateLimitStore } from '../core/ports/rate-limits.ts';
import { counterDb } from './counter-db.ts';
import type { Db } from './db.ts';

const p = sql.placeholder;

/**
 * Takes one hit back, only in the window that counted it and never below zero (RateLimitStore.release): placeholders
 * `key` and `windowStart`, and `onlyIf`, a further condition (PostgreSQL's code try: that the try consumed the code).
 */
export function releaseUpdate(db: Db, onlyIf?: SQL) {
  return db.update(rateLimits).set({ count: sql`${rateLimits.count} - 1` })
    .where(and(eq(rateLimits.key, p('key')), eq(rateLimits.windowStart, p('windowStart')), gt(rateLimits.count, 0), onlyIf));
}

/** releaseUpdate, prepared. */
export const preparedRelease = (db: Db) => releaseUpdate(db).prepare();

export function createRateLimitStore(db: Db): RateLimitStore {
  const counters = counterDb(db); // the bumps and take-backs; reads and pruning need no other path
  // An upsert's SET for a window that began at or before `floor`: the count starts afresh, else grows by one.
  // In an upsert's SET, column names are the old row's values: both CASEs see the same old window.
  const countIn = (floor: SQL) => ({
    count: sql`case when ${rateLimits.windowStart} <= cast(${floor} as bigint) then 1 else ${rateLimits.count} + 1 end`,
    windowStart: sql`case when ${rateLimits.windowStart} <= cast(${floor} as bigint) then cast(${p('now')} as bigint) else ${rateLimits.windowStart} end`,
  });
  // Prepared once: a hit runs on every sign-in request.
  const hit = counters.insert(rateLimits).values({ key: p('key'), windowStart: p('now'), count: 1 })
    .onConflictDoUpdate({ target: rateLimits.key, set: countIn(sql`${p('windowFloor')}`) })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart }).prepare();
  // The same upsert for two rows at once (a code try counts the network's attempts and the address's budget):
  // each row's window floor is picked by its key.
  const hitTwo = counters.insert(rateLimits).values([
    { key: p('firstKey'), windowStart: p('now'), count: 1 },
    { key: p('secondKey'), windowStart: p('now'), count: 1 },
  ]).onConflictDoUpdate({
    target: rateLimits.key,
    set: countIn(sql`(case when ${rateLimits.key} = ${p('firstKey')} then ${p('firstFloor')} else ${p('secondFloor')} end)`),
  }).returning({ key: rateLimits.key, count: rateLimits.count, windowStart: rateLimits.windowStart }).prepare();
  const release = preparedRelease(counters);
  return {
    async hit(key, windowMs, now) {
      const [row] = await hit.all({ key, now, windowFloor: now - windowMs });
      return row;
    },
    async hitPair(first, second, now) {
      if (first.key === second.key) throw new Error('hitPair needs two distinct keys');
      const rows = await hitTwo.all({ firstKey: first.key, secondKey: second.key, firstFloor: now - first.windowMs, secondFloor: now - second.windowMs, now });
      const of = (key: string) => {
        const row = rows.find((r) => r.key === key)!;
        return { count: row.count, windowStart: row.windowStart };
      };
      return [of(first.key), of(second.key)];
    },
    async release(key, windowStart) {
      await release.run({ key, windowStart });
    },
    async peek(key, windowMs, now) {
      const [row] = await db.select().from(rateLimits)
        .where(and(eq(rateLimits.key, key), gt(rateLimits.windowStart, now - windowMs)));
      return row?.count ?? 0;
    },
    async prune(before) {
      return (await db.delete(rateLimits).where(lt(rateLimits.windowStart, before)).returning({ key: rateLimits.key })).length;
    },
  };
}
