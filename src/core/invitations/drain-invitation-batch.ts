// Sends one batch to completion in this process (CLI --wait, tests, bench): every row ends sent, failed, unknown or
// suppressed; or until the campaign pauses itself (its rates crossed a threshold), which an admin must lift.
import type { Deps } from '../shared/deps.ts';
import { createInvitationSender, type InvitationSender } from './invitation-sender.ts';
import { getInvitationProgress, type InvitationProgress } from './invitation-progress.ts';

export interface DrainOptions {
  sender?: InvitationSender;
  /** Called after every pass, for progress bars. */
  onProgress?: (progress: InvitationProgress) => void;
  /** Stops claiming; what is in flight still finishes and is recorded. */
  signal?: AbortSignal;
  /** How long one sender pass runs before progress is reported (ms). */
  passMs?: number;
}

export async function drainInvitationBatch(deps: Deps, batchId: string, options: DrainOptions = {}): Promise<InvitationProgress> {
  const sender = options.sender ?? createInvitationSender();
  let progress = await getInvitationProgress(deps, batchId);
  while (!progress.done && !progress.paused && !options.signal?.aborted) {
    const tally = await sender.run(deps, { batchId, budgetMs: options.passMs ?? 250, signal: options.signal });
    progress = await getInvitationProgress(deps, batchId);
    options.onProgress?.(progress);
    const active = tally.sent + tally.failed + tally.unknown + tally.retry + tally.lost + tally.suppressed;
    if (!progress.done && active === 0) {
      // Nothing was due: rows wait for their backoff (or another sender holds them); sleep until the next is due.
      const next = await deps.stores.invitations.nextDueAt(batchId);
      const wait = next === null ? 250 : Math.min(5000, Math.max(10, next - deps.clock.now()));
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  return progress;
}
