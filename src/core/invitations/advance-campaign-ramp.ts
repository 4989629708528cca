// The campaign ramp (issue 17): once a step's recipients are all sent and SES has told the fate of most of them, the
// ramp widens by its growth factor while the campaign's rates are under the thresholds, and pauses it when they are not.
import type { Deps } from '../shared/deps.ts';
import type { InvitationBatch } from '../ports/invitations.ts';
import { unsafeReason } from './pause-unsafe-campaign.ts';

/**
 * A step is judged once SES has reported on this share of the mails it took (delivered, bounced, complained,
 * rejected, or bounced for now): the last few events may be late, and a step must not wait on them for ever.
 */
export const RAMP_SETTLED_SHARE = 0.9;

export type RampVerdict = 'waiting' | 'widened' | 'paused';

/** Judges every ramped campaign still growing; returns what happened to each (by batch id). */
export async function advanceCampaignRamps(deps: Deps): Promise<Record<string, RampVerdict>> {
  const verdicts: Record<string, RampVerdict> = {};
  for (const batch of await deps.stores.invitations.rampingBatches()) verdicts[batch.id] = await advanceRamp(deps, batch);
  return verdicts;
}

async function advanceRamp(deps: Deps, batch: InvitationBatch): Promise<RampVerdict> {
  const limit = batch.rampLimit!;
  const step = await deps.stores.invitations.rampStep(batch.id, limit);
  if (step.unsettled > 0) return 'waiting';
  const s = await deps.stores.mailEvents.batchStatusCounts(batch.id);
  const heardOf = (s.delivered ?? 0) + (s.bounced ?? 0) + (s.complained ?? 0) + (s.rejected ?? 0) + (s.soft_bounced ?? 0);
  if (heardOf < Math.ceil(step.sent * RAMP_SETTLED_SHARE)) return 'waiting';

  // The same rates as the automatic pause (since the campaign started or was last resumed), but judged on however
  // few outcomes the step has: a first cohort is the sample the ramp exists to read.
  const o = await deps.stores.mailEvents.batchOutcomes(batch.id, batch.rateSince ?? 0);
  const outcomes = o.delivered + o.bounced;
  const rates = { outcomes, bounceRate: outcomes ? o.bounced / outcomes : 0, complaintRate: o.delivered ? o.complained / o.delivered : 0 };
  const now = deps.clock.now();
  const reason = unsafeReason(rates, { ...deps.config.campaign, minOutcomes: 1 });
  if (reason) {
    const why = `ramp held at ${limit} of ${batch.queued}: ${reason}`;
    if (!(await deps.stores.invitations.pause(batch.id, why, now))) return 'waiting';
    await deps.stores.audit.record({
      type: 'invitations.batch_paused', tenant: batch.tenant, clientId: batch.clientId,
      detail: { batchId: batch.id, reason: why, ...rates, bounced: o.bounced, complained: o.complained, rampLimit: limit },
    }, now);
    return 'paused';
  }
  const next = Math.min(batch.queued, Math.max(limit + 1, Math.ceil(limit * (batch.rampGrowth ?? 2))));
  if (!(await deps.stores.invitations.widenRamp(batch.id, limit, next))) return 'waiting';
  await deps.stores.audit.record({
    type: 'invitations.ramp_widened', tenant: batch.tenant, clientId: batch.clientId,
    detail: { batchId: batch.id, from: limit, to: next, ...rates },
  }, now);
  return 'widened';
}
