// Disable or enable a person: an edit of one field (disabling also ends every refresh-token family and session).
import type { Deps } from '../shared/deps.ts';
import { cliActor, type AdminActor } from './admin-actor.ts';
import { updateUser } from './update-user.ts';

export async function setUserEnabled(deps: Pick<Deps, 'stores' | 'clock'>, userId: string, enabled: boolean, by: AdminActor = cliActor()): Promise<void> {
  await updateUser(deps, by, userId, { enabled });
}
