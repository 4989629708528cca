// Port: refresh-token families (one per sign-in) and their rotating tokens, stored as SHA-256.

export interface RefreshFamily {
  id: string;
  userId: string;
  clientId: string;
  scope: string;
  amr: string[];
  authTime: number;
}

export interface RefreshTokenStore {
  createFamily(family: RefreshFamily, firstTokenHash: string, now: number, expiresAt: number): Promise<void>;
  /**
   * Marks a live token used and returns its family, in one conditional UPDATE:
   * null when the token is unknown, used, expired or its family revoked.
   */
  consume(tokenHash: string, now: number): Promise<RefreshFamily | null>;
  /** Adds the successor of a consumed token, unless the family was revoked meanwhile (returns false then). */
  addToken(familyId: string, tokenHash: string, now: number, expiresAt: number): Promise<boolean>;
  /** The family of a token whatever its state, for reuse detection and revocation. */
  familyOf(tokenHash: string): Promise<(RefreshFamily & { revokedAt: number | null; tokenUsedAt: number | null }) | null>;
  revokeFamily(familyId: string, now: number, reason: string): Promise<void>;
  revokeAllForUser(userId: string, now: number, reason: string): Promise<number>;
}
