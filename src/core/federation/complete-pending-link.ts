// A person who just proved their account (email code or link, passkey) in the browser holding a pending link's
// cookie: the link to the upstream identity becomes active, and joins the ID token's `identities`.
import type { Deps } from '../shared/deps.ts';
import { sha256 } from '../shared/crypto.ts';
import { cognitoIdentity } from './cognito-identity.ts';

export async function completePendingLink(deps: Deps, userId: string, pendingToken: string, ip: string): Promise<number> {
  if (pendingToken.length > 128) return 0;
  const now = deps.clock.now();
  const links = await deps.stores.federation.completePendingLinks(userId, await sha256(pendingToken), now);
  for (const l of links) {
    const provider = await deps.stores.providers.find(l.tenant, l.provider);
    await deps.stores.federation.setIdentity(userId, l.provider, l.subject, cognitoIdentity(l.provider, provider?.type ?? 'oidc', l.subject, now), now);
    await deps.stores.audit.record({ type: 'federated.link.added', tenant: l.tenant, userId, ip, detail: { provider: l.provider } }, now);
  }
  return links.length;
}
