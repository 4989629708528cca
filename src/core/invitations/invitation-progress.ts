// Progress of one invitation batch, in SPEC §5/§13's shape: sent + failed + unknown + suppressed = queued once done.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';

export interface InvitationProgress {
  queued: number;
  sent: number;
  failed: number;
  unknown: number;
  done: boolean;
  /** What SES events said of the mails it took (SPEC §13): reached the inbox, bounced for good, marked as spam. */
  delivered: number;
  bounced: number;
  complained: number;
  /** people not mailed because their address is suppressed (bounce, complaint, unsubscribe) */
  suppressed: number;
  paused: boolean;
  pauseReason: string | null;
  /** A ramped campaign: how many of the queued people it may mail so far (null: no ramp, or it reached everyone). */
  rampLimit: number | null;
}

export async function getInvitationProgress(deps: Pick<Deps, 'stores'>, batchId: string): Promise<InvitationProgress> {
  const batch = await deps.stores.invitations.findBatch(batchId);
  if (!batch) throw new AuthError('not_found', `no invitation batch "${batchId.slice(0, 80)}"`);
  const c = await deps.stores.invitations.counts(batchId);
  const s = await deps.stores.mailEvents.batchStatusCounts(batchId);
  // `queued` is the snapshot made at creation; rows are never added or removed afterwards.
  return {
    queued: batch.queued, sent: c.sent, failed: c.failed, unknown: c.unknown, done: c.waiting + c.sending === 0,
    // A complaint comes from someone the mail reached.
    delivered: (s.delivered ?? 0) + (s.complained ?? 0), bounced: s.bounced ?? 0, complained: s.complained ?? 0,
    suppressed: c.suppressed, paused: batch.pausedAt !== null, pauseReason: batch.pauseReason,
    rampLimit: batch.rampLimit !== null && batch.rampLimit < batch.queued ? batch.rampLimit : null,
  };
}
