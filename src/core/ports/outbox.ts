// Port: outgoing mail, queued on the request path and sent off it; with the `log` mailer it is also the mailbox.
import type { Locale } from '../shared/locale.ts';

/** What the request path queues: no secret, just enough for the background job to decide and mail. */
export interface SignInRequest {
  emailNormalized: string;
  clientId: string;
  redirectUri: string | null;
  state: string | null;
  codeChallenge: string | null;
  /** OIDC scope and nonce of the authorization request (absent: none) */
  scope?: string | null;
  nonce?: string | null;
  locale: Locale;
  ip: string;
}

/** A notice about the account (no secret in it): rendered and sent off the request path like sign-in mail. */
export interface AccountNotice {
  kind: 'passkey-added';
  to: string;
  /** the new passkey's display name */
  passkeyName: string;
  locale: Locale;
  at: number;
}

export type OutboxJob = {
  id: string;
  /** tries so far, this one included */
  attempts: number;
  createdAt: number;
} & ({ kind: 'sign-in'; request: SignInRequest } | { kind: 'notice'; notice: AccountNotice });

/** queued → sending → sent | skipped (nobody to mail) | failed (refused) | unknown (may have been sent: never resent) */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'skipped' | 'failed' | 'unknown';

export interface KeptMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  createdAt: number;
}

export interface OutboxStore {
  enqueueSignIn(id: string, request: SignInRequest, now: number): Promise<void>;
  enqueueNotice(id: string, notice: AccountNotice, now: number): Promise<void>;
  /**
   * Claims up to `limit` due jobs (queued → sending, attempts + 1) in one conditional UPDATE, so two
   * workers never take the same job. Jobs left in `sending` past their lease (a crash) become `unknown` first.
   */
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxJob[]>;
  /** Ends a job (sending → a final status); `detail` is the message id or the reason. */
  finish(id: string, status: Exclude<OutboxStatus, 'queued' | 'sending'>, now: number, detail: string | null): Promise<void>;
  /** Puts a job back in the queue for a later try. */
  retryAt(id: string, nextAttemptAt: number, error: string): Promise<void>;
  statusOf(id: string): Promise<{ status: OutboxStatus; attempts: number; error: string | null } | null>;
  /** The `log` mailer's mailbox: keeps a mail as sent. */
  keep(mail: KeptMail): Promise<void>;
  /** The mailbox, newest first. */
  kept(limit: number): Promise<KeptMail[]>;
  /** Deletes finished jobs and kept mail created before `before` (housekeeping); returns how many. */
  prune(before: number): Promise<number>;
}
