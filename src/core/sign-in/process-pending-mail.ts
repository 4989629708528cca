// Drains the outbox off the request path: resolves each sign-in request (or account notice), renders its mail and sends it, retrying refusals with backoff.
import type { Deps } from '../shared/deps.ts';
import { backoffMs } from '../shared/backoff.ts';
import { MailerError, type MailMessage } from '../ports/mailer.ts';
import type { OutboxJob } from '../ports/outbox.ts';
import { resolveSignInRequest } from './resolve-sign-in-request.ts';
import { turnTaker } from '../shared/turns.ts';

const BATCH = 20;
/** Rounds per call, so one call (one background tick) always returns. */
const MAX_ROUNDS = 50;
/** A job still `sending` this long after it was claimed is taken for a crashed worker: `unknown`, never resent. */
const LEASE_MS = 5 * 60_000;
export const MAX_MAIL_ATTEMPTS = 5;

/** Backoff with jitter (SES throttling advice): about 1 s, 2 s, 4 s, 8 s, capped at a minute. */
export const mailBackoffMs = (attempt: number): number => backoffMs(attempt, 1000, 60_000);

export interface DrainCounts {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  unknown: number;
}

/** Sends everything that is due now and returns; tests call it instead of waiting for the background loop. */
export async function processPendingMail(deps: Deps): Promise<DrainCounts> {
  const counts: DrainCounts = { sent: 0, skipped: 0, retried: 0, failed: 0, unknown: 0 };
  // One job per event-loop turn: with a synchronous database (and the log mailer) nothing here ever waits, so a
  // backlog went out in one block that every request waited behind (300 queued: 0.6-1.1 s without a single turn).
  // The 1% of POST /v1/auth/otp caught behind one made its p99 (350-630 ms with 4 streams on a busy 2-core machine,
  // 43 ms with a turn per job), and which side of the known/unknown comparison they fell on was luck.
  const turn = turnTaker();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    await turn();
    const jobs = await deps.stores.outbox.claimDue(deps.clock.now(), BATCH, LEASE_MS);
    if (jobs.length === 0) break;
    const outcomes = await Promise.all(jobs.map(async (job) => {
      await turn();
      return deliver(deps, job);
    }));
    for (const o of outcomes) counts[o] += 1;
  }
  return counts;
}

async function deliver(deps: Deps, job: OutboxJob): Promise<keyof DrainCounts> {
  if (job.kind === 'notice') return send(deps, job, deps.templates.passkeyAdded(job.notice), null);
  let resolved;
  try {
    resolved = await resolveSignInRequest(deps, job.request);
  } catch (e) {
    // Database or just-in-time import trouble: nothing was sent, so trying again later is safe.
    return retryOrFail(deps, job, `resolve: ${(e as Error)?.message ?? String(e)}`, true);
  }
  if (!resolved.mail) {
    await deps.stores.outbox.finish(job.id, 'skipped', deps.clock.now(), resolved.reason);
    return 'skipped';
  }
  return send(deps, job, deps.templates.signIn(resolved), resolved.challengeId);
}

/** Sends one rendered mail; `challengeId` names the sign-in secrets it carries, retired when the mail certainly did not go. */
async function send(deps: Deps, job: OutboxJob, message: MailMessage, challengeId: string | null): Promise<keyof DrainCounts> {
  const { outbox } = deps.stores;
  try {
    const { messageId } = await deps.mailer.send(message);
    await outbox.finish(job.id, 'sent', deps.clock.now(), messageId);
    return 'sent';
  } catch (e) {
    const err = e instanceof MailerError ? e : new MailerError(String((e as Error)?.message ?? e), 'unknown', false);
    if (err.outcome === 'unknown') {
      // The provider may have taken it: a second mail would be worse than none (the person can ask again).
      await outbox.finish(job.id, 'unknown', deps.clock.now(), err.message);
      return 'unknown';
    }
    // Certainly not sent: this link and code never reach anyone, so retire them; a retry mints fresh ones.
    if (challengeId) await deps.stores.emailChallenges.consume(challengeId, deps.clock.now());
    return retryOrFail(deps, job, err.message, err.retryable);
  }
}

async function retryOrFail(deps: Deps, job: OutboxJob, error: string, retryable: boolean): Promise<'retried' | 'failed'> {
  if (retryable && job.attempts < MAX_MAIL_ATTEMPTS) {
    await deps.stores.outbox.retryAt(job.id, deps.clock.now() + mailBackoffMs(job.attempts), error);
    return 'retried';
  }
  console.error(`cutover: ${job.kind} mail ${job.id} failed after ${job.attempts} attempt(s): ${error}`);
  await deps.stores.outbox.finish(job.id, 'failed', deps.clock.now(), error);
  return 'failed';
}
