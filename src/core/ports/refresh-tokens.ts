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
  /** Cognito username of that same link (`cognito:username`) */
  legacyUsername: string | null;
}

/** A family whatever its state, for reuse detection and revocation. */
export interface StoredRefreshFamily extends RefreshFamily {
  revokedAt: number | null;
  /** hash of the family's current token (null when it holds none) */
  tokenHash: string | null;
}

export interface RefreshTokenStore {
  /** Stores a new family; does nothing when its id exists already (revoked ahead by `revokeStartedFamily`). */
  createFamily(family: RefreshFamily, tokenHash: string, now: number, expiresAt: number): Promise<void>;
  /**
   * Single use in one conditional UPDATE: if family `familyId` is live (unrevoked, before its absolute expiry) and
   * either its current token has `tokenHash` (it takes `nextHash` as its token, the old one is remembered) or
   * `tokenHash` is the token the last rotation replaced, less than `graceMs` ago, and `nextHash` is already current
   * (a retry or a second tab: nothing changes), it is returned with its user, client and legacy sub; otherwise null
   * (unknown family, token rotated before, grace over, expired or revoked).
   */
  rotate(familyId: string, tokenHash: string, nextHash: string, now: number, graceMs: number): Promise<RotatedRefreshFamily | null>;
  findFamily(id: string): Promise<StoredRefreshFamily | null>;
  /** The family of a token issued before token texts named their family (frozen table), or null. */
  familyIdOfLegacyToken(tokenHash: string): Promise<string | null>;
  revokeFamily(familyId: string, now: number, reason: string): Promise<void>;
  /**
   * One statement: revokes `family`, or stores it already revoked when the exchange that started it has not stored
   * it yet (a replayed code racing the first exchange), so that exchange's `createFamily` then stores nothing live.
   */
  revokeStartedFamily(family: RefreshFamily, now: number, reason: string): Promise<void>;
  revokeAllForUser(userId: string, now: number, reason: string): Promise<number>;
}
