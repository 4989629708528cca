// Port: sending one email. Implementations live in src/email.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (e.g. List-Unsubscribe on invitations, RFC 8058). */
  headers?: Array<{ name: string; value: string }>;
}

export interface Mailer {
  /** Resolves with the provider's message id; throws MailerError when the provider refused or the outcome is unknown. */
  send(message: MailMessage): Promise<{ messageId: string }>;
  /** The provider's sending limit in messages per second, when it has one (SES: GetAccount SendQuota.MaxSendRate); null if it cannot tell. */
  maxSendRate?(): Promise<number | null>;
}

/**
 * `refused`: the provider certainly did not accept the mail (safe to retry when `retryable`).
 * `unknown`: the request may have been accepted (time-out, dropped connection): never resend blindly.
 */
export class MailerError extends Error {
  constructor(
    message: string,
    readonly outcome: 'refused' | 'unknown',
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'MailerError';
  }
}
