// EmailChallengeStore on drizzle: consuming a link and taking a code try are each one conditional UPDATE … RETURNING.
import { and, eq, getTableColumns, gt, isNull, lt, sql } from 'drizzle-orm';
import { emailChallenges } from '../../db/sqlite/schema.ts';
import type { EmailChallenge, EmailChallengePurpose, EmailChallengeStore } from '../core/ports/email-challenges.ts';
import { hasBatch, type Db } from './db.ts';
import { dialectOf, type JsonColumnType } from './dialect.ts';
import { createPostgresCodeTry } from './attempt-code-postgres.ts';
import { createSqliteCodeTry } from './attempt-code-sqlite.ts';
import { preparedRelease, releaseUpdate } from './rate-limits.ts';
import { provenSignInUpdate } from './users.ts';
import { familyInsertFrom, preparedFamilyInsert } from './refresh-tokens.ts';
import { preparedAuditInsert } from './audit.ts';

type Row = typeof emailChallenges.$inferSelect;

function toChallenge(row: Row): EmailChallenge {
  return {
    id: row.id, tenant: row.tenant, clientId: row.clientId, emailNormalized: row.emailNormalized, userId: row.userId,
    purpose: row.purpose as EmailChallengePurpose, redirectUri: row.redirectUri, state: row.state, codeChallenge: row.codeChallenge,
    // only OIDC requests carry these; other challenges leave them out
    ...(row.scope !== null ? { scope: row.scope } : {}), ...(row.nonce !== null ? { nonce: row.nonce } : {}),
    attempts: row.attempts, createdAt: row.createdAt, linkExpiresAt: row.linkExpiresAt, codeExpiresAt: row.codeExpiresAt, consumedAt: row.consumedAt,
  };
}

const p = sql.placeholder;

export function createEmailChallengeStore(db: Db): EmailChallengeStore {
  const dialect = dialectOf(db);
  // Only the newest code sent to the address counts: older ones die when a new one is mailed. `limit 1` written out:
  // drizzle binds .limit(1) as a parameter, SQLite plans with a bound LIMIT's value, and rebinding it expires the
  // statement, so every code try compiled the UPDATE afresh (~170 µs of CPU per try instead of ~50).
  const newest = sql`select newest.id from email_challenges newest
    where newest.tenant = ${p('tenant')} and newest.email_normalized = ${p('email')} and newest.code_hash is not null
    order by newest.created_at desc, ${dialect.insertionOrder('newest')} desc limit 1`;
  // Only the newest mail sent to an address opens it: a resend retires the older links, and so does the sign-in that
  // consumes the newest one. Correlated on the row being consumed (the email_challenges_email index serves it).
  const newestForAddress = sql`${emailChallenges.id} = (select newer.id from email_challenges newer
    where newer.tenant = email_challenges.tenant and newer.email_normalized = email_challenges.email_normalized
    order by newer.created_at desc, ${dialect.insertionOrder('newer')} desc limit 1)`;
  // Both SET expressions read the row as it was: the try is counted whether or not it matches.
  // Prepared once: this runs on every code try.
  const attemptQuery = db.update(emailChallenges)
    .set({
      attempts: sql`${emailChallenges.attempts} + 1`,
      consumedAt: sql`case when ${emailChallenges.codeHash} = ${p('codeHash')} then cast(${p('now')} as bigint) else null end`,
    })
    .where(and(
      sql`${emailChallenges.id} = (${newest})`,
      isNull(emailChallenges.consumedAt),
      gt(emailChallenges.codeExpiresAt, p('now')),
      lt(emailChallenges.attempts, p('maxAttempts')),
    ))
    .returning();
  const attempt = attemptQuery.prepare();
  const releaseHit = preparedRelease(db);
  // The try, its refund, the sign-in it proves, its audit event and refresh family: on PostgreSQL one statement made of
  // the same builders, on better-sqlite3 one transaction of the same statements. D1 (no interactive transaction, and a
  // batch cannot make a statement depend on the one before) leaves the refund to a second statement and the rest to the caller.
  const attemptInOneGo = dialect.name === 'postgres' ? createPostgresCodeTry(db, {
    attempt: attemptQuery, refund: (onlyIf) => releaseUpdate(db, onlyIf), provenSignIn: (id) => provenSignInUpdate(db, id),
    startFamily: (userId, source) => familyInsertFrom(db, userId, source),
  }) : !hasBatch(db) ? createSqliteCodeTry(db, {
    attempt, release: releaseHit, provenSignIn: provenSignInUpdate(db, p('id')).prepare(), audit: preparedAuditInsert(db), family: preparedFamilyInsert(db),
  }) : null;
  // One statement and one bound parameter for any number of rows (D1 allows at most 100 parameters per query),
  // prepared once; columns in table order, as INSERT ... SELECT lists them.
  const columns = Object.fromEntries(Object.entries(getTableColumns(emailChallenges))
    .map(([k, c]): [string, JsonColumnType] => [k, c.dataType === 'number' ? 'bigint' : 'text']));
  const insertMany = db.insert(emailChallenges).select(sql`select ${sql.join(
    Object.keys(columns).map((k) => sql.raw(`rows."${k}"`)), sql`, `,
  )} from ${dialect.jsonRecords(p('rows'), columns, 'rows')}`).prepare();
  return {
    async insert(challenge) {
      // The prepared many-row insert: every sign-in mail stores one (drizzle built and SQLite compiled a fresh INSERT each time).
      await insertMany.run({ rows: JSON.stringify([{ attempts: 0, consumedAt: null, ...challenge }]) });
    },
    async insertMany(challenges) {
      if (challenges.length === 0) return;
      await insertMany.run({ rows: JSON.stringify(challenges.map((c) => ({ attempts: 0, consumedAt: null, ...c }))) });
    },
    async consumeLink(linkHash, now) {
      const [row] = await db.update(emailChallenges).set({ consumedAt: now })
        .where(and(eq(emailChallenges.linkHash, linkHash), isNull(emailChallenges.consumedAt), gt(emailChallenges.linkExpiresAt, now), newestForAddress))
        .returning();
      return row ? { ...toChallenge(row), linkHash: row.linkHash! } : null;
    },
    async findLiveLink(linkHash, now) {
      const [row] = await db.select().from(emailChallenges)
        .where(and(eq(emailChallenges.linkHash, linkHash), isNull(emailChallenges.consumedAt), gt(emailChallenges.linkExpiresAt, now), newestForAddress));
      return row ? toChallenge(row) : null;
    },
    async attemptCode(tenant, emailNormalized, codeHash, now, maxAttempts, options = {}) {
      // PostgreSQL and better-sqlite3 do it all in one go; on D1 the refund follows a try that consumed the code, and
      // the sign-in is left to the caller.
      if (attemptInOneGo && (options.refund || options.recordSignIn)) {
        const tried = await attemptInOneGo({ tenant, email: emailNormalized, codeHash, now, maxAttempts, ...options });
        if (!tried?.row.codeHash) return null;
        return {
          ...toChallenge(tried.row), codeHash: tried.row.codeHash,
          ...(tried.signIn !== undefined ? { signIn: tried.signIn } : {}), ...(tried.signInAudited ? { signInAudited: true } : {}),
          ...(tried.familyStarted ? { familyStarted: true } : {}),
        };
      }
      const [row] = await attempt.all({ tenant, email: emailNormalized, codeHash, now, maxAttempts });
      if (options.refund && row?.consumedAt != null) await releaseHit.run({ key: options.refund.key, windowStart: options.refund.windowStart });
      return row && row.codeHash ? { ...toChallenge(row), codeHash: row.codeHash } : null;
    },
    async retireAll(tenant, emailNormalized, now) {
      await db.update(emailChallenges).set({ consumedAt: now })
        .where(and(eq(emailChallenges.tenant, tenant), eq(emailChallenges.emailNormalized, emailNormalized), isNull(emailChallenges.consumedAt)));
    },
    async consume(id, now) {
      const [row] = await db.update(emailChallenges).set({ consumedAt: now })
        .where(and(eq(emailChallenges.id, id), isNull(emailChallenges.consumedAt))).returning();
      return row ? toChallenge(row) : null;
    },
    async prune(before) {
      const rows = await db.delete(emailChallenges)
        .where(and(lt(emailChallenges.linkExpiresAt, before), lt(emailChallenges.codeExpiresAt, before)))
        .returning({ id: emailChallenges.id });
      return rows.length;
    },
  };
}
