// Port: the read-only figures the migration report is computed from (imported users, sign-ins, invitations).

/**
 * The audit events successful sign-ins record (with userId): email links and codes (issue 3), passkeys and federated
 * providers (SPEC §10).
 * The report counts these per day; without them it still counts each person's latest sign-in (users.last_sign_in_at).
 */
export const SIGN_IN_AUDIT_TYPES = ['email.sign_in.succeeded', 'passkey.sign_in.succeeded', 'federated.sign_in.succeeded'] as const;

/** How a sign-in event's person signed in: its type's first word (email, passkey, federated). */
export const signInMethodOf = (type: string): string => type.split('.')[0]!;

export interface MigrationTotals {
  /** users of the tenant with at least one legacy (Cognito) link */
  imported: number;
  /** source users kept aside by the import, with a reason */
  conflicts: number;
  /** the rest describe imported users only */
  disabled: number;
  emailVerified: number;
  withPasskey: number;
  signedInSinceImport: number;
  /** imported users SES accepted at least one invitation for */
  invited: number;
  /** imported users an invitation can still reach: enabled, with an email that is not suppressed (SPEC §13) */
  reachable: number;
  /** imported, enabled users without an email: no link, code or invitation can reach them, so they cannot sign in */
  noEmail: number;
}

export interface MigrationDay {
  /** YYYY-MM-DD, UTC */
  date: string;
  signIns: number;
  emailVerified: number;
  passkeysAdded: number;
  /** imported people signing in for the first time since their import (drives the progress curve) */
  firstSignIns: number;
}

export interface MigrationFigures {
  totals: MigrationTotals;
  /** days with any activity, oldest first (gaps are filled by the core) */
  daily: MigrationDay[];
  /** the population the projection is about: imported users that can sign in (enabled) */
  atRisk: { users: number; signedIn: number; exposureDays: number };
  /** earliest import in the tenant, epoch ms */
  firstImportAt: number | null;
}

export interface ReportStore {
  /** Figures for one tenant as of `now`; `since` bounds the daily series. */
  migrationFigures(tenant: string, now: number, since: number): Promise<MigrationFigures>;
}
