// Port: what SES said about each mail (by MessageId) and the SNS MessageIds already taken (replay protection).

/** Per-mail statuses, from SES events; a higher rank is later news and is never taken back by a lower one. */
export const MAIL_STATUS_RANK = {
  sent: 1, delayed: 2, soft_bounced: 3, delivered: 4, bounced: 5, rejected: 5, complained: 6,
} as const;
export type MailStatus = keyof typeof MAIL_STATUS_RANK;

export interface MailStatusUpdate {
  messageId: string;
  status: MailStatus;
  email: string | null;
  detail: string | null;
  /** when SES says it happened, epoch ms */
  eventAt: number;
}

/** Outcomes of a batch's mails first heard of since a time (the rate window of a campaign). */
export interface BatchOutcomes {
  delivered: number;
  bounced: number;
  complained: number;
}

/** What recording a status did: `changed` whether it took effect; the invitation batch and kind of mail it belongs to. */
export interface RecordedStatus {
  changed: boolean;
  batchId: string | null;
  kind: string;
}

/**
 * An SNS message as replay protection knows it: its MessageId and its signed Timestamp (epoch ms). SNS sends a retry
 * with both unchanged, and nobody can change either without breaking the signature.
 */
export interface SnsMessageRef {
  messageId: string;
  sentAt: number;
}

export interface MailEventStore {
  /** Takes an SNS message once: false when it was already taken (a replay). */
  claimSnsMessage(message: SnsMessageRef): Promise<boolean>;
  /**
   * An SNS notification in one go: takes it once and, when taken and it carries a tracked SES event, records the status
   * as `recordStatus` does. Null when it was already taken (a replay); nothing is then recorded.
   */
  takeSnsNotification(message: SnsMessageRef, now: number, update: MailStatusUpdate | null): Promise<{ recorded: RecordedStatus | null } | null>;
  /** Gives a message back when its event could not be recorded, so SNS's retry is accepted. */
  releaseSnsMessage(message: SnsMessageRef): Promise<void>;
  /** Forgets messages sent before `sentBefore`, epoch ms (messages that old are refused by their Timestamp anyway). */
  pruneSnsMessages(sentBefore: number): Promise<number>;
  /**
   * Records a status when it ranks above what is known (one upsert), finding the invitation batch or sign-in mail the
   * MessageId belongs to. `changed`: whether it took effect; `batchId`: the invitation batch, if any.
   */
  recordStatus(update: MailStatusUpdate, now: number): Promise<RecordedStatus>;
  /** A batch's mails by status (progress). */
  batchStatusCounts(batchId: string): Promise<Partial<Record<MailStatus, number>>>;
  /** A batch's outcomes first heard of at or after `since`. */
  batchOutcomes(batchId: string, since: number): Promise<BatchOutcomes>;
  /** The status SES reported for one mail, or null. */
  statusOf(messageId: string): Promise<{ status: MailStatus; kind: string; batchId: string | null } | null>;
}
