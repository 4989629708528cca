// A person removes one of their provider links (/account) — never the last way in.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { identityLinks } from '../admin/admin-user-json.ts';

export async function removeOwnLink(deps: Deps, input: { userId: string; provider: string; subject: string; ip?: string }): Promise<void> {
  const user = await deps.stores.users.findById(input.userId);
  if (!user) throw new AuthError('not_found', 'no such account');
  const links = identityLinks(user.identities);
  if (!links.some((l) => l.provider === input.provider && l.subject === input.subject)) throw new AuthError('not_found', 'no such provider link');
  // Other ways in: the emailed code or link (an address on the account), a passkey, another provider.
  const otherWays = (user.email ? 1 : 0) + (await deps.stores.passkeys.listByUser(user.id)).length + links.length - 1;
  if (otherWays === 0) throw new AuthError('conflict', 'this is the only way into the account: add an email or a passkey before removing it');
  await deps.stores.federation.removeLink(user.id, input.provider, input.subject, deps.clock.now());
  await deps.stores.audit.record({ type: 'federated.link.removed', tenant: user.tenant, userId: user.id, ip: input.ip ?? null, detail: { provider: input.provider } }, deps.clock.now());
}
