// Refused (429) requests in the audit log: one row per limited key and window, counting its refusals, not a row each.
import type { Deps } from '../shared/deps.ts';
import type { AuditEvent } from '../ports/audit.ts';
import { sha256 } from '../shared/crypto.ts';
import type { RateLimitedError } from '../shared/errors.ts';

/**
 * A client hammering a limit was writing ~1,900 audit rows a second (issue 18). The row of a key's window is named
 * by a hash of the two, so every refusal in that window adds to its `refused` count in one atomic upsert: the log
 * still says who was refused, how often and when first and last, and grows by one row per window at most.
 */
export async function auditRefusal(deps: Pick<Deps, 'stores' | 'clock'>, refusal: RateLimitedError, event: AuditEvent): Promise<void> {
  const id = `evt_rl_${(await sha256(`${refusal.limitKey}\n${refusal.windowStart}`)).slice(0, 32)}`;
  await deps.stores.audit.recordRefusal(id, { ...event, detail: { ...event.detail, reason: refusal.message } }, deps.clock.now());
}
