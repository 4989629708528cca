// Port: addresses no invitation goes to (sign-in mail still does: the person asked for it).

export type SuppressionReason = 'bounce' | 'complaint' | 'unsubscribe' | 'ses_suppression_list';

export interface Suppression {
  email: string;
  reason: SuppressionReason;
  messageId: string | null;
  detail: string | null;
  createdAt: number;
}

export interface SuppressionStore {
  /** Adds addresses (already normalized) not yet suppressed, in one statement; returns those added. */
  suppress(entries: Array<Omit<Suppression, 'createdAt'>>, now: number): Promise<string[]>;
  /** Lifts one; false when it was not suppressed. */
  lift(email: string): Promise<Suppression | null>;
  /** In address order after `after` (keyset pagination). */
  list(filter: { after?: string; limit: number }): Promise<Suppression[]>;
  /** Which of these (normalized) addresses are suppressed. */
  suppressedAmong(emails: string[]): Promise<Set<string>>;
}
