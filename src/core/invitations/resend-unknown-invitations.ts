// An admin's explicit resend of a batch's `unknown` invitations (SES may already have delivered them).
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { AdminActor } from '../admin/admin-actor.ts';

/** `settling`: unknown rows claimed too recently to rule out an answer still on its way; asked again later, they go too. */
export async function resendUnknownInvitations(deps: Deps, batchId: string, by?: AdminActor): Promise<{ batchId: string; requeued: number; settling: number }> {
  const batch = await deps.stores.invitations.findBatch(batchId);
  if (!batch) throw new AuthError('not_found', `no invitation batch "${batchId.slice(0, 80)}"`);
  const now = deps.clock.now();
  const { requeued, settling } = await deps.stores.invitations.requeueUnknown(batchId, now);
  await deps.stores.audit.record({ type: 'invitations.resend_unknown', tenant: batch.tenant, clientId: batch.clientId, actor: by?.actor ?? null, ip: by?.ip ?? null, detail: { batchId, requeued, settling } }, now);
  return { batchId, requeued, settling };
}
