// Port: single-use authorization codes (OAuth 2.1 with PKCE), stored as SHA-256.

export interface AuthCode {
  codeHash: string;
  clientId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string | null;
  scope: string;
  amr: string[];
  authTime: number;
  createdAt: number;
  expiresAt: number;
}

export interface AuthCodeStore {
  insert(code: AuthCode): Promise<void>;
  /** One conditional UPDATE: returns the code only to the first caller, and only while it is live. */
  consume(codeHash: string, now: number): Promise<AuthCode | null>;
}
