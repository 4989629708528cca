// Port: send schedules every instance shares, so that together they keep a provider's rate (SES's MaxSendRate).

export interface SendPaceStore {
  /**
   * Takes `count` consecutive slots `intervalMs` apart from schedule `key` in one atomic statement, and returns when
   * the first starts (epoch ms). A schedule left idle restarts at `now - burstMs`: at most that much unused time is
   * spent at once.
   */
  reserve(key: string, count: number, intervalMs: number, burstMs: number, now: number): Promise<number>;
  /** Moves schedule `key`'s next free slot to at least `now + ms` (the provider throttled: every instance waits). */
  holdOff(key: string, ms: number, now: number): Promise<void>;
}
