// Per-IP budget for sign-in attempts (code tries, link redemptions, passkey ceremonies), apart from the send budget.
import type { Deps } from '../shared/deps.ts';
import { enforceRateLimit, type LimitedKey } from './enforce-rate-limit.ts';
import { rateLimitSubject } from '../shared/ip.ts';

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
  return { key: `attempt-ip:${rateLimitSubject(ip)}`, rule: deps.config.rateLimitIp, message: 'too many sign-in attempts from this network; try again later' };
}

/**
 * Passkey options are asked for by every /login view (browser autofill starts a ceremony on load), so they are no
 * sign-in attempt: they get a counter of their own, ten times the attempt budget, which only bounds how fast one
 * network can mint stored challenges. The verify step is the attempt.
 */
export async function limitPasskeyOptions(deps: Pick<Deps, 'stores' | 'clock' | 'config'>, ip: string | undefined): Promise<void> {
  if (ip === undefined) return;
  const rule = { limit: deps.config.rateLimitIp.limit * 10, windowSeconds: deps.config.rateLimitIp.windowSeconds };
  await enforceRateLimit(deps, `options-ip:${rateLimitSubject(ip)}`, rule, 'too many passkey requests from this network; try again later');
}
