// Housekeeping for email sign-in: counters past every window, spent challenges, finished mail jobs.
import type { Deps } from '../shared/deps.ts';

/** Finished sign-in jobs and kept mail stay this long (support questions: "did my mail go out?"). */
export const MAIL_RETENTION_MS = 7 * 86_400_000;
/** Spent or expired challenges stay a day, so a late click still reads as "used or expired" in the audit trail. */
export const CHALLENGE_RETENTION_MS = 86_400_000;

export async function pruneEmailSignIn(deps: Pick<Deps, 'stores' | 'clock' | 'config'>): Promise<{ counters: number; challenges: number; mail: number }> {
  const now = deps.clock.now();
  // No limit window is longer than the longest configured one (the code-failure budget uses the email window).
  const longestWindowMs = Math.max(deps.config.rateLimitEmail.windowSeconds, deps.config.rateLimitIp.windowSeconds) * 1000;
  const [counters, challenges, mail] = await Promise.all([
    deps.stores.rateLimits.prune(now - longestWindowMs),
    deps.stores.emailChallenges.prune(now - CHALLENGE_RETENTION_MS),
    deps.stores.outbox.prune(now - MAIL_RETENTION_MS),
  ]);
  return { counters, challenges, mail };
}
