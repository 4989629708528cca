// Counts one request against a database-held fixed-window limit; over the limit is a RateLimitedError (429 + Retry-After).
import type { Deps } from './deps.ts';
import { RateLimitedError } from './errors.ts';
import type { RateLimitHit } from './ports/rate-limits.ts';

export interface Limit {
  limit: number;
  windowSeconds: number;
}

export async function enforceRateLimit(deps: Pick<Deps, 'stores' | 'clock'>, key: string, rule: Limit, message: string): Promise<RateLimitHit> {
  const now = deps.clock.now();
  const windowMs = rule.windowSeconds * 1000;
  const hit = await deps.stores.rateLimits.hit(key, windowMs, now);
  if (hit.count > rule.limit) throw new RateLimitedError(message, (hit.windowStart + windowMs - now) / 1000);
  return hit;
}
