// The shared pace keeps its rate across instances (two paces on one database), allows only a short burst, and
// holds every instance off after throttling; backoff grows with jitter inside its bounds.
import { describe, expect, it } from 'vitest';
import { createSendPace, type SendPace } from '../../src/core/invitations/send-pace.ts';
import { backoffMs } from '../../src/core/shared/backoff.ts';
import { createStores } from '../../src/storage/index.ts';
import { openSqlite } from '../../src/runtime/node/open-sqlite.ts';
import { tempDbPath } from '../helpers/app.ts';

const store = () => createStores(openSqlite(tempDbPath(), { backgroundCheckpoint: false }).db).sendPace;

/** Sends `n` through `pace` as the invitation sender does: reserve, then wait for each slot. */
async function send(pace: SendPace, n: number): Promise<void> {
  while (n > 0) {
    const slots = await pace.reserve(n);
    for (let i = 0; i < slots.count; i++) await slots.wait(i);
    n -= slots.count;
  }
}

const seconds = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
};

describe('shared send pace', () => {
  it('paces to the rate after a burst of 50 ms worth', async () => {
    const pace = createSendPace(store(), 'ses', 200);
    // 10 at once, then 100 at 200/s: at least 0.5 s, and not much more.
    const took = await seconds(() => send(pace, 110));
    expect(took).toBeGreaterThanOrEqual(0.49);
    expect(took).toBeLessThan(0.9);
  });

  it('holds one rate across instances sharing the database', async () => {
    const shared = store();
    const [a, b] = [createSendPace(shared, 'ses', 100), createSendPace(shared, 'ses', 100)];
    // 100 sends at 100/s between two instances: about a second, where each pacing alone would take half. The last
    // slot is 99 intervals after the first, less the 50 ms burst: 0.94 s, less up to a millisecond since the schedule
    // counts whole milliseconds (Date.now) while this clock does not (a clean-clone CI run measured 0.9396).
    const took = await seconds(() => Promise.all([send(a, 50), send(b, 50)]));
    expect(took).toBeGreaterThanOrEqual(0.938);
    // Another schedule is another rate.
    expect(await seconds(() => send(createSendPace(shared, 'other', 100), 5))).toBeLessThan(0.2);
  });

  it('holds every instance off after throttling, and is a no-op when unlimited', async () => {
    const shared = store();
    const [a, b] = [createSendPace(shared, 'ses', 100), createSendPace(shared, 'ses', 100)];
    await a.holdOff(200);
    expect(await seconds(() => send(b, 1))).toBeGreaterThanOrEqual(0.15);
    const free = createSendPace(shared, 'ses', Infinity);
    expect((await free.reserve(1000)).count).toBe(1000);
    expect(await seconds(() => send(free, 1000))).toBeLessThan(0.1);
    expect(() => createSendPace(shared, 'ses', 0)).toThrow(TypeError);
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
