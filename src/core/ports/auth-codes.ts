// Port: single-use authorization codes (OAuth 2.1 with PKCE), stored as SHA-256.
import type { RefreshFamily } from './refresh-tokens.ts';

export interface AuthCode {
  codeHash: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string | null;
  scope: string;
  amr: string[];
  authTime: number;
  /** OIDC nonce of the authorization request, when it sent one */
  nonce: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface AuthCodeStore {
  insert(code: AuthCode): Promise<void>;
  /**
   * One conditional UPDATE: returns the code only to the first caller, and only while it is live, recording the
   * refresh family its exchange starts.
   */
  consume(codeHash: string, now: number, familyId: string): Promise<AuthCode | null>;
  /** The refresh family a consumed code started (stored yet or not), or null (unknown or never consumed). */
  spentFamily(codeHash: string): Promise<RefreshFamily | null>;
}
