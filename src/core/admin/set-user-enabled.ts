// Disabling a user also ends every refresh-token family they hold.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';

export async function setUserEnabled(deps: Pick<Deps, 'stores' | 'clock'>, userId: string, enabled: boolean): Promise<void> {
  const now = deps.clock.now();
  if (!(await deps.stores.users.setEnabled(userId, enabled, now))) throw new AuthError('not_found', 'no such user');
  if (!enabled) {
    await deps.stores.refreshTokens.revokeAllForUser(userId, now, 'user_disabled');
    await deps.stores.sessions.revokeAllForUser(userId, now);
  }
  await deps.stores.audit.record({ type: enabled ? 'user.enabled' : 'user.disabled', userId }, now);
}
