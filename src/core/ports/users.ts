// Port: users and their legacy (Cognito) links.

export interface User {
  id: string;
  tenant: string;
  email: string | null;
  emailVerified: boolean;
  enabled: boolean;
  freshlyMigrated: boolean;
  profile: Record<string, string>;
  attributes: Record<string, string>;
  roles: string[];
  identities: unknown[];
  createdAt: number;
  updatedAt: number;
  lastSignInAt: number | null;
}

export interface LegacyLink {
  userPoolId: string;
  sub: string;
  username: string;
  status: string | null;
  createdAt: number;
}

export interface NewUser {
  id: string;
  tenant: string;
  email: string | null;
  emailVerified: boolean;
  enabled?: boolean;
  freshlyMigrated?: boolean;
  profile?: Record<string, string>;
  attributes?: Record<string, string>;
  roles?: string[];
  identities?: unknown[];
}

export interface UserStore {
  findById(id: string): Promise<User | null>;
  /** Many users in one query (any order; unknown ids are left out). */
  findByIds(ids: string[]): Promise<User[]>;
  /** `emailNormalized` is the lower-cased address (see normalizeEmail). */
  findByEmail(tenant: string, emailNormalized: string): Promise<User | null>;
  /** Inserts; returns null when the (tenant, email) is already taken. */
  insert(user: NewUser, now: number): Promise<User | null>;
  setEnabled(id: string, enabled: boolean, now: number): Promise<boolean>;
  /**
   * Records a sign-in of an enabled user (null when the user is disabled or gone, and nothing changes); when the
   * person proved the email it also becomes verified and no longer freshly migrated.
   */
  recordSignIn(id: string, now: number, emailProven: boolean): Promise<User | null>;
  legacyLinks(userId: string): Promise<LegacyLink[]>;
}
