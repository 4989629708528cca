// The refresh_token grant: rotate the token, and treat a reused one as theft (revoke its family).
// A family lives a fixed time from its sign-in (rotation does not extend it), and the token a rotation just replaced
// may be presented again for a few seconds (CUTOVER_REFRESH_GRACE) and gets the same successor: two tabs, or a retry
// after a lost answer, are not theft. Later, or for any older token, it is.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { sha256 } from '../shared/crypto.ts';
import { lifetimesOf, signAccessAndIdTokens, tokenSet, type TokenSet } from './issue-tokens.ts';
import type { Client } from '../ports/clients.ts';
import { familyOfToken, successorOf } from './refresh-token-text.ts';

const invalid = () => new AuthError('invalid_grant', 'refresh token is invalid, expired, revoked or already used');

export async function redeemRefreshToken(
  deps: Deps,
  input: { refreshToken: string; client: Client },
): Promise<TokenSet> {
  if (!input.client.grantTypes.includes('refresh_token')) throw new AuthError('unauthorized_client', 'this client may not use the refresh_token grant');
  const now = deps.clock.now();
  const hash = await sha256(input.refreshToken);
  const store = deps.stores.refreshTokens;
  const familyId = await familyOfToken(deps, input.refreshToken, hash);
  if (!familyId) throw invalid();
  const next = await successorOf(deps, familyId, input.refreshToken);
  // Consume and rotate in one conditional UPDATE: parallel uses of one token all name the same successor, so they all
  // get it (none forks the family); the same token after the grace, or an older one, gets null.
  const family = await store.rotate(familyId, hash, await sha256(next), now, deps.config.refreshGrace * 1000);
  if (!family) {
    const known = await store.findFamily(familyId);
    // RFC 9700 §4.14.2: a token naming a live family but no longer its current one was used before: it leaked,
    // so the whole family goes. (Forging one needs the family id, which only ever travels inside its tokens.)
    if (known && known.revokedAt === null && known.tokenHash !== hash) {
      await store.revokeFamily(known.id, now, 'reuse');
      await deps.stores.audit.record({ type: 'refresh_token.reuse', userId: known.userId, clientId: known.clientId, detail: { familyId: known.id } }, now);
    }
    throw invalid();
  }
  if (family.clientId !== input.client.id) {
    await store.revokeFamily(family.id, now, 'wrong_client');
    throw new AuthError('invalid_grant', 'refresh token was not issued to this client');
  }
  const { user, client, legacySub, legacyUsername } = family;
  if (!user || !user.enabled || !client) {
    await store.revokeFamily(family.id, now, 'user_disabled');
    throw new AuthError('invalid_grant', 'the user or client of this refresh token is no longer active');
  }
  const signed = await signAccessAndIdTokens(deps, {
    user, client, legacySub, legacyUsername, scope: family.scope, amr: family.amr, authTime: family.authTime, originJti: family.id,
  });
  return tokenSet(signed.accessToken, signed.idToken, next, lifetimesOf(deps, input.client).access);
}
