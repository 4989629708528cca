// Counts requests against database-held fixed-window limits; over a limit is a RateLimitedError (429 + Retry-After).
import type { Deps } from '../shared/deps.ts';
import { RateLimitedError } from '../shared/errors.ts';
import type { RateLimitHit, RateLimitKey } from '../ports/rate-limits.ts';

export interface Limit {
  limit: number;
  windowSeconds: number;
}

/** A limited counter: its key, its rule, and what a refusal says. */
export interface LimitedKey {
  key: string;
  rule: Limit;
  message: string;
}

export async function enforceRateLimit(deps: Pick<Deps, 'stores' | 'clock'>, key: string, rule: Limit, message: string): Promise<RateLimitHit> {
  const now = deps.clock.now();
  const hit = await deps.stores.rateLimits.hit(key, rule.windowSeconds * 1000, now);
  refuseIfOver({ key, rule, message }, hit, now);
  return hit;
}

/**
 * Counts two limits in one atomic statement and enforces the first. Refused by the first, the request never reached
 * the second, which gets its count back. The second's hit is returned for the caller to judge (and maybe give back).
 */
export async function enforceFirstOfTwo(deps: Pick<Deps, 'stores' | 'clock'>, first: LimitedKey, second: RateLimitKey): Promise<RateLimitHit> {
  const now = deps.clock.now();
  const [firstHit, secondHit] = await deps.stores.rateLimits.hitPair({ key: first.key, windowMs: first.rule.windowSeconds * 1000 }, second, now);
  try {
    refuseIfOver(first, firstHit, now);
  } catch (e) {
    await deps.stores.rateLimits.release(second.key, secondHit.windowStart);
    throw e;
  }
  return secondHit;
}

/** Throws the 429 for a hit over its rule's limit, with the seconds left in its window. */
export function refuseIfOver(limited: LimitedKey, hit: RateLimitHit, now: number): void {
  if (hit.count > limited.rule.limit) {
    throw new RateLimitedError(limited.message, (hit.windowStart + limited.rule.windowSeconds * 1000 - now) / 1000, { key: limited.key, windowStart: hit.windowStart });
  }
}
