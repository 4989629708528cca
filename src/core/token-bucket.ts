// A token bucket: paces sends to a rate, allowing a burst of at most 50 ms worth so no second exceeds it by much.

export interface TokenBucket {
  readonly rate: number;
  /** Whole tokens available now. */
  available(): number;
  /** Resolves once a token is taken. */
  take(): Promise<void>;
  /** Owes `ms` of sending time (after throttling: give the provider room before the next send). */
  penalize(ms: number): void;
}

export function createTokenBucket(rate: number, now: () => number = () => performance.now()): TokenBucket {
  if (!(rate > 0)) throw new TypeError('"rate" must be a positive number of tokens per second');
  if (rate === Infinity) {
    return { rate, available: () => Number.MAX_SAFE_INTEGER, take: async () => {}, penalize: () => {} };
  }
  const capacity = Math.max(1, rate / 20);
  let tokens = capacity;
  let last = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(capacity, tokens + ((t - last) / 1000) * rate);
    last = t;
  };
  return {
    rate,
    available() {
      refill();
      return Math.max(0, Math.floor(tokens));
    },
    async take() {
      for (;;) {
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        await new Promise((r) => setTimeout(r, Math.max(1, ((1 - tokens) / rate) * 1000)));
      }
    },
    penalize(ms) {
      refill();
      tokens = Math.min(tokens, 0) - (ms / 1000) * rate;
    },
  };
}
