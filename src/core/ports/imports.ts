// Port: Cognito import — lookups by legacy link and email, one atomic write per batch, conflicts, runs.
import type { NewUser, User } from './users.ts';

/** The part of an existing user an import decision needs. */
export interface ImportTarget {
  id: string;
  tenant: string;
  emailNormalized: string | null;
  emailVerified: boolean;
  roles: string[];
}

/** `created`: this link brought the user in (its profile follows the source); `merged`: added to an existing person (their profile wins). */
export type LinkOrigin = 'created' | 'merged';

export interface ImportLink {
  userPoolId: string;
  sub: string;
  userId: string;
  username: string;
  status: string | null;
  sourceHash: string;
  origin: LinkOrigin;
}

export interface ExistingLink extends ImportLink {
  user: ImportTarget;
}

export type ImportedProfile = Pick<User, 'id' | 'email' | 'emailVerified' | 'enabled' | 'profile' | 'attributes' | 'roles' | 'identities'>;

export interface ImportConflict {
  userPoolId: string;
  legacySub: string;
  tenant: string;
  username: string | null;
  email: string | null;
  reason: string;
  /** the source record, JSON */
  record: string;
}

export interface StoredImportConflict extends Omit<ImportConflict, 'record'> {
  createdAt: number;
  updatedAt: number;
}

export interface ImportRun {
  id: string;
  source: string;
  tenant: string;
  /** how far the run got: source-defined, e.g. the number of source users committed */
  cursor: string | null;
  counts: string;
  startedAt: number;
  finishedAt: number | null;
}

/** Everything one batch changes; written atomically so a kill -9 leaves whole batches only. */
export interface ImportWrite {
  userPoolId: string;
  created: { user: NewUser; link: ImportLink }[];
  linksAdded: ImportLink[];
  linksChanged: ImportLink[];
  profilesChanged: ImportedProfile[];
  rolesChanged: { id: string; roles: string[] }[];
  conflicts: ImportConflict[];
  /** subs of this pool that are imported now, so any earlier conflict row for them is cleared */
  resolved: string[];
  progress?: { runId: string; cursor: string; counts: string };
  /**
   * Cognito `identities` as (provider, subject) links (SPEC §10); `trusted` false when the user's Cognito email was
   * unverified (usable once the email is proven). An identity already linked to someone else is left alone.
   */
  federatedLinks?: { tenant: string; provider: string; subject: string; userId: string; trusted: boolean }[];
}

export interface ImportStore {
  findLinks(userPoolId: string, subs: string[]): Promise<ExistingLink[]>;
  /** `emails` are normalized (see normalizeEmail). */
  findUsersByEmail(tenant: string, emails: string[]): Promise<ImportTarget[]>;
  /** One atomic write; throws when a unique constraint fails (someone else took an email meanwhile). */
  apply(write: ImportWrite, now: number): Promise<void>;
  /** Conflicts of one tenant, or of every tenant. */
  listConflicts(tenant?: string): Promise<StoredImportConflict[]>;
  conflictsSince(userPoolId: string, tenant: string, since: number): Promise<StoredImportConflict[]>;
  startRun(run: ImportRun): Promise<void>;
  /** The latest unfinished run of this source into this tenant (for --resume). */
  findUnfinishedRun(source: string, tenant: string): Promise<ImportRun | null>;
  finishRun(id: string, counts: string, now: number): Promise<void>;
  /** One conflict with its source record, or null. */
  findConflict(userPoolId: string, legacySub: string): Promise<(ImportConflict & { createdAt: number; updatedAt: number }) | null>;
  /** The latest runs, newest first (the console's import page). */
  listRuns(limit: number): Promise<ImportRun[]>;
}
