// Paces sends across every instance: slots come from a schedule in the database (one statement reserves several),
// and each send waits here for its own. Two processes draining invitations together still keep SES's one rate.
import type { SendPaceStore } from '../ports/send-pace.ts';

/** Unused time an idle schedule may spend at once: 50 ms worth of sends, so no second exceeds the rate by much. */
const BURST_MS = 50;

export interface SendSlots {
  /** How many slots were reserved (send at most this many). */
  count: number;
  /** Resolves when slot `i` (0-based) starts. */
  wait(i: number): Promise<void>;
}

export interface SendPace {
  /** Sends per second (Infinity: unpaced). */
  readonly rate: number;
  /** Reserves up to `want` consecutive slots: no more than a burst's worth, at least one. */
  reserve(want: number): Promise<SendSlots>;
  /** The provider throttled: every instance leaves it `ms` before its next send. */
  holdOff(ms: number): Promise<void>;
}

/** Wall-clock time: pacing is physical, whatever clock the domain runs on (tests freeze theirs). */
const wallNow = () => Date.now();

export function createSendPace(store: SendPaceStore, key: string, rate: number, now: () => number = wallNow): SendPace {
  if (!(rate > 0)) throw new TypeError('"rate" must be a positive number of sends per second');
  if (rate === Infinity) {
    return { rate, reserve: async (want) => ({ count: Math.max(1, want), wait: async () => {} }), holdOff: async () => {} };
  }
  const intervalMs = 1000 / rate;
  const perReservation = Math.max(1, Math.floor(rate * (BURST_MS / 1000)));
  return {
    rate,
    async reserve(want) {
      const count = Math.max(1, Math.min(want, perReservation));
      const first = await store.reserve(key, count, intervalMs, BURST_MS, now());
      return {
        count,
        async wait(i) {
          const ms = first + i * intervalMs - now();
          if (ms > 0) await new Promise((r) => setTimeout(r, Math.ceil(ms)));
        },
      };
    },
    holdOff: (ms) => store.holdOff(key, ms, now()),
  };
}
