// Admin (or the person): erase someone; the audit keeps one entry that says a person was deleted, without personal data.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { AdminActor } from './admin-actor.ts';

export async function deleteUser(deps: Pick<Deps, 'stores' | 'clock'>, by: AdminActor, id: string): Promise<void> {
  const user = await deps.stores.users.findById(id);
  if (!user) throw new AuthError('not_found', 'no user with this id');
  // The id stays in the entry (it is random, it names nobody once the row is gone); the email does not.
  await deps.stores.adminUsers.erase(user, {
    type: 'user.deleted', tenant: user.tenant, userId: user.id, actor: by.actor, ip: by.ip, detail: { self: by.actor === `user:${user.id}` },
  }, deps.clock.now());
}
