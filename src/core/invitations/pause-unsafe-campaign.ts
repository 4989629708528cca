// Pauses an invitation campaign whose bounce or complaint rate reaches its threshold, before SES reviews the account.
import type { Deps } from '../shared/deps.ts';

export interface CampaignRates {
  outcomes: number;
  bounceRate: number;
  complaintRate: number;
}

/** Why a campaign must pause with these outcomes, or null while it is safe (or too young to judge). */
export function unsafeReason(rates: CampaignRates, limits: Deps['config']['campaign']): string | null {
  if (rates.outcomes < limits.minOutcomes) return null;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  if (rates.bounceRate >= limits.maxBounceRate) {
    return `bounce rate ${pct(rates.bounceRate)} reached the ${pct(limits.maxBounceRate)} limit over ${rates.outcomes} outcomes`;
  }
  if (rates.complaintRate >= limits.maxComplaintRate) {
    return `complaint rate ${pct(rates.complaintRate)} reached the ${pct(limits.maxComplaintRate)} limit over ${rates.outcomes} outcomes`;
  }
  return null;
}

/** Measures the batch since it started (or was last resumed); pauses it and writes an audit entry when unsafe. */
export async function pauseUnsafeCampaign(deps: Deps, batchId: string): Promise<boolean> {
  const store = deps.stores.invitations;
  const batch = await store.findBatch(batchId);
  if (!batch || batch.pausedAt !== null) return false;
  const o = await deps.stores.mailEvents.batchOutcomes(batchId, batch.rateSince ?? 0);
  // Rates over mails whose fate is known (delivered or bounced), like SES's own: mails still in flight count for nothing yet.
  const outcomes = o.delivered + o.bounced;
  const rates = { outcomes, bounceRate: outcomes ? o.bounced / outcomes : 0, complaintRate: o.delivered ? o.complained / o.delivered : 0 };
  const reason = unsafeReason(rates, deps.config.campaign);
  if (!reason) return false;
  const now = deps.clock.now();
  if (!(await store.pause(batchId, reason, now))) return false;
  await deps.stores.audit.record({
    type: 'invitations.batch_paused', tenant: batch.tenant, clientId: batch.clientId,
    detail: { batchId, reason, ...rates, bounced: o.bounced, complained: o.complained },
  }, now);
  return true;
}
