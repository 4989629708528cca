// Resumes a paused campaign (an admin's choice, SPEC §13): its rates count afresh from now, so the outcomes that paused
// it do not pause it again at once; rows already sent are never sent again (each row's status says so).
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { getInvitationProgress, type InvitationProgress } from './invitation-progress.ts';

export async function resumeInvitationBatch(deps: Deps, batchId: string): Promise<InvitationProgress> {
  const batch = await deps.stores.invitations.findBatch(batchId);
  if (!batch) throw new AuthError('not_found', `no invitation batch "${batchId.slice(0, 80)}"`);
  const now = deps.clock.now();
  if (!(await deps.stores.invitations.resume(batchId, now))) throw new AuthError('conflict', 'the batch is not paused');
  await deps.stores.audit.record({
    type: 'invitations.batch_resumed', tenant: batch.tenant, clientId: batch.clientId, detail: { batchId, pauseReason: batch.pauseReason },
  }, now);
  return getInvitationProgress(deps, batchId);
}
