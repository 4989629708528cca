// Port: admin lookups of users with their legacy links and passkeys (SPEC §5).
import type { User } from './users.ts';

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
  freshlyMigrated?: boolean;
  /** ids strictly after this one */
  afterId?: string;
  limit: number;
}

export interface AdminUserStore {
  /** Users of a tenant in id order (ULIDs: creation order). */
  list(query: AdminUserQuery): Promise<AdminUserRecord[]>;
  findById(id: string): Promise<AdminUserRecord | null>;
  /** Every tenant; the oldest link wins when several pools share the sub. */
  findByLegacySub(sub: string): Promise<AdminUserRecord | null>;
}
