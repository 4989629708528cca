// Port: invitation batches and their per-person outbox: one row per (batch, person), never two.

/**
 * queued → sending → sent | failed | unknown (`unknown`: SES may or may not have taken it; never resent by itself);
 * sending → suppressed (the address bounced, complained or unsubscribed: no invitation goes to it).
 */
export type InvitationStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'unknown' | 'suppressed';

export interface InvitationBatch {
  id: string;
  tenant: string;
  clientId: string;
  /** recipients snapshotted when the batch was created */
  queued: number;
  createdAt: number;
  doneAt: number | null;
  /** set while the campaign is paused (its rates crossed a threshold): nothing of it is claimed */
  pausedAt: number | null;
  pauseReason: string | null;
  /** the campaign's rates count outcomes first heard of from here (its creation, or its last resume) */
  rateSince: number | null;
  /** The ramp (null: none): a first cohort of `rampFirst`, growing by `rampGrowth`; only positions up to `rampLimit` are mailed. */
  rampFirst: number | null;
  rampGrowth: number | null;
  rampLimit: number | null;
}

/** A ramped campaign: the first cohort's size and the factor each safe step widens it by. */
export interface RampPlan {
  firstCohort: number;
  growth: number;
}

/** Where the current step of a ramp stands: recipients within the limit still to be sent, and those SES took. */
export interface RampStep {
  unsettled: number;
  sent: number;
}

export interface Invitation {
  batchId: string;
  userId: string;
  email: string;
  status: InvitationStatus;
  /** also the fencing token of a claim: a late answer for an older claim cannot overwrite a newer one */
  attempts: number;
  /** when queued: not before; when sending: the claim's lease deadline */
  nextAttemptAt: number;
  messageId: string | null;
  error: string | null;
  sentAt: number | null;
}

/** Who a batch invites: decided once, when the batch is created. */
export type RecipientSelection =
  | { kind: 'freshlyMigrated'; tenant: string }
  | { kind: 'userIds'; tenant: string; userIds: string[] };

export interface RecipientPreview {
  recipients: { userId: string; email: string }[];
  leftOut: { disabled: number; noEmail: number; notFreshlyMigrated: number; notInTenant: number };
}

export interface InvitationCounts {
  queued: number;
  waiting: number;
  sending: number;
  sent: number;
  failed: number;
  unknown: number;
  suppressed: number;
}

/** Identifies one claim of one row: (batch, user) plus the attempt number the claim set. */
export interface ClaimRef {
  batchId: string;
  userId: string;
  attempts: number;
}

export interface InvitationStore {
  /** How many people `selection` picks right now (dry run); writes nothing. */
  countRecipients(selection: RecipientSelection): Promise<number>;
  /** A dry run's answer: the first `limit` recipients, and how many of the tenant's (or listed) people were left out, by reason. */
  previewRecipients(selection: RecipientSelection, limit: number): Promise<RecipientPreview>;
  /** Creates the batch and snapshots its recipients in one atomic write; returns it with `queued` filled in. */
  createBatch(batch: { id: string; tenant: string; clientId: string; ramp?: RampPlan }, selection: RecipientSelection, now: number): Promise<InvitationBatch>;
  findBatch(id: string): Promise<InvitationBatch | null>;
  counts(batchId: string): Promise<InvitationCounts>;
  /** Recipients of a batch in user-id order, optionally of one status (keyset pagination on userId). */
  list(batchId: string, filter: { status?: InvitationStatus; after?: string; limit: number }): Promise<Invitation[]>;
  /**
   * One conditional UPDATE: due `queued` rows (of batches not paused, within a ramp's limit) → `sending`, attempts + 1,
   * nextAttemptAt = leaseUntil.
   * Two senders never get the same row.
   */
  claimDue(now: number, leaseUntil: number, limit: number, batchId?: string): Promise<Invitation[]>;
  /** SES took it. Also from `unknown`: a late answer settles what a restart could not. */
  markSent(ref: ClaimRef, messageId: string, now: number): Promise<boolean>;
  /** SES certainly refused it for good. */
  markFailed(ref: ClaimRef, error: string): Promise<boolean>;
  /** SES certainly refused it for now (throttling, 5xx): back to `queued` for later. */
  retryLater(ref: ClaimRef, nextAttemptAt: number, error: string): Promise<boolean>;
  /** Claimed but never sent: back to `queued` at once, its attempt given back (no mail can have left). */
  release(ref: ClaimRef, now: number): Promise<boolean>;
  /** The outcome is not known (time-out, dropped connection); no answer can come any more, so the claim ends `now`. */
  markUnknown(ref: ClaimRef, error: string, now: number): Promise<boolean>;
  /** `sending` rows whose lease ended before `now` (or all of them when `now` is null) → `unknown`; returns how many. */
  abandonInFlight(now: number | null, error: string): Promise<number>;
  /**
   * An admin's explicit choice: a batch's `unknown` rows whose claim has ended → `queued`, and the batch is open again.
   * A restart lists every row still `sending` as unknown, some perhaps another live instance's: those stay until their
   * claim ends (`settling`), so an answer still on its way is never met by a second mail.
   */
  requeueUnknown(batchId: string, now: number): Promise<{ requeued: number; settling: number }>;
  /** Sets doneAt on open batches with nothing left to send; returns their ids. */
  closeFinishedBatches(now: number): Promise<string[]>;
  /** Earliest nextAttemptAt among queued rows of batches not paused (or of one batch), or null when none is queued. */
  nextDueAt(batchId?: string): Promise<number | null>;
  /** A claimed row whose address is suppressed: `sending` → `suppressed`, nothing sent. */
  markSuppressed(ref: ClaimRef, reason: string): Promise<boolean>;
  /** Pauses a batch not already paused (one conditional UPDATE); true when this call paused it. */
  pause(batchId: string, reason: string, now: number): Promise<boolean>;
  /** Resumes a paused batch; its rates count afresh from `now`. True when this call resumed it. */
  resume(batchId: string, now: number): Promise<boolean>;
  /** Ramped batches with people beyond their limit, not paused and not done. */
  rampingBatches(): Promise<InvitationBatch[]>;
  /** The rows of a ramped batch within `limit`: how many wait or are in flight, how many SES took. */
  rampStep(batchId: string, limit: number): Promise<RampStep>;
  /** Raises the ramp's limit from `from` to `to` (one conditional UPDATE); true when this call did. */
  widenRamp(batchId: string, from: number, to: number): Promise<boolean>;
  /** Keeps the SHA-256 of each claimed row's unsubscribe token, in one statement, before the mails leave. */
  setUnsubscribeHashes(rows: Array<ClaimRef & { hash: string }>): Promise<void>;
  /** Spends an unsubscribe token (one conditional UPDATE). `first`: this call spent it; null for an unknown token. */
  unsubscribe(hash: string, now: number): Promise<{ email: string; userId: string; batchId: string; first: boolean } | null>;
}
