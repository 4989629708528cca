// Port: sign-in emails: magic-link tokens and one-time codes, stored hashed; every use is one conditional UPDATE.
import type { RefreshFamily } from './refresh-tokens.ts';
import type { ProvenSignIn } from './users.ts';

export type EmailChallengePurpose = 'sign-in' | 'invite';

export interface EmailChallenge {
  id: string;
  tenant: string;
  clientId: string;
  emailNormalized: string;
  /** null for a newcomer signing up: the account is created when the address is proven */
  userId: string | null;
  purpose: EmailChallengePurpose;
  redirectUri: string | null;
  state: string | null;
  codeChallenge: string | null;
  /** the OIDC request's scope and nonce, for the code this sign-in ends in (null: not asked) */
  scope?: string | null;
  nonce?: string | null;
  /** wrong-or-pending code tries used so far */
  attempts: number;
  createdAt: number;
  linkExpiresAt: number;
  /** 0 when the challenge has no code (invitations) */
  codeExpiresAt: number;
  consumedAt: number | null;
}

export interface NewEmailChallenge extends Omit<EmailChallenge, 'attempts' | 'consumedAt'> {
  /** SHA-256 of the link token */
  linkHash: string;
  /** HMAC-SHA-256 of the code with the server secret; null for link-only challenges */
  codeHash: string | null;
}

export interface CodeTryOptions {
  refund?: { key: string; windowStart: number };
  recordSignIn?: boolean;
  /**
   * With `recordSignIn`: the audit event of that sign-in (userId and tenant are the person's, the detail gains the
   * tried challenge's `challengeId` and `purpose`), written by the same statement where the database allows it; the
   * answer's `signInAudited` then says so.
   */
  auditSignIn?: SignInAudit;
  /**
   * With `recordSignIn`: the refresh family that sign-in starts (RefreshTokenStore.createFamily for the person, at
   * the try's `now`), stored by the same statement where the database allows it; the answer's `familyStarted` then
   * says so.
   */
  startFamily?: { family: Omit<RefreshFamily, 'userId'>; tokenHash: string; expiresAt: number };
}

/** The audit event a recorded sign-in writes (CodeTryOptions.auditSignIn). */
export interface SignInAudit {
  type: string;
  clientId: string;
  ip: string;
  detail: Record<string, unknown>;
}

export interface EmailChallengeStore {
  insert(challenge: NewEmailChallenge): Promise<void>;
  /** Inserts many in one statement (an invitation sender's chunk). */
  insertMany(challenges: NewEmailChallenge[]): Promise<void>;
  /**
   * One conditional UPDATE: consumes the challenge with this link hash, only while it is live, unused and the newest
   * mail sent to its address (a resend, or a sign-in with the newest, retires older links).
   */
  consumeLink(linkHash: string, now: number): Promise<(EmailChallenge & { linkHash: string }) | null>;
  /** The unused, unexpired challenge with this link hash, without consuming it (the page a GET renders). */
  findLiveLink(linkHash: string, now: number): Promise<EmailChallenge | null>;
  /**
   * One conditional UPDATE per try on the newest code sent to this email, only while that code is live,
   * unused and has had fewer than `maxAttempts` tries: counts the try and, when `codeHash` matches,
   * consumes the challenge in the same statement. Returns the challenge after the try (consumedAt set
   * when it matched), or null when there was no code left to try. Options, for a code try that consumed the code:
   * `refund` gives back the hit it took from that rate-limit counter (as RateLimitStore.release), in the same statement
   * where the database allows it (PostgreSQL), else in the next; `recordSignIn` asks for the person's proven sign-in
   * (UserStore.recordProvenSignIn) in the same statement where the database allows it: `signIn` is then set (null when
   * the account is disabled or gone), and left out where it was not recorded; `auditSignIn` and `startFamily` the
   * audit event and the refresh family of a sign-in so recorded (`signInAudited`, `familyStarted` true when written).
   */
  attemptCode(tenant: string, emailNormalized: string, codeHash: string, now: number, maxAttempts: number, options?: CodeTryOptions): Promise<(EmailChallenge & { codeHash: string; signIn?: ProvenSignIn | null; signInAudited?: boolean; familyStarted?: boolean }) | null>;
  /** Retires every unused link and code sent to an address (after a sign-in that did not use them, e.g. a passkey). */
  retireAll(tenant: string, emailNormalized: string, now: number): Promise<void>;
  /** Consumes a challenge (one conditional UPDATE; null if it was already used): retires a link and code that never reached anyone. */
  consume(id: string, now: number): Promise<EmailChallenge | null>;
  /** Deletes challenges whose link and code both expired before `before` (housekeeping); returns how many. */
  prune(before: number): Promise<number>;
}
