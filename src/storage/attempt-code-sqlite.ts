// better-sqlite3's code try in one transaction: the conditional UPDATE of the newest code and, when it matched, the
// refund of the try it took from the address's failure budget, the person's proven sign-in, its audit event and the
// refresh family it starts: the statements each store runs on its own, here one commit instead of five.
import type { ProvenSignIn } from '../core/ports/users.ts';
import type { emailChallenges } from '../../db/sqlite/schema.ts';
import type { Db } from './db.ts';
import { toProvenSignIn } from './users.ts';
import { toAuditRow } from './audit.ts';
import { familyInsertValues } from './refresh-tokens.ts';
import type { CodeTry } from './attempt-code-postgres.ts';

type ChallengeRow = typeof emailChallenges.$inferSelect;
/** A prepared statement as better-sqlite3's drizzle session runs it: synchronously. */
interface SyncPrepared<R = unknown> {
  all(values: Record<string, unknown>): R[];
  run(values: Record<string, unknown>): unknown;
}

/** The stores' own prepared statements the try is made of (better-sqlite3 only: they must answer synchronously). */
export interface SqliteCodeTryParts {
  /** email-challenges.ts's UPDATE … RETURNING of the newest live code (placeholders codeHash, now, tenant, email, maxAttempts) */
  attempt: unknown;
  /** rate-limits.ts's preparedRelease (placeholders key, windowStart) */
  release: unknown;
  /** users.ts's provenSignInUpdate, prepared (placeholders id, now) */
  provenSignIn: unknown;
  /** audit.ts's preparedAuditInsert */
  audit: unknown;
  /** refresh-tokens.ts's preparedFamilyInsert */
  family: unknown;
}

export type TriedOnSqlite = { row: ChallengeRow; signIn?: ProvenSignIn | null; signInAudited?: boolean; familyStarted?: boolean } | null;

/**
 * The try as one IMMEDIATE transaction (the write lock taken at BEGIN, where busy_timeout applies): the refund, the
 * sign-in, the event and the family follow only a try that consumed a person's code, as PostgreSQL's one statement
 * does, and each as its own store writes it. One commit instead of five: a login's WAL locks and frames once, ~37 µs of
 * CPU per login less (measured through the stores, 16,000 logins), and nothing of a login half-written.
 */
export function createSqliteCodeTry(db: Db, parts: SqliteCodeTryParts): (t: CodeTry) => Promise<TriedOnSqlite> {
  const attempt = parts.attempt as SyncPrepared<ChallengeRow>;
  const release = parts.release as SyncPrepared;
  const provenSignIn = parts.provenSignIn as SyncPrepared<Parameters<typeof toProvenSignIn>[0]>;
  const audit = parts.audit as SyncPrepared;
  const family = parts.family as SyncPrepared;
  const client = (db as unknown as { $client: { transaction<A, R>(fn: (a: A) => R): { immediate(a: A): R } } }).$client;

  const tryCode = client.transaction((t: CodeTry): TriedOnSqlite => {
    const [row] = attempt.all({ codeHash: t.codeHash, now: t.now, tenant: t.tenant, email: t.email, maxAttempts: t.maxAttempts });
    if (!row) return null;
    if (row.consumedAt === null) return { row };
    if (t.refund) release.run({ key: t.refund.key, windowStart: t.refund.windowStart });
    if (!t.recordSignIn || row.userId === null) return { row };
    const [signed] = provenSignIn.all({ id: row.userId, now: t.now });
    if (!signed) return { row, signIn: null };
    const signIn = toProvenSignIn(signed);
    const userId = signIn.user.id;
    if (t.auditSignIn) {
      // Its detail gains the tried challenge's id and purpose, as PostgreSQL's statement and proveEmail write them.
      const { type, clientId, ip, detail } = t.auditSignIn;
      audit.run(toAuditRow({ type, tenant: row.tenant, userId, clientId, ip, detail: { ...detail, challengeId: row.id, purpose: row.purpose } }, t.now));
    }
    if (t.startFamily) family.run(familyInsertValues({ ...t.startFamily.family, userId }, t.startFamily.tokenHash, t.now, t.startFamily.expiresAt));
    return { row, signIn, ...(t.auditSignIn ? { signInAudited: true } : {}), ...(t.startFamily ? { familyStarted: true } : {}) };
  });
  return async (t) => tryCode.immediate(t);
}
