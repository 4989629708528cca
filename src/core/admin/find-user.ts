// Admin: one user by internal id or by Cognito sub, in the admin shape.
import type { Deps } from '../shared/deps.ts';
import { adminUserJson, type AdminUserJson } from './admin-user-json.ts';
import { AuthError } from '../shared/errors.ts';

export async function findUser(deps: Pick<Deps, 'stores'>, id: string): Promise<AdminUserJson> {
  const record = await deps.stores.adminUsers.findById(id);
  if (!record) throw new AuthError('not_found', 'no user with this id');
  return adminUserJson(record);
}

/** Searches every tenant: a Cognito sub is unique across pools. */
export async function findUserByLegacySub(deps: Pick<Deps, 'stores'>, sub: string): Promise<AdminUserJson> {
  const record = await deps.stores.adminUsers.findByLegacySub(sub);
  if (!record) throw new AuthError('not_found', 'no user has a legacy link with this sub');
  return adminUserJson(record);
}
