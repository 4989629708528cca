// Port: refresh-token families (one per sign-in), each holding its current rotating token as SHA-256.
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

/** A rotated family with what its grant signs, read together: the user, the client and the first legacy sub. */
export interface RotatedRefreshFamily extends RefreshFamily {
  /** null when the user was deleted */
  user: User | null;
  /** null when the client is unknown */
  client: Client | null;
  /** Cognito sub of the user's first legacy link, when there is one */
  legacySub: string | null;
}

/** A family whatever its state, for reuse detection and revocation. */
export interface StoredRefreshFamily extends RefreshFamily {
  revokedAt: number | null;
  /** hash of the family's current token (null when it holds none) */
  tokenHash: string | null;
}

export interface RefreshTokenStore {
  createFamily(family: RefreshFamily, tokenHash: string, now: number, expiresAt: number): Promise<void>;
  /**
   * Single use in one conditional UPDATE: the live, unrevoked family whose current token has `tokenHash` takes
   * `nextHash` as its token, and is returned with its user, client and legacy sub; null when no family holds that
   * token alive (unknown, already rotated, expired or revoked).
   */
  rotate(tokenHash: string, nextHash: string, now: number, nextExpiresAt: number): Promise<RotatedRefreshFamily | null>;
  findFamily(id: string): Promise<StoredRefreshFamily | null>;
  /** The family whose current token has this hash, whatever its state. */
  familyOfToken(tokenHash: string): Promise<StoredRefreshFamily | null>;
  revokeFamily(familyId: string, now: number, reason: string): Promise<void>;
  revokeAllForUser(userId: string, now: number, reason: string): Promise<number>;
}
