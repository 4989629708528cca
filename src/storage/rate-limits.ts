// RateLimitStore on drizzle: each hit is one atomic upsert, so every instance shares the same counters.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { rateLimits } from '../../db/schema.ts';
import type { RateLimitStore } from '../core/ports/rate-limits.ts';
import type { Db } from './db.ts';

export function createRateLimitStore(db: Db): RateLimitStore {
  return {
    async hit(key, windowMs, now) {
      // In an upsert's SET, column names are the old row's values: both CASEs see the same old window.
      const over = sql`${rateLimits.windowStart} <= ${now - windowMs}`;
      const [row] = await db.insert(rateLimits).values({ key, windowStart: now, count: 1 })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`case when ${over} then 1 else ${rateLimits.count} + 1 end`,
            windowStart: sql`case when ${over} then ${now} else ${rateLimits.windowStart} end`,
          },
        })
        .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
      return row;
    },
    async release(key, windowStart) {
      await db.update(rateLimits).set({ count: sql`${rateLimits.count} - 1` })
        .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart), gt(rateLimits.count, 0)));
    },
    async peek(key, windowMs, now) {
      const [row] = await db.select().from(rateLimits)
        .where(and(eq(rateLimits.key, key), gt(rateLimits.windowStart, now - windowMs))).limit(1);
      return row?.count ?? 0;
    },
    async prune(before) {
      return (await db.delete(rateLimits).where(lt(rateLimits.windowStart, before)).returning({ key: rateLimits.key })).length;
    },
  };
}
