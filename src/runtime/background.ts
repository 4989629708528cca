// Work done off the request path (mail outbox, invitation batches): each job drains what is due and returns.
import type { Deps } from '../core/shared/deps.ts';
import { processPendingMail } from '../core/sign-in/process-pending-mail.ts';
import { pruneEmailSignIn } from '../core/sign-in/prune-email-sign-in.ts';
import { pruneAuditLog } from '../core/audit/prune-audit-log.ts';
import { createInvitationSender } from '../core/invitations/invitation-sender.ts';
import { pruneSnsMessages } from '../core/mail-events/prune-sns-messages.ts';
import { pruneFederation } from '../core/federation/prune-federation.ts';

/** `signal` aborts at shutdown: a job stops claiming, finishes or releases what it holds, and returns. */
export type BackgroundJob = { name: string; run: (deps: Deps, signal?: AbortSignal) => Promise<void> };

/** Runs `fn` at most once per `everyMs` (by the deps clock): for housekeeping that need not run on every tick. */
export function throttled(everyMs: number, fn: (deps: Deps) => Promise<unknown>): (deps: Deps) => Promise<void> {
  let last = -Infinity;
  return async (deps) => {
    if (deps.clock.now() - last < everyMs) return;
    last = deps.clock.now();
    await fn(deps);
  };
}

/** Issues add their jobs here; Node runs them in a loop, Workers from a cron trigger. */
export const backgroundJobs: BackgroundJob[] = [
  { name: 'sign-in mail', run: async (deps) => void (await processPendingMail(deps)) },
  { name: 'email sign-in cleanup', run: throttled(15 * 60_000, pruneEmailSignIn) },
  { name: 'sns message ids cleanup', run: throttled(15 * 60_000, pruneSnsMessages) },
  { name: 'audit retention', run: throttled(60 * 60_000, pruneAuditLog) },
  { name: 'federated sign-in cleanup', run: throttled(15 * 60_000, pruneFederation) },
];

// Invitation batches (issue 6): each run sends what is due for about a second, so other jobs keep their turn;
// the first run after a start marks rows a crash left `sending` as `unknown`. Batches thereby resume by themselves.
const invitationSender = createInvitationSender();
backgroundJobs.push({ name: 'invitations', run: async (deps, signal) => void (await invitationSender.run(deps, { budgetMs: 1000, signal })) });

export async function runBackgroundJobs(deps: Deps, signal?: AbortSignal): Promise<void> {
  for (const job of backgroundJobs) {
    if (signal?.aborted) return;
    try {
      await job.run(deps, signal);
    } catch (e) {
      console.error(`background job ${job.name} failed`, e);
    }
  }
}
