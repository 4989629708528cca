// Admin: invite one person again: a batch of one, so it is sent, paced and followed like any campaign.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { createInvitationBatch } from '../invitations/create-invitation-batch.ts';
import { auditAdmin, type AdminActor } from './admin-actor.ts';

export async function reinviteUser(deps: Deps, by: AdminActor, id: string, clientId?: string): Promise<{ batchId: string; queued: number }> {
  const user = await deps.stores.users.findById(id);
  if (!user) throw new AuthError('not_found', 'no user with this id');
  if (!user.enabled) throw new AuthError('conflict', 'this user is disabled; enable them before inviting');
  if (!user.email) throw new AuthError('conflict', 'this user has no email address');
  const batch = await createInvitationBatch(deps, { userIds: [id], tenant: user.tenant, clientId }, by);
  await auditAdmin(deps, by, { type: 'user.reinvited', tenant: user.tenant, userId: id, detail: { batchId: batch.batchId } }, deps.clock.now());
  return batch;
}
