// One-click unsubscribe (RFC 8058) from invitations: the token in a mail's List-Unsubscribe header suppresses its address.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { normalizeEmail } from '../shared/email.ts';
import { randomToken, sha256 } from '../shared/crypto.ts';

/** Where a mail's unsubscribe link points; built from CUTOVER_ISSUER, never from a request's Host header. */
export const unsubscribeUrl = (issuer: string, token: string) => `${issuer}/v1/invitations/unsubscribe?token=${token}`;

/** A fresh token for one invitation mail (32 random bytes: unguessable, so nobody unsubscribes someone else) and its hash. */
export async function newUnsubscribeToken(): Promise<{ token: string; hash: string }> {
  const token = randomToken();
  return { token, hash: await sha256(token) };
}

/** The headers RFC 8058 asks for: mail clients then offer "unsubscribe" and POST to the URL themselves. */
export function unsubscribeHeaders(issuer: string, token: string): Array<{ name: string; value: string }> {
  return [
    { name: 'List-Unsubscribe', value: `<${unsubscribeUrl(issuer, token)}>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ];
}

/**
 * Spends the token (one conditional UPDATE; only its SHA-256 is stored) and suppresses the address for invitations.
 * A second POST of the same token answers the same and changes nothing: mail clients may retry.
 */
export async function unsubscribeFromInvitations(deps: Deps, token: string): Promise<{ unsubscribed: true }> {
  const now = deps.clock.now();
  const spent = await deps.stores.invitations.unsubscribe(await sha256(token), now);
  if (!spent) throw new AuthError('not_found', 'token: unknown unsubscribe link');
  if (spent.first) {
    await deps.stores.suppressions.suppress([{ email: normalizeEmail(spent.email), reason: 'unsubscribe', messageId: null, detail: `batch ${spent.batchId}` }], now);
    await deps.stores.audit.record({ type: 'invitations.unsubscribed', userId: spent.userId, detail: { batchId: spent.batchId } }, now);
  }
  return { unsubscribed: true };
}
