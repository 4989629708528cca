// RateLimitStore on drizzle (filled in by the issue that needs it).
import type { RateLimitStore } from '../core/ports/rate-limits.ts';
import type { Db } from './db.ts';

export function createRateLimitStore(_db: Db): RateLimitStore {
  return {};
}
