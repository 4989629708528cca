// The refresh_token grant: rotate the token, and treat a reused one as theft (revoke its family).
import type { Deps } from './deps.ts';
import { AuthError } from './errors.ts';
import { randomToken, sha256 } from './crypto.ts';
import { signAccessAndIdTokens, tokenSet, type TokenSet } from './issue-tokens.ts';

export async function redeemRefreshToken(
  deps: Deps,
  input: { refreshToken: string; clientId: string },
): Promise<TokenSet> {
  const now = deps.clock.now();
  const hash = await sha256(input.refreshToken);
  const family = await deps.stores.refreshTokens.consume(hash, now);
  if (!family) {
    const known = await deps.stores.refreshTokens.familyOf(hash);
    // RFC 9700 §4.14.2: a rotated token presented again means it leaked; revoke the whole family.
    if (known && known.tokenUsedAt !== null && known.revokedAt === null) {
      await deps.stores.refreshTokens.revokeFamily(known.id, now, 'reuse');
      await deps.stores.audit.record({ type: 'refresh_token.reuse', userId: known.userId, clientId: known.clientId, detail: { familyId: known.id } }, now);
    }
    throw new AuthError('invalid_grant', 'refresh token is invalid, expired, revoked or already used');
  }
  if (family.clientId !== input.clientId) {
    await deps.stores.refreshTokens.revokeFamily(family.id, now, 'wrong_client');
    throw new AuthError('invalid_grant', 'refresh token was not issued to this client');
  }
  const { user, client, legacySub } = family;
  if (!user || !user.enabled || !client) {
    await deps.stores.refreshTokens.revokeFamily(family.id, now, 'user_disabled');
    throw new AuthError('invalid_grant', 'the user or client of this refresh token is no longer active');
  }
  const next = randomToken();
  const [added, signed] = await Promise.all([
    deps.stores.refreshTokens.addToken(family.id, await sha256(next), now, now + deps.config.refreshTokenTtl * 1000),
    signAccessAndIdTokens(deps, { user, client, legacySub, scope: family.scope, amr: family.amr, authTime: family.authTime }),
  ]);
  if (!added) throw new AuthError('invalid_grant', 'refresh token family was revoked');
  return tokenSet(deps, signed.accessToken, signed.idToken, next);
}
