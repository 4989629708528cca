// The token bucket paces to its rate and allows only a short burst; backoff grows with jitter inside its bounds.
import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../src/core/token-bucket.ts';
import { backoffMs } from '../../src/core/send-invitation.ts';

describe('token bucket', () => {
  it('paces takes to the rate after a burst of 50 ms worth', async () => {
    const bucket = createTokenBucket(200);
    expect(bucket.available()).toBe(10);
    const start = performance.now();
    for (let i = 0; i < 110; i++) await bucket.take();
    const seconds = (performance.now() - start) / 1000;
    // 10 at once, then 100 at 200/s: at least 0.5 s, and not much more.
    expect(seconds).toBeGreaterThanOrEqual(0.49);
    expect(seconds).toBeLessThan(0.9);
  });

  it('owes time after a penalty, and is a no-op when unlimited', async () => {
    const bucket = createTokenBucket(100);
    bucket.penalize(200);
    expect(bucket.available()).toBe(0);
    const start = performance.now();
    await bucket.take();
    expect(performance.now() - start).toBeGreaterThanOrEqual(150);
    const free = createTokenBucket(Infinity);
    await free.take();
    expect(free.available()).toBeGreaterThan(1e9);
    expect(() => createTokenBucket(0)).toThrow(TypeError);
  });
});

describe('backoffMs', () => {
  it('doubles per attempt within [ceiling / 2, ceiling], capped', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
