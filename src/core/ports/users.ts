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

/** The Cognito identity a user's tokens carry (`legacy_sub`, `cognito:username`): their first legacy link, or nulls. */
export interface LegacyIdentity {
  sub: string | null;
  username: string | null;
}

/** A sign-in that proved the email, with what the same statement read for the rest of the sign-in. */
export interface ProvenSignIn {
  user: User;
  /** provider links imported from an unverified email wait for this proof (FederationStore.trustLinks) */
  hasUntrustedLinks: boolean;
  legacy: LegacyIdentity;
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
  /**
   * recordSignIn(id, now, true), reading in the same statement whether provider links wait to be trusted and the
   * legacy identity for the tokens, so an email sign-in needs no further round trip for them (null as recordSignIn).
   */
  recordProvenSignIn(id: string, now: number): Promise<ProvenSignIn | null>;
  legacyLinks(userId: string): Promise<LegacyLink[]>;
}
