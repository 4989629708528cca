// Where a magic link leads once redeemed (its page's form may go there), read without consuming the link.
import type { Deps } from '../shared/deps.ts';
import { sha256 } from '../shared/crypto.ts';
import { MAGIC_LINK_TOKEN_SHAPE } from './redeem-magic-link.ts';

/** The redirect URI a live link's sign-in ends at, or null (unknown, used or expired link). */
export async function magicLinkTarget(deps: Pick<Deps, 'stores' | 'clock'>, token: string): Promise<string | null> {
  if (!MAGIC_LINK_TOKEN_SHAPE.test(token)) return null;
  const challenge = await deps.stores.emailChallenges.findLiveLink(await sha256(token), deps.clock.now());
  if (!challenge) return null;
  if (challenge.redirectUri) return challenge.redirectUri;
  // without one, the sign-in ends at the client's first registered redirect (requireRegisteredRedirect)
  return (await deps.stores.clients.findById(challenge.clientId))?.redirectUris[0] ?? null;
}
