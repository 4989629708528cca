// CONTRACT (issue 3): redeem a magic-link token, once (one conditional UPDATE, so parallel redeems give one success).
import type { Deps } from '../shared/deps.ts';
import type { SignInResult } from './sign-in-result.ts';
import { AuthError } from '../shared/errors.ts';
import { constantTimeEqual, sha256 } from '../shared/crypto.ts';
import { proveEmail } from './prove-email.ts';
import { limitSignInAttempts } from '../rate-limits/limit-sign-in-attempts.ts';

/** base64url of 32 bytes is 43 characters; anything far off is not one of ours. */
export const MAGIC_LINK_TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,128}$/;

export async function redeemMagicLink(deps: Deps, input: { token: string; ip: string }): Promise<SignInResult> {
  await limitSignInAttempts(deps, input.ip);
  const invalid = new AuthError('invalid_grant', 'this sign-in link is invalid, expired or already used');
  if (!MAGIC_LINK_TOKEN_SHAPE.test(input.token)) throw invalid;
  const hash = await sha256(input.token);
  const challenge = await deps.stores.emailChallenges.consumeLink(hash, deps.clock.now());
  // The lookup is by hash of a 256-bit secret, so its timing reveals nothing; the compare is belt and braces.
  if (!challenge || !constantTimeEqual(challenge.linkHash, hash)) {
    await deps.stores.audit.record({ type: 'email.link.failed', ip: input.ip, detail: { reason: 'invalid_or_used' } }, deps.clock.now());
    throw invalid;
  }
  const client = await deps.stores.clients.findById(challenge.clientId);
  if (!client) throw new AuthError('invalid_client', 'the app this link was made for no longer exists');
  return proveEmail(deps, challenge, client, ['email'], input.ip);
}
