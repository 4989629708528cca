// CONTRACT (issue 3): check a 6-digit email code: 5 tries per code, and a per-email failure budget that resends do not reset.
import type { Deps } from '../shared/deps.ts';
import type { SignInResult } from './sign-in-result.ts';
import { AuthError, RateLimitedError } from '../shared/errors.ts';
import { constantTimeEqual } from '../shared/crypto.ts';
import { requireClient } from '../clients/clients.ts';
import { normalizeEmail } from '../shared/email.ts';
import { codeHashOf } from './issue-email-challenge.ts';
import { proveEmail, signInAudit } from './prove-email.ts';
import { signInAttempts } from '../rate-limits/limit-sign-in-attempts.ts';
import { enforceFirstOfTwo } from '../rate-limits/enforce-rate-limit.ts';
import { auditRefusal } from '../rate-limits/audit-refusal.ts';
import { familyToStart } from '../tokens/issue-tokens.ts';

/** SPEC §3: after 5 wrong tries the code is dead. */
export const MAX_CODE_TRIES = 5;
/** RFC 8176: a one-time password. */
const AMR = ['otp'];
/**
 * Wrong codes per address per CUTOVER_RATE_LIMIT_EMAIL window, whatever the number of codes mailed:
 * someone who mistyped a whole code can get a fresh one, but asking for more codes buys no more guesses.
 */
export const MAX_CODE_FAILURES_PER_EMAIL = 2 * MAX_CODE_TRIES;

/**
 * `startFamily`: the caller issues a token set right after (the JSON API, Amplify's RespondToAuthChallenge), so the
 * refresh family is made ready now and stored with the sign-in where the database can (SignInResult.family).
 */
export async function verifyEmailCode(deps: Deps, input: { email: string; code: string; clientId: string; ip: string }, options: { startFamily?: boolean } = {}): Promise<SignInResult> {
  const client = await requireClient(deps, input.clientId);
  const email = normalizeEmail(input.email);
  const now = deps.clock.now();
  const windowMs = deps.config.rateLimitEmail.windowSeconds * 1000;
  const audit = (type: string, detail: Record<string, unknown>, userId: string | null = null) => deps.stores.audit.record(
    { type, tenant: client.tenant, clientId: client.id, userId, ip: input.ip, detail: { email, ...detail } }, now);

  // One atomic statement counts the network's attempt and takes a try from the per-email budget, before any code is
  // looked at, so parallel guesses cannot overrun either; a right code gives its try back below.
  const budgetKey = `code-fail:${client.tenant}:${email}`;
  const budget = await enforceFirstOfTwo(deps, signInAttempts(deps, input.ip), { key: budgetKey, windowMs });
  if (budget.count > MAX_CODE_FAILURES_PER_EMAIL) {
    const refusal = new RateLimitedError('too many wrong codes for this address; try again later or use the link in the email', (budget.windowStart + windowMs - now) / 1000, { key: budgetKey, windowStart: budget.windowStart });
    await auditRefusal(deps, refusal, { type: 'email.code.refused', tenant: client.tenant, clientId: client.id, ip: input.ip, detail: { email } });
    throw refusal;
  }
  // Anything but six digits can never match; it still costs a try, like any wrong code.
  const hash = await codeHashOf(deps.secret, client.tenant, email, /^\d{6}$/.test(input.code) ? input.code : 'x');
  // A right code gives its try back (the budget counts failures only) and records the sign-in and its audit event,
  // with the try itself where the database can.
  const family = options.startFamily ? await familyToStart(deps, { client, amr: AMR }, now) : undefined;
  const challenge = await deps.stores.emailChallenges.attemptCode(client.tenant, email, hash, now, MAX_CODE_TRIES, {
    refund: { key: budgetKey, windowStart: budget.windowStart }, recordSignIn: true, auditSignIn: signInAudit(client, AMR, input.ip),
    ...(family ? { startFamily: { family: family.family, tokenHash: family.tokenHash, expiresAt: family.expiresAt } } : {}),
  });
  // The database matched on a keyed hash the caller cannot steer; the constant-time compare re-checks it.
  const matched = challenge !== null && challenge.consumedAt !== null && constantTimeEqual(hash, challenge.codeHash);
  if (!matched) {
    const codeDead = challenge !== null && challenge.attempts >= MAX_CODE_TRIES;
    const emailLocked = budget.count >= MAX_CODE_FAILURES_PER_EMAIL;
    await audit('email.code.failed', { attempt: challenge?.attempts ?? null, failures: budget.count }, challenge?.userId ?? null);
    if (codeDead || emailLocked) await audit('email.code.locked', { scope: emailLocked ? 'email' : 'code' }, challenge?.userId ?? null);
    throw new AuthError('invalid_code', wrongCodeMessage(budget.count));
  }
  const result = await proveEmail(deps, challenge, client, AMR, input.ip, { recorded: challenge.signIn, audited: challenge.signInAudited, now });
  return family ? { ...result, family: { ...family, stored: challenge.familyStarted === true } } : result;
}

/**
 * What a wrong code is told, from the address's failure count alone: whether a code was really sent (a known,
 * disabled or unknown address, self sign-up on or off) must never change the answer (issue 18). Every 5th failure
 * says the code died, which is true of a code tried alone; the audit log keeps what really happened.
 */
function wrongCodeMessage(failures: number): string {
  return failures % MAX_CODE_TRIES === 0 || failures >= MAX_CODE_FAILURES_PER_EMAIL
    ? 'wrong code; this code no longer works, request a new one'
    : 'the code is wrong or expired';
}
