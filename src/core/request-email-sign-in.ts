// CONTRACT (issue 3): start an email sign-in — one mail with a magic link and a code, sent off the request path.
import type { Deps } from './deps.ts';
import { requireClient, requireRegisteredRedirect } from './clients.ts';
import { isPlausibleEmail, normalizeEmail } from './email.ts';
import { InvalidRequestError, RateLimitedError } from './errors.ts';
import { newId } from './crypto.ts';

export interface EmailSignInRequest {
  email: string;
  clientId: string;
  redirectUri?: string;
  state?: string;
  codeChallenge?: string;
  /** client IP, for the per-IP limit */
  ip: string;
  /** 'en' | 'fr', for the mail's language */
  locale?: string;
}

/**
 * Resolves the same way for known, unknown and disabled emails (no enumeration): this path never reads
 * the users table, it only checks the client, counts the limits and queues a job; the background job
 * decides whether a mail goes out. Throws RateLimitedError, invalid_client, or invalid_request.
 */
export async function requestEmailSignIn(deps: Deps, input: EmailSignInRequest): Promise<void> {
  const client = await requireClient(deps, input.clientId);
  const redirectUri = input.redirectUri === undefined ? null : requireRegisteredRedirect(client, input.redirectUri);
  const email = normalizeEmail(input.email);
  if (!isPlausibleEmail(email)) throw new InvalidRequestError('email: must be an email address', 'email');
  const now = deps.clock.now();
  const ipRule = deps.config.rateLimitIp;
  const emailRule = deps.config.rateLimitEmail;
  const emailKey = `send-email:${client.tenant}:${email}`;
  // Both send limits in one atomic statement.
  const [ipHit, emailHit] = await deps.stores.rateLimits.hitPair(
    { key: `send-ip:${input.ip}`, windowMs: ipRule.windowSeconds * 1000 }, { key: emailKey, windowMs: emailRule.windowSeconds * 1000 }, now);
  const refusal = ipHit.count > ipRule.limit
    ? new RateLimitedError('too many sign-in requests from this network; try again later', (ipHit.windowStart + ipRule.windowSeconds * 1000 - now) / 1000)
    : emailHit.count > emailRule.limit
      ? new RateLimitedError('too many sign-in emails for this address; try again later', (emailHit.windowStart + emailRule.windowSeconds * 1000 - now) / 1000)
      : null;
  if (refusal) {
    // Refused for the network: no mail was asked of the address, which gets its count back.
    if (ipHit.count > ipRule.limit) await deps.stores.rateLimits.release(emailKey, emailHit.windowStart);
    await deps.stores.audit.record({ type: 'email.sign_in.rate_limited', tenant: client.tenant, clientId: client.id, ip: input.ip, detail: { email, reason: refusal.message } }, now);
    throw refusal;
  }
  await deps.stores.outbox.enqueueSignIn(newId('out'), {
    emailNormalized: email,
    clientId: client.id,
    redirectUri,
    state: input.state ?? null,
    codeChallenge: input.codeChallenge ?? null,
    locale: input.locale === 'fr' ? 'fr' : 'en',
    ip: input.ip,
  }, now);
}
