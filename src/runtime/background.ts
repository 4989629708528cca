// Work done off the request path (mail outbox, invitation batches): each job drains what is due and returns.
import type { Deps } from '../core/deps.ts';
import { processPendingMail } from '../email/process-pending-mail.ts';

export type BackgroundJob = { name: string; run: (deps: Deps) => Promise<void> };

/** Issues add their jobs here; Node runs them in a loop, Workers from a cron trigger. */
export const backgroundJobs: BackgroundJob[] = [
  { name: 'sign-in mail', run: async (deps) => void (await processPendingMail(deps)) },
];

export async function runBackgroundJobs(deps: Deps): Promise<void> {
  for (const job of backgroundJobs) {
    try {
      await job.run(deps);
    } catch (e) {
      console.error(`background job ${job.name} failed`, e);
    }
  }
}
