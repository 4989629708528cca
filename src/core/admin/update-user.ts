// Admin: edit a person (enabled, profile, custom attributes, roles); disabling ends every session and refresh token.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { UserPatch } from '../ports/admin-users.ts';
import { auditAdmin, type AdminActor } from './admin-actor.ts';
import { adminUserJson, type AdminUserJson } from './admin-user-json.ts';
import { endEverySession } from './sign-out-user.ts';

export async function updateUser(deps: Pick<Deps, 'stores' | 'clock'>, by: AdminActor, id: string, patch: UserPatch): Promise<AdminUserJson> {
  const now = deps.clock.now();
  // One UPDATE … RETURNING: a person deleted meanwhile is a 404 with nothing written.
  const user = await deps.stores.adminUsers.update(id, patch, now);
  if (!user) throw new AuthError('not_found', 'no user with this id');
  // Revoked after the flag is down: a refresh racing this sees either a revoked family or a disabled user.
  if (patch.enabled === false) await endEverySession(deps, user.id, now, 'user_disabled');
  const changed = Object.keys(patch).filter((k) => patch[k as keyof UserPatch] !== undefined);
  // Enabling and disabling have entries of their own; `user.updated` is for the other fields.
  const edited = changed.filter((k) => k !== 'enabled');
  if (edited.length > 0) await auditAdmin(deps, by, { type: 'user.updated', tenant: user.tenant, userId: user.id, detail: { fields: edited } }, now);
  if (patch.enabled !== undefined) await auditAdmin(deps, by, { type: patch.enabled ? 'user.enabled' : 'user.disabled', tenant: user.tenant, userId: user.id }, now);
  const record = await deps.stores.adminUsers.findById(user.id);
  if (!record) throw new AuthError('not_found', 'no user with this id');
  return adminUserJson(record);
}
