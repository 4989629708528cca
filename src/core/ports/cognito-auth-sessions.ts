// Port: the `Session` handles of Cognito's JSON API, stored as SHA-256 of the handle the caller holds.

/** Which step a session lets the caller answer (Cognito's ChallengeName). */
export type CognitoChallengeName = 'SELECT_CHALLENGE' | 'EMAIL_OTP' | 'WEB_AUTHN';

export interface CognitoAuthSession {
  idHash: string;
  clientId: string;
  /** The USERNAME the sign-in started with, normalized (an email address here). */
  username: string;
  challenge: CognitoChallengeName;
  /** What the step needs later (the WebAuthn challenge's hash). */
  data: Record<string, string>;
  createdAt: number;
  expiresAt: number;
  spentAt: number | null;
}

export interface CognitoAuthSessionStore {
  insert(session: Omit<CognitoAuthSession, 'spentAt'>): Promise<void>;
  /** The session whatever its state (spent, expired), so a refusal can say which; null when unknown. */
  find(idHash: string): Promise<CognitoAuthSession | null>;
  /** Single use in one conditional UPDATE: true for the first caller while it is live and unspent, else false. */
  spend(idHash: string, now: number): Promise<boolean>;
  /** Deletes sessions that expired before `before`; returns how many. */
  purge(before: number): Promise<number>;
}
