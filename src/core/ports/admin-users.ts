// Port: admin lookups of users with their legacy links and passkeys (SPEC §5).
import type { User } from './users.ts';
import type { AuditEvent } from './audit.ts';

export interface AdminLegacyLink {
  userPoolId: string;
  sub: string;
  username: string;
  status: string | null;
}

/** What an admin may see of a passkey: never the public key, counter or anything usable. */
export interface AdminPasskey {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  backedUp: boolean;
}

export interface AdminUserRecord {
  user: User;
  legacyLinks: AdminLegacyLink[];
  passkeys: AdminPasskey[];
}

export interface AdminUserQuery {
  tenant: string;
  /** normalized */
  email?: string;
  /** normalized; the start of the address */
  emailPrefix?: string;
  role?: string;
  /** Cognito sub of one of the user's legacy links */
  legacySub?: string;
  freshlyMigrated?: boolean;
  /** signed in at least once (true) or never (false) */
  signedIn?: boolean;
  /** ids strictly after this one */
  afterId?: string;
  /** with `emailPrefix`: addresses strictly after this normalized one (a prefix search pages in address order) */
  afterEmail?: string;
  limit: number;
}

export interface AdminUserStore {
  /**
   * Users of a tenant in id order (ULIDs: creation order); an email prefix search in address order, so it walks the
   * (tenant, email) index from the prefix and stops after `limit`, however many addresses share the prefix.
   */
  list(query: AdminUserQuery): Promise<AdminUserRecord[]>;
  findById(id: string): Promise<AdminUserRecord | null>;
  /** Every tenant; the oldest link wins when several pools share the sub. */
  findByLegacySub(sub: string): Promise<AdminUserRecord | null>;
  /** One UPDATE … RETURNING; null (and nothing written) when the user is gone. */
  update(id: string, patch: UserPatch, now: number): Promise<User | null>;
  /**
   * Erases the person in one atomic batch: the user row and everything keyed by it or by the address (links,
   * identities, passkeys, sessions, refresh tokens, codes, challenges, queued mail, invitations, counters, earlier
   * audit entries), and records `audit` in the same batch.
   */
  erase(user: User, audit: AuditEvent, now: number): Promise<void>;
}

/** Profile and attribute values of null remove the key (RFC 7396 merge patch); roles replace the list. */
export interface UserPatch {
  enabled?: boolean;
  profile?: Record<string, string | null>;
  attributes?: Record<string, string | null>;
  roles?: string[];
}
