// Per-IP budget for sign-in attempts (code tries, link redemptions, passkey ceremonies), apart from the send budget.
import type { Deps } from './deps.ts';
import { enforceRateLimit } from './enforce-rate-limit.ts';
import { RateLimitedError } from './errors.ts';
import type { RateLimitHit } from './ports/rate-limits.ts';

/**
 * CUTOVER_RATE_LIMIT_IP applies to attempts as it does to sends, in its own counter, so that
 * guessing codes or minting WebAuthn challenges from one network is bounded without eating the mail budget.
 */
export async function limitSignInAttempts(deps: Pick<Deps, 'stores' | 'clock' | 'config'>, ip: string | undefined): Promise<void> {
  if (ip === undefined) return;
  await enforceRateLimit(deps, signInAttemptsKey(ip), deps.config.rateLimitIp, ATTEMPTS_MESSAGE);
}

export const signInAttemptsKey = (ip: string) => `attempt-ip:${ip}`;

/** For a caller that counted the attempt itself (with another counter, in one statement): refuse it when over. */
export function refuseSignInAttemptsOver(deps: Pick<Deps, 'config'>, hit: RateLimitHit, now: number): void {
  const { limit, windowSeconds } = deps.config.rateLimitIp;
  if (hit.count > limit) throw new RateLimitedError(ATTEMPTS_MESSAGE, (hit.windowStart + windowSeconds * 1000 - now) / 1000);
}

const ATTEMPTS_MESSAGE = 'too many sign-in attempts from this network; try again later';
