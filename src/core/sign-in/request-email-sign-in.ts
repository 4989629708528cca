// CONTRACT (issue 3): start an email sign-in — one mail with a magic link and a code, sent off the request path.
import type { Deps } from '../shared/deps.ts';
import { requireClient, requireRegisteredRedirect } from '../clients/clients.ts';
import { requirePkceIfPublic } from '../clients/require-pkce.ts';
import { isPlausibleEmail, normalizeEmail } from '../shared/email.ts';
import { InvalidRequestError, RateLimitedError } from '../shared/errors.ts';
import { newId } from '../shared/crypto.ts';
import { rateLimitSubject } from '../shared/ip.ts';
import type { Locale } from '../shared/locale.ts';
import { auditRefusal } from '../rate-limits/audit-refusal.ts';
import { enforceFirstOfTwo, refuseIfOver, type LimitedKey } from '../rate-limits/enforce-rate-limit.ts';

export interface EmailSignInRequest {
  email: string;
  clientId: string;
  redirectUri?: string;
  state?: string;
  codeChallenge?: string;
  /** OIDC scope and nonce of the authorization request, carried to the code */
  scope?: string;
  nonce?: string;
  /** client IP, for the per-IP limit */
  ip: string;
  /** the mail's language (English when not given) */
  locale?: Locale;
}

/**
 * Resolves the same way for known, unknown and disabled emails (no enumeration): this path never reads
 * the users table, it only checks the client, counts the limits and queues a job; the background job
 * decides whether a mail goes out. Throws RateLimitedError, invalid_client, or invalid_request.
 */
export async function requestEmailSignIn(deps: Deps, input: EmailSignInRequest): Promise<void> {
  const client = await requireClient(deps, input.clientId);
  const redirectUri = input.redirectUri === undefined ? null : requireRegisteredRedirect(client, input.redirectUri);
  // A link that ends in a redirect with a code: a public client must have bound it to a PKCE challenge.
  if (redirectUri !== null) requirePkceIfPublic(client, input.codeChallenge);
  const email = normalizeEmail(input.email);
  if (!isPlausibleEmail(email)) throw new InvalidRequestError('email: must be an email address', 'email');
  const sendsToAddress: LimitedKey = { key: `send-email:${client.tenant}:${email}`, rule: deps.config.rateLimitEmail, message: 'too many sign-in emails for this address; try again later' };
  try {
    // Both send limits in one statement; refused for the network, the address is not charged a mail.
    const addressHit = await enforceFirstOfTwo(
      deps,
      { key: `send-ip:${rateLimitSubject(input.ip)}`, rule: deps.config.rateLimitIp, message: 'too many sign-in requests from this network; try again later' },
      { key: sendsToAddress.key, windowMs: sendsToAddress.rule.windowSeconds * 1000 },
    );
    refuseIfOver(sendsToAddress, addressHit, deps.clock.now());
  } catch (e) {
    if (e instanceof RateLimitedError) {
      await auditRefusal(deps, e, { type: 'email.sign_in.rate_limited', tenant: client.tenant, clientId: client.id, ip: input.ip, detail: { email } });
    }
    throw e;
  }
  await deps.stores.outbox.enqueueSignIn(newId('out'), {
    emailNormalized: email,
    clientId: client.id,
    redirectUri,
    state: input.state ?? null,
    codeChallenge: input.codeChallenge ?? null,
    ...(input.scope ? { scope: input.scope } : {}),
    ...(input.nonce ? { nonce: input.nonce } : {}),
    locale: input.locale ?? 'en',
    ip: input.ip,
  }, deps.clock.now());
}
