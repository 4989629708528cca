// Admin: remove one of a person's passkeys (lost device); the email sign-in paths remain.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { auditAdmin, type AdminActor } from './admin-actor.ts';

export async function removeUserPasskey(deps: Pick<Deps, 'stores' | 'clock'>, by: AdminActor, userId: string, passkeyId: string): Promise<void> {
  if (!(await deps.stores.passkeys.remove(userId, passkeyId))) throw new AuthError('not_found', 'this user has no passkey with this id');
  await auditAdmin(deps, by, { type: 'passkey.removed', userId, detail: { passkeyId } }, deps.clock.now());
}
