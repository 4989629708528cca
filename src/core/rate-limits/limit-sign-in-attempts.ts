// Per-IP budget for sign-in attempts (code tries, link redemptions, passkey ceremonies), apart from the send budget.
import type { Deps } from '../shared/deps.ts';
import { enforceRateLimit, type LimitedKey } from './enforce-rate-limit.ts';

/**
 * CUTOVER_RATE_LIMIT_IP applies to attempts as it does to sends, in its own counter, so that
 * guessing codes or minting WebAuthn challenges from one network is bounded without eating the mail budget.
 */
export async function limitSignInAttempts(deps: Pick<Deps, 'stores' | 'clock' | 'config'>, ip: string | undefined): Promise<void> {
  if (ip === undefined) return;
  const { key, rule, message } = signInAttempts(deps, ip);
  await enforceRateLimit(deps, key, rule, message);
}

/** The attempt counter of a network, for a caller that counts it together with another (enforceFirstOfTwo). */
export function signInAttempts(deps: Pick<Deps, 'config'>, ip: string): LimitedKey {
  return { key: `attempt-ip:${ip}`, rule: deps.config.rateLimitIp, message: 'too many sign-in attempts from this network; try again later' };
}
