// PostgreSQL's code try in one statement (data-modifying CTEs): the conditional UPDATE of the newest code and, when it
// matched, the refund of the try it took from the address's failure budget, the person's proven sign-in and its audit event.
import { getTableColumns, sql, SQL, StringChunk, type Placeholder } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { emailChallenges, users } from '../../db/sqlite/schema.ts';
import type { SignInAudit } from '../core/ports/email-challenges.ts';
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
}

type ChallengeRow = typeof emailChallenges.$inferSelect;
const challengeColumns = Object.entries(getTableColumns(emailChallenges));
const userColumns = Object.entries(getTableColumns(users));
const extras = provenSignInExtras(sql`${sql.identifier('users')}.${sql.identifier('id')}`);
const extraKeys = Object.keys(extras) as (keyof typeof extras)[];
const listed = (alias: string, columns: [string, { name: string }][]) =>
  sql.join(columns.map(([, c]) => sql`${sql.identifier(alias)}.${sql.identifier(c.name)}`), sql`, `);
// As drizzle maps a row: each column's driver value through the column (0/1 → boolean for the users' flags).
const rowOf = <T>(columns: [string, { mapFromDriverValue(v: unknown): unknown } | null][], values: unknown[]) =>
  Object.fromEntries(columns.map(([k, c], i) => [k, c && values[i] !== null ? c.mapFromDriverValue(values[i]) : values[i]])) as T;

const p = sql.placeholder;
const renderer = new SQLiteSyncDialect();

/**
 * A statement's text rendered once, its placeholders filled per call: a try builds no nested drizzle SQL (doing so
 * cost about as much main-thread time as a whole statement's round trip). The text is the SQLite dialect's, as every
 * store's, so the driver reads it the same way.
 */
function prerendered(query: SQL): (values: Record<string, unknown>) => SQL {
  const { sql: text, params } = renderer.sqlToQuery(query);
  const pieces = text.split('?').map((piece) => new StringChunk(piece));
  const names = params.map((param) => (param as Placeholder).name);
  if (pieces.length !== names.length + 1) throw new Error('a prerendered statement holds a ? outside its parameters');
  return (values) => {
    const chunks: unknown[] = [pieces[0]];
    names.forEach((name, i) => chunks.push(values[name], pieces[i + 1]));
    return new SQL(chunks as SQL['queryChunks']);
  };
}

function statementFor(refund: boolean, recordSignIn: boolean, audit: boolean) {
  return prerendered(sql`with tried as (
      update email_challenges set attempts = attempts + 1,
        consumed_at = case when code_hash = ${p('codeHash')} then cast(${p('now')} as bigint) else null end
      where id = (select newest.id from email_challenges newest
          where newest.tenant = ${p('tenant')} and newest.email_normalized = ${p('email')} and newest.code_hash is not null
          order by newest.created_at desc, newest.id desc limit 1)
        and consumed_at is null and code_expires_at > ${p('now')} and attempts < ${p('maxAttempts')}
      returning *
    )${refund ? sql`, refunded as (
        update rate_limits set "count" = "count" - 1
        where "key" = ${p('refundKey')} and window_start = ${p('refundWindowStart')} and "count" > 0
          and exists (select 1 from tried where consumed_at is not null)
      )` : sql``}${recordSignIn ? sql`, signed as (
        update users set email_verified = 1, freshly_migrated = 0, updated_at = ${p('now')}, last_sign_in_at = ${p('now')},
          email_verified_at = coalesce(email_verified_at, ${p('now')})
        where id = (select user_id from tried where consumed_at is not null) and enabled = 1
        returning ${listed('users', userColumns)}, ${sql.join(extraKeys.map((k) => sql`${extras[k]} as ${sql.identifier(k)}`), sql`, `)}
      )` : sql``}${recordSignIn && audit ? sql`, audited as (
        insert into audit_events (id, at, type, tenant, user_id, client_id, ip, actor, detail)
        select cast(${p('auditId')} as text), cast(${p('now')} as bigint), cast(${p('auditType')} as text), tried.tenant, signed.id,
          cast(${p('auditClientId')} as text), cast(${p('auditIp')} as text), null,
          cast(cast(${p('auditDetail')} as jsonb) || jsonb_build_object('challengeId', tried.id, 'purpose', tried.purpose) as text)
        from tried join signed on true
      )` : sql``}
    select ${listed('tried', challengeColumns)}${recordSignIn ? sql`, signed.*` : sql``}
    from tried${recordSignIn ? sql` left join signed on true` : sql``}`);
}
const statements = new Map<string, ReturnType<typeof statementFor>>();

/**
 * The row after the try (null when no code was left to try), in drizzle's shape, and with `recordSignIn` the sign-in
 * it recorded: set only when the try consumed a person's code (null when that account is disabled or gone). The
 * refund and the sign-in read the try's RETURNING: they happen only when this very statement consumed the code; the
 * refund, as RateLimitStore.release, only in the window that counted the try and never below zero; the sign-in, as
 * recordProvenSignIn, only for an enabled account.
 */
export async function attemptCodeOnPostgres(db: Db, t: CodeTry): Promise<{ row: ChallengeRow; signIn?: ProvenSignIn | null; signInAudited?: boolean } | null> {
  const audit = t.recordSignIn ? t.auditSignIn : undefined;
  const variant = `${!!t.refund}:${!!t.recordSignIn}:${!!audit}`;
  let statement = statements.get(variant);
  if (!statement) statements.set(variant, statement = statementFor(!!t.refund, !!t.recordSignIn, !!audit));
  const [found] = await db.all<unknown[]>(statement({
    codeHash: t.codeHash, now: t.now, tenant: t.tenant, email: t.email, maxAttempts: t.maxAttempts,
    refundKey: t.refund?.key, refundWindowStart: t.refund?.windowStart,
    ...(audit ? { auditId: newId('evt'), auditType: audit.type, auditClientId: audit.clientId, auditIp: audit.ip, auditDetail: JSON.stringify(audit.detail) } : {}),
  }));
  if (!found) return null;
  const row = rowOf<ChallengeRow>(challengeColumns, found);
  if (!t.recordSignIn || row.consumedAt === null || row.userId === null) return { row };
  const signed = found.slice(challengeColumns.length);
  if (signed[0] === null) return { row, signIn: null };
  const signIn = toProvenSignIn(rowOf([...userColumns, ...extraKeys.map((k): [string, null] => [k, null])], signed));
  return { row, signIn, ...(audit ? { signInAudited: true } : {}) };
}
