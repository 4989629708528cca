// The invitation sender: paces sends under the provider's send rate (shared by every instance), claims due rows as
// their slots come, sends them concurrently.
import type { Deps } from '../shared/deps.ts';
import type { Client } from '../ports/clients.ts';
import { advanceCampaignRamps } from './advance-campaign-ramp.ts';
import { createSendPace, type SendPace, type SendSlots } from './send-pace.ts';
import { prepareInvitations, sendInvitation, type LinkMaker, type ReadyInvitation, type SendOutcome } from './send-invitation.ts';

export interface InvitationSenderOptions {
  /**
   * Messages per second; otherwise the lower of the provider's MaxSendRate and CUTOVER_SES_MAX_SEND_RATE, less the
   * share kept for sign-in mail (CUTOVER_SIGN_IN_MAIL_SHARE).
   */
  maxSendRate?: number;
  /** Sends in flight; by default enough to reach the rate with answers taking up to half a second. */
  concurrency?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  sendTimeoutMs?: number;
  makeLinks?: LinkMaker;
}

export interface SenderRun {
  /** Only this batch (CLI --wait, tests); otherwise every batch. */
  batchId?: string;
  /** Stop claiming after this long (wall time), then finish what is in flight. */
  budgetMs?: number;
  signal?: AbortSignal;
}

export type SenderTally = Record<SendOutcome, number> & { recovered: number };

export interface InvitationSender {
  run(deps: Deps, run?: SenderRun): Promise<SenderTally>;
  /** The pace this sender keeps, in messages per second (Infinity: unlimited). */
  rate(deps: Deps): Promise<number>;
}

/**
 * A claim holds a row for the send's time-out plus this: a row still `sending` after it belonged to a sender that
 * died, and an answer can no longer come. (Rows are claimed only when their slot starts, so nothing waits longer.)
 */
const LEASE_MARGIN_MS = 15_000;
const RATE_REFRESH_MS = 10 * 60_000;
/** SES sandbox accounts send 1 message per second: the safe guess when GetAccount cannot be read. */
const UNKNOWN_PROVIDER_RATE = 1;
const MAX_CLAIM = 100;
/** The schedule every instance's sender shares: one SES account, one send rate. */
const PACE_KEY = 'ses-send-rate';

export function createInvitationSender(options: InvitationSenderOptions = {}): InvitationSender {
  const settings = {
    maxAttempts: options.maxAttempts ?? 8,
    backoffBaseMs: options.backoffBaseMs ?? 1000,
    backoffMaxMs: options.backoffMaxMs ?? 5 * 60_000,
    sendTimeoutMs: options.sendTimeoutMs ?? 30_000,
    makeLinks: options.makeLinks,
  };
  let recovered = false;
  let pace: SendPace | null = null;
  let rateCheckedAt = -Infinity;

  async function resolveRate(deps: Deps): Promise<number> {
    if (options.maxSendRate) return options.maxSendRate;
    // Sign-in mail keeps its own share of the account's rate (SPEC §13): people can sign in during a big campaign.
    return (await accountRate(deps)) * (1 - deps.config.campaign.signInShare);
  }

  /** The SES account's rate: GetAccount's MaxSendRate or CUTOVER_SES_MAX_SEND_RATE, whichever is lower. */
  async function accountRate(deps: Deps): Promise<number> {
    const configured = deps.config.ses.maxSendRate ?? Infinity;
    if (!deps.mailer.maxSendRate) return configured;
    const provider = await deps.mailer.maxSendRate();
    if (provider !== null) return Math.min(provider, configured);
    if (configured !== Infinity) return configured;
    console.warn(`cutover: could not read the SES send quota (GetAccount); sending ${UNKNOWN_PROVIDER_RATE}/s. Set CUTOVER_SES_MAX_SEND_RATE.`);
    return UNKNOWN_PROVIDER_RATE;
  }

  async function pacer(deps: Deps): Promise<SendPace> {
    if (!pace || Date.now() - rateCheckedAt > RATE_REFRESH_MS) {
      const rate = await resolveRate(deps);
      rateCheckedAt = Date.now();
      if (pace?.rate !== rate) pace = createSendPace(deps.stores.sendPace, PACE_KEY, rate);
    }
    return pace!;
  }

  return {
    rate: async (deps) => (await pacer(deps)).rate,
    async run(deps, run = {}) {
      const store = deps.stores.invitations;
      const tally: SenderTally = { sent: 0, retry: 0, failed: 0, unknown: 0, lost: 0, suppressed: 0, recovered: 0 };
      // On this sender's first run nothing is in flight here, so rows left `sending` belong to a process that
      // stopped mid-send: whether SES took them is unknown. Later runs only sweep expired leases (other senders).
      // On a shared database (SPEC §9) they may be another live instance's claims: there only expired leases are.
      if (!recovered && !deps.config.databaseUrl) {
        tally.recovered += await store.abandonInFlight(null, 'in flight when the sender stopped (restart): outcome unknown');
        recovered = true;
      }
      tally.recovered += await store.abandonInFlight(deps.clock.now(), 'claim expired without an outcome: outcome unknown');
      // Ramped campaigns whose step is settled widen (or pause) before anything is claimed.
      await advanceCampaignRamps(deps);

      const pace = await pacer(deps);
      const concurrency = options.concurrency ?? Math.min(64, Math.max(4, Math.ceil(pace.rate / 2)));
      const deadline = Date.now() + (run.budgetMs ?? 1000);
      const clients = new Map<string, Promise<Client | null>>();
      const clientFor = async (batchId: string) => {
        let c = clients.get(batchId);
        if (!c) clients.set(batchId, (c = store.findBatch(batchId).then((b) => (b ? deps.stores.clients.findById(b.clientId) : null))));
        return c;
      };
      const count = async (outcome: SendOutcome) => {
        tally[outcome] += 1;
        // Throttling and 5xx: every instance leaves SES half a second before its next send.
        if (outcome === 'retry') await pace.holdOff(500);
      };
      const sendOne = async (ready: ReadyInvitation) => count(await sendInvitation(deps, ready, settings));

      const inFlight = new Set<Promise<void>>();
      let buffer: ReadyInvitation[] = [];
      let slots: SendSlots = { count: 0, wait: async () => {} };
      let slot = 0;
      // Claims wait for a few free places rather than taking rows one by one: fewer statements, same depth.
      const minClaim = Math.max(1, Math.floor(concurrency / 8));
      try {
        // The budget ends claiming; rows already claimed still go out in the slots reserved for them.
        while (!run.signal?.aborted && (buffer.length > 0 || Date.now() < deadline)) {
          const free = concurrency - inFlight.size;
          if (free <= 0 || (buffer.length === 0 && free < minClaim)) {
            await Promise.race(inFlight);
            continue;
          }
          if (buffer.length === 0) {
            // Nothing due: no slots taken (an idle server would otherwise write to the schedule on every tick).
            const due = await store.nextDueAt(run.batchId);
            if (due === null || due > deps.clock.now()) break;
            // Slots first, rows when the first slot comes: a row claimed but never sent would turn `unknown` on a
            // crash, so rows are only claimed once they can leave. Slots a short batch leaves unused just pass.
            slots = await pace.reserve(Math.min(free, MAX_CLAIM));
            slot = 0;
            await slots.wait(0);
            const now = deps.clock.now();
            const rows = await store.claimDue(now, now + settings.sendTimeoutMs + LEASE_MARGIN_MS, slots.count, run.batchId);
            if (rows.length === 0) break;
            const claimed = await Promise.all(rows.map(async (row) => ({ row, client: await clientFor(row.batchId) })));
            const { ready, settled } = await prepareInvitations(deps, claimed, settings);
            for (const outcome of settled) await count(outcome);
            buffer = ready;
            if (buffer.length === 0) continue;
          }
          await slots.wait(slot++);
          const p: Promise<void> = sendOne(buffer.shift()!)
            .catch((e) => console.error('invitation send failed unexpectedly', e))
            .finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
      } finally {
        // Claimed but never sent (stopped, or an error ended the loop): straight back to the queue, attempt unspent.
        for (const { row } of buffer) await store.release({ batchId: row.batchId, userId: row.userId, attempts: row.attempts }, deps.clock.now());
        await Promise.all(inFlight);
        await store.closeFinishedBatches(deps.clock.now());
      }
      return tally;
    },
  };
}
