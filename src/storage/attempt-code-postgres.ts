// PostgreSQL's code try in one statement (data-modifying CTEs): the conditional UPDATE of the newest code and, when it
// matched, the refund of the try it took from the address's failure budget, the person's proven sign-in, its audit
// event and the refresh family it starts. Each CTE is the statement its own store runs elsewhere (the parts below);
// only the WITH is written here.
import { getTableColumns, Placeholder, sql, SQL, StringChunk, type SQLWrapper } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { auditEvents, emailChallenges, users } from '../../db/sqlite/schema.ts';
import type { CodeTryOptions, SignInAudit } from '../core/ports/email-challenges.ts';
import type { ProvenSignIn } from '../core/ports/users.ts';
import { newId } from '../core/shared/crypto.ts';
import type { Db } from './db.ts';
import { provenSignInExtras, toProvenSignIn } from './users.ts';

export interface CodeTry {
  tenant: string;
  email: string;
  codeHash: string;
  now: number;
  maxAttempts: number;
  /** the rate-limit counter whose hit a right code gives back, in the window that counted it */
  refund?: { key: string; windowStart: number };
  /** a right code of a known person records their proven sign-in (UserStore.recordProvenSignIn) in the same statement */
  recordSignIn?: boolean;
  /** with recordSignIn: the audit event of the sign-in recorded, in the same statement (CodeTryOptions.auditSignIn) */
  auditSignIn?: SignInAudit;
  /** with recordSignIn: the refresh family the sign-in starts (CodeTryOptions.startFamily) */
  startFamily?: CodeTryOptions['startFamily'];
}

/** The stores' own statements the code try is made of, as their drizzle builders (not prepared). */
export interface CodeTryParts {
  /** the try: email-challenges.ts's UPDATE … RETURNING of the newest live code (placeholders codeHash, now, tenant, email, maxAttempts) */
  attempt: SQLWrapper;
  /** the refund: rate-limits.ts's releaseUpdate, given a further condition (placeholders key, windowStart) */
  refund: (onlyIf: SQL) => SQLWrapper;
  /** the sign-in: users.ts's provenSignInUpdate of the account an SQL expression names (placeholder now) */
  provenSignIn: (id: SQL) => SQLWrapper;
  /** the family: refresh-tokens.ts's familyInsertFrom (placeholders id, clientId, scope, amr, authTime, now, hash, expiresAt) */
  startFamily: (userId: SQL, source: SQL) => SQLWrapper;
}

type ChallengeRow = typeof emailChallenges.$inferSelect;
const challengeColumns = Object.entries(getTableColumns(emailChallenges));
const signedColumns: [string, { mapFromDriverValue(v: unknown): unknown } | null][] = [
  ...Object.entries(getTableColumns(users)), ...Object.keys(provenSignInExtras(sql``)).map((k): [string, null] => [k, null]),
];
const listed = (alias: string, columns: [string, { name: string }][]) =>
  sql.join(columns.map(([, c]) => sql`${sql.identifier(alias)}.${sql.identifier(c.name)}`), sql`, `);
// As drizzle maps a row: each column's driver value through the column (0/1 → boolean for the users' flags).
const rowOf = <T>(columns: [string, { mapFromDriverValue(v: unknown): unknown } | null][], values: unknown[]) =>
  Object.fromEntries(columns.map(([k, c], i) => [k, c && values[i] !== null ? c.mapFromDriverValue(values[i]) : values[i]])) as T;

const p = sql.placeholder;
const renderer = new SQLiteSyncDialect();

/**
 * A statement's text rendered once, its placeholders filled per call (its other parameters are constants of the
 * text): a try builds no nested drizzle SQL, which cost about as much main-thread time as the statement's round trip.
 * The text is the SQLite dialect's, as every store's, so the driver reads it the same way.
 */
function prerendered(query: SQL): (values: Record<string, unknown>) => SQL {
  const { sql: text, params } = renderer.sqlToQuery(query);
  const pieces = text.split('?').map((piece) => new StringChunk(piece));
  if (pieces.length !== params.length + 1) throw new Error('a prerendered statement holds a ? outside its parameters');
  const names = params.map((param) => (param instanceof Placeholder ? param.name : null));
  return (values) => {
    const chunks: unknown[] = [pieces[0]];
    names.forEach((name, i) => chunks.push(name === null ? params[i] : values[name], pieces[i + 1]));
    return new SQL(chunks as SQL['queryChunks']);
  };
}

/** The code try, its variants' statements built once per store; answers as CodeTryOnPostgres below. */
export function createPostgresCodeTry(db: Db, parts: CodeTryParts) {
  const consumed = sql`exists (select 1 from tried where tried.consumed_at is not null)`;
  // The audit event's row, the audit table's columns in order; its detail gains the tried challenge's id and purpose.
  const auditRow = sql`select cast(${p('auditId')} as text), cast(${p('now')} as bigint), cast(${p('auditType')} as text),
      tried.tenant, signed.id, cast(${p('auditClientId')} as text), cast(${p('auditIp')} as text), null,
      cast(cast(${p('auditDetail')} as jsonb) || jsonb_build_object('challengeId', tried.id, 'purpose', tried.purpose) as text)
    from tried join signed on true`;
  // getSQL(): a builder put in a sql`` template as it is comes out in parentheses, as a subquery.
  const statementFor = (refund: boolean, recordSignIn: boolean, audit: boolean, family: boolean) => prerendered(sql`with tried as (${parts.attempt.getSQL()})${
    refund ? sql`, refunded as (${parts.refund(consumed).getSQL()})` : sql``}${
    recordSignIn ? sql`, signed as (${parts.provenSignIn(sql`(select tried.user_id from tried where tried.consumed_at is not null)`).getSQL()})` : sql``}${
    recordSignIn && audit ? sql`, audited as (${db.insert(auditEvents).select(auditRow).getSQL()})` : sql``}${
    recordSignIn && family ? sql`, started as (${parts.startFamily(sql`signed.id`, sql`signed`).getSQL()})` : sql``}
    select ${listed('tried', challengeColumns)}${recordSignIn ? sql`, signed.*` : sql``}
    from tried${recordSignIn ? sql` left join signed on true` : sql``}`);
  const statements = new Map<string, ReturnType<typeof statementFor>>();

  /**
   * The row after the try (null when no code was left to try), in drizzle's shape, and with `recordSignIn` the
   * sign-in it recorded: set only when the try consumed a person's code (null when that account is disabled or
   * gone), and `signInAudited` and `familyStarted` when its audit event and refresh family were written too. The
   * refund, the sign-in, the event and the family read the try's RETURNING: they happen only when this very statement
   * consumed the code; the refund, as RateLimitStore.release, only in the window that counted the try and never below
   * zero; the sign-in, as recordProvenSignIn, only for an enabled account; the event and the family only with that sign-in.
   */
  return async function attemptCodeOnPostgres(t: CodeTry): Promise<{ row: ChallengeRow; signIn?: ProvenSignIn | null; signInAudited?: boolean; familyStarted?: boolean } | null> {
    const audit = t.recordSignIn ? t.auditSignIn : undefined;
    const start = t.recordSignIn ? t.startFamily : undefined;
    const variant = `${!!t.refund}:${!!t.recordSignIn}:${!!audit}:${!!start}`;
    let statement = statements.get(variant);
    if (!statement) statements.set(variant, statement = statementFor(!!t.refund, !!t.recordSignIn, !!audit, !!start));
    const [found] = await db.all<unknown[]>(statement({
      codeHash: t.codeHash, now: t.now, tenant: t.tenant, email: t.email, maxAttempts: t.maxAttempts,
      key: t.refund?.key, windowStart: t.refund?.windowStart,
      ...(audit ? { auditId: newId('evt'), auditType: audit.type, auditClientId: audit.clientId, auditIp: audit.ip, auditDetail: JSON.stringify(audit.detail) } : {}),
      ...(start ? {
        id: start.family.id, clientId: start.family.clientId, scope: start.family.scope, amr: JSON.stringify(start.family.amr),
        authTime: start.family.authTime, hash: start.tokenHash, expiresAt: start.expiresAt,
      } : {}),
    }));
    if (!found) return null;
    const row = rowOf<ChallengeRow>(challengeColumns, found);
    if (!t.recordSignIn || row.consumedAt === null || row.userId === null) return { row };
    const signed = found.slice(challengeColumns.length);
    if (signed[0] === null) return { row, signIn: null };
    return { row, signIn: toProvenSignIn(rowOf(signedColumns, signed)), ...(audit ? { signInAudited: true } : {}), ...(start ? { familyStarted: true } : {}) };
  };
}

export type CodeTryOnPostgres = ReturnType<typeof createPostgresCodeTry>;
