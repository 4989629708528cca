// Admin: sign a person out everywhere: every hosted-page session and refresh-token family ends now.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { auditAdmin, type AdminActor } from './admin-actor.ts';

/** Enabling a person again does not revive these (SPEC §11): a revoked family stays revoked. */
export async function endEverySession(deps: Pick<Deps, 'stores'>, userId: string, now: number, reason: string): Promise<number> {
  const families = await deps.stores.refreshTokens.revokeAllForUser(userId, now, reason);
  await deps.stores.sessions.revokeAllForUser(userId, now);
  return families;
}

export async function signOutUser(deps: Pick<Deps, 'stores' | 'clock'>, by: AdminActor, id: string): Promise<{ revokedRefreshTokens: number }> {
  const now = deps.clock.now();
  const user = await deps.stores.users.findById(id);
  if (!user) throw new AuthError('not_found', 'no user with this id');
  const revoked = await endEverySession(deps, id, now, 'admin_sign_out');
  await auditAdmin(deps, by, { type: 'user.signed_out', tenant: user.tenant, userId: id, detail: { refreshTokens: revoked } }, now);
  return { revokedRefreshTokens: revoked };
}
