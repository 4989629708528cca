// RFC 7009 revocation: sign-out ends the refresh token's whole family.
import type { Deps } from '../shared/deps.ts';
import { sha256 } from '../shared/crypto.ts';
import { familyOfToken } from './refresh-token-text.ts';

export async function revokeRefreshToken(deps: Pick<Deps, 'stores' | 'clock'>, input: { token: string; clientId: string }): Promise<void> {
  const store = deps.stores.refreshTokens;
  const familyId = await familyOfToken(deps, input.token, await sha256(input.token));
  // The current token, or an older one of its family: either way the family's grant ends.
  const family = familyId ? await store.findFamily(familyId) : null;
  // RFC 7009 §2.2: an unknown token, or one of another client, is answered 200 all the same.
  if (!family || family.clientId !== input.clientId || family.revokedAt !== null) return;
  const now = deps.clock.now();
  await store.revokeFamily(family.id, now, 'revoked');
  await deps.stores.audit.record({ type: 'refresh_token.revoked', userId: family.userId, clientId: family.clientId }, now);
}
