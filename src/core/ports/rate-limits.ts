// Port: fixed-window counters shared by every instance (send limits, per-email code failures).

export interface RateLimitHit {
  /** hits in the current window, this one included */
  count: number;
  /** epoch ms when the current window began */
  windowStart: number;
}

export interface RateLimitKey {
  key: string;
  windowMs: number;
}

export interface RateLimitStore {
  /**
   * One atomic upsert: counts a hit in `key`'s window, starting a new window when the last one
   * (of `windowMs`) is over.
   */
  hit(key: string, windowMs: number, now: number): Promise<RateLimitHit>;
  /** Two hits (distinct keys) in one atomic statement, each in its own window; answered in the order asked. */
  hitPair(first: RateLimitKey, second: RateLimitKey, now: number): Promise<[RateLimitHit, RateLimitHit]>;
  /** Takes one hit back, only if the window that counted it is still the current one. */
  release(key: string, windowStart: number): Promise<void>;
  /** Hits in the live window (0 when none). */
  peek(key: string, windowMs: number, now: number): Promise<number>;
  /** Deletes counters whose window began before `before` (housekeeping); returns how many. */
  prune(before: number): Promise<number>;
}
