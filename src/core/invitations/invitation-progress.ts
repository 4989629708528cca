// Progress of one invitation batch, in SPEC §5's shape: sent + failed + unknown = queued once done.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';

export interface InvitationProgress {
  queued: number;
  sent: number;
  failed: number;
  unknown: number;
  done: boolean;
}

export async function getInvitationProgress(deps: Pick<Deps, 'stores'>, batchId: string): Promise<InvitationProgress> {
  const batch = await deps.stores.invitations.findBatch(batchId);
  if (!batch) throw new AuthError('not_found', `no invitation batch "${batchId.slice(0, 80)}"`);
  const c = await deps.stores.invitations.counts(batchId);
  // `queued` is the snapshot made at creation; rows are never added or removed afterwards.
  return { queued: batch.queued, sent: c.sent, failed: c.failed, unknown: c.unknown, done: c.waiting + c.sending === 0 };
}
