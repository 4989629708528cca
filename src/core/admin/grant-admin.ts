// Makes a person an admin of the default tenant's console (`cutover admins grant EMAIL`); creates the account if needed.
import type { Deps } from '../shared/deps.ts';
import { DEFAULT_TENANT } from '../clients/clients.ts';
import { InvalidRequestError } from '../shared/errors.ts';
import { isPlausibleEmail, normalizeEmail } from '../shared/email.ts';
import { newUserId } from '../shared/crypto.ts';
import { auditAdmin, type AdminActor } from './admin-actor.ts';

export const ADMIN_ROLE = 'admin';

export async function grantAdmin(deps: Pick<Deps, 'stores' | 'clock'>, by: AdminActor, email: string): Promise<{ userId: string; created: boolean }> {
  const address = normalizeEmail(email);
  if (!isPlausibleEmail(address)) throw new InvalidRequestError('email: must be an email address', 'email');
  const now = deps.clock.now();
  // The first admin may not have signed in yet: the account is made now and proven at their first email sign-in.
  const inserted = await deps.stores.users.insert({ id: newUserId(), tenant: DEFAULT_TENANT, email: address, emailVerified: false, roles: [ADMIN_ROLE] }, now);
  const user = inserted ?? (await deps.stores.users.findByEmail(DEFAULT_TENANT, address));
  if (!user) throw new InvalidRequestError('email: could not be claimed; try again', 'email');
  if (!inserted && !user.roles.includes(ADMIN_ROLE)) await deps.stores.adminUsers.update(user.id, { roles: [...user.roles, ADMIN_ROLE] }, now);
  await auditAdmin(deps, by, { type: 'user.admin_granted', tenant: DEFAULT_TENANT, userId: user.id }, now);
  return { userId: user.id, created: inserted !== null };
}
