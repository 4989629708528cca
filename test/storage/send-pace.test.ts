// Storage conformance: a shared send schedule hands out each slot once, on every driver.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports/index.ts';
import { drivers, useStores } from '../helpers/drivers.ts';

describe.each(drivers)('send pace on $name', (driver) => {
  let stores: Stores;
  useStores(driver, (opened) => {
    stores = opened.stores;
  });

  it('reserves consecutive slots, and an idle schedule restarts a burst before now', async () => {
    const pace = stores.sendPace;
    // A new schedule starts a burst (50) before now: slots 950, 960, 970.
    expect(await pace.reserve('a', 3, 10, 50, 1000)).toBe(950);
    expect(await pace.reserve('a', 2, 10, 50, 1000)).toBe(980);
    expect(await pace.reserve('a', 1, 10, 50, 1005)).toBe(1000);
    // Left idle, it does not bank the time it missed beyond the burst.
    expect(await pace.reserve('a', 1, 10, 50, 5000)).toBe(4950);
    // Fractional intervals add up exactly (3 per second).
    expect(await pace.reserve('b', 3, 1000 / 3, 0, 0)).toBe(0);
    expect(await pace.reserve('b', 1, 1000 / 3, 0, 0)).toBeCloseTo(1000, 6);
  });

  it('never hands out a slot twice to concurrent reservations', async () => {
    const firsts = await Promise.all(Array.from({ length: 20 }, () => stores.sendPace.reserve('c', 2, 5, 0, 100)));
    expect(new Set(firsts).size).toBe(20);
    expect([...firsts].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => 100 + i * 10));
  });

  it('holds a schedule off until a moment, never bringing it closer', async () => {
    const pace = stores.sendPace;
    await pace.holdOff('d', 500, 1000);
    expect(await pace.reserve('d', 1, 10, 50, 1000)).toBe(1500);
    await pace.reserve('d', 100, 10, 50, 1000); // booked until 2510
    await pace.holdOff('d', 500, 1000);
    expect(await pace.reserve('d', 1, 10, 50, 1000)).toBe(2510);
  });
});
