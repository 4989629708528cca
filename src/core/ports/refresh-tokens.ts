// Port: refresh-token families (one per sign-in) and their rotating tokens, stored as SHA-256.
import type { Client } from './clients.ts';
import type { User } from './users.ts';

export interface RefreshFamily {
  id: string;
  userId: string;
  clientId: string;
  scope: string;
  amr: string[];
  authTime: number;
}

/** A consumed token's family with what its grant signs, read together: the user, the client and the first legacy sub. */
export interface ConsumedRefreshToken extends RefreshFamily {
  /** null when the user was deleted */
  user: User | null;
  /** null when the client is unknown */
  client: Client | null;
  /** Cognito sub of the user's first legacy link, when there is one */
  legacySub: string | null;
}

export interface RefreshTokenStore {
  createFamily(family: RefreshFamily, firstTokenHash: string, now: number, expiresAt: number): Promise<void>;
  /**
   * Marks a live token used in one conditional UPDATE, then returns its family with the family's user, client and
   * legacy sub: null when the token is unknown, used, expired or its family revoked.
   */
  consume(tokenHash: string, now: number): Promise<ConsumedRefreshToken | null>;
  /** Adds the successor of a consumed token, unless the family was revoked meanwhile (returns false then). */
  addToken(familyId: string, tokenHash: string, now: number, expiresAt: number): Promise<boolean>;
  /** The family of a token whatever its state, for reuse detection and revocation. */
  familyOf(tokenHash: string): Promise<(RefreshFamily & { revokedAt: number | null; tokenUsedAt: number | null }) | null>;
  revokeFamily(familyId: string, now: number, reason: string): Promise<void>;
  revokeAllForUser(userId: string, now: number, reason: string): Promise<number>;
}
