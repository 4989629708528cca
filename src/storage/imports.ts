// ImportStore on drizzle: chunked lookups and one atomic write (runBatch) per import batch.
import { and, desc, eq, getTableColumns, getTableName, gte, inArray, isNull, sql, type Table } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { federatedLinks, importConflicts, importRuns, legacyLinks, users } from '../../db/sqlite/schema.ts';
import type { ExistingLink, ImportLink, ImportStore, ImportTarget, LinkOrigin } from '../core/ports/imports.ts';
import { normalizeEmail } from '../core/shared/email.ts';
import { hasBatch, runBatch, type Db } from './db.ts';
import { dialectOf } from './dialect.ts';
import { toUserRow } from './users.ts';
import { parseJson } from './json.ts';
import { chunks, importStatements, type RawLinkRow, type RawTargetRow, type SqliteClient } from './import-statements.ts';
import { postgresImportLookups } from './import-lookups-postgres.ts';


// The link's origin rides in source_hash ("c:" created, "m:" merged): it decides whose profile a re-import may change.
const encodeHash = (origin: LinkOrigin, hash: string) => `${origin === 'merged' ? 'm' : 'c'}:${hash}`;
function decodeHash(stored: string | null): { origin: LinkOrigin; hash: string } {
  if (stored?.startsWith('m:')) return { origin: 'merged', hash: stored.slice(2) };
  return { origin: 'created', hash: stored?.startsWith('c:') ? stored.slice(2) : (stored ?? '') };
}

const linkRow = (l: ImportLink, now: number) => ({
  userPoolId: l.userPoolId, sub: l.sub, userId: l.userId, username: l.username, status: l.status,
  sourceHash: encodeHash(l.origin, l.sourceHash), createdAt: now, updatedAt: now,
});

const targetColumns = {
  id: users.id, tenant: users.tenant, emailNormalized: users.emailNormalized, emailVerified: users.emailVerified, roles: users.roles,
};
const toTarget = (r: { id: string; tenant: string; emailNormalized: string | null; emailVerified: boolean; roles: string }): ImportTarget =>
  ({ id: r.id, tenant: r.tenant, emailNormalized: r.emailNormalized, emailVerified: r.emailVerified, roles: parseJson(r.roles, []) });
/** A row read by raw SQL (better-sqlite3's statements, PostgreSQL's lookups): booleans come back as 0/1. */
const fromRawTarget = (r: RawTargetRow): ImportTarget => toTarget({ ...r, emailVerified: r.emailVerified === 1 });
const existingLink = (userPoolId: string, r: Pick<RawLinkRow, 'sub' | 'userId' | 'username' | 'status' | 'sourceHash'>, user: ImportTarget): ExistingLink => {
  const { origin, hash } = decodeHash(r.sourceHash);
  return { userPoolId, sub: r.sub, userId: r.userId, username: r.username, status: r.status, sourceHash: hash, origin, user };
};


/** PostgreSQL: `insert … select * from json_populate_recordset(…)`, rows keyed by column name, values as drizzle binds them. */
function asJsonRows<T extends Table>(db: Db, table: T, rows: Array<T['$inferInsert']>): BatchItem<'sqlite'>[] {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table);
  const name = getTableName(table);
  // A column the row leaves out gets the schema's default, as drizzle's own insert would send it.
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(Object.entries(columns).map(([k, c]) => {
    const given = (row as Record<string, unknown>)[k];
    const v = given !== undefined ? given : typeof c.default === 'object' ? undefined : c.default;
    return [c.name, v === undefined || v === null ? null : c.mapToDriverValue(v)];
  }))));
  return [db.run(sql`insert into ${sql.identifier(name)} select * from json_populate_recordset(null::${sql.identifier(name)}, ${json}::json)`) as unknown as BatchItem<'sqlite'>];
}

export function createImportStore(db: Db): ImportStore {
  // D1 binds at most 100 parameters per statement; SQLite itself allows 32766, PostgreSQL 65535.
  const maxParams = hasBatch(db) && dialectOf(db).name === 'sqlite' ? 100 : 30_000;
  const rowsPer = (columns: number) => Math.max(1, Math.floor(maxParams / columns));
  // better-sqlite3: bulk statements through cached prepared statements (see import-statements.ts); D1, PostgreSQL: drizzle.
  const client = hasBatch(db) ? null : ((db as unknown as { $client?: SqliteClient }).$client ?? null);
  const onPostgres = dialectOf(db).name === 'postgres';
  // PostgreSQL: a list as one JSON parameter (a 30,000-parameter IN list costs more to parse than to run).
  const inList = (column: Parameters<typeof inArray>[0], values: string[]) =>
    (onPostgres ? sql`${column} in ${dialectOf(db).jsonList(JSON.stringify(values))}` : inArray(column, values));
  const raw = client ? importStatements(client) : null;
  const pgLookups = onPostgres ? postgresImportLookups(db) : null;

  return {
    async findLinks(userPoolId, subs) {
      const out: ExistingLink[] = [];
      if (raw) {
        return raw.findLinks(userPoolId, subs).map((r) => existingLink(userPoolId, r, fromRawTarget(r)));
      }
      for (const part of chunks(subs, rowsPer(1) - 1)) {
        if (pgLookups) {
          for (const r of await pgLookups.findLinks(userPoolId, part)) out.push(existingLink(userPoolId, r, fromRawTarget(r)));
          continue;
        }
        const rows = await db.select({
          sub: legacyLinks.sub, userId: legacyLinks.userId, username: legacyLinks.username, status: legacyLinks.status,
          sourceHash: legacyLinks.sourceHash, ...targetColumns,
        }).from(legacyLinks).innerJoin(users, eq(users.id, legacyLinks.userId))
          .where(and(eq(legacyLinks.userPoolId, userPoolId), inList(legacyLinks.sub, part)));
        for (const r of rows) out.push(existingLink(userPoolId, r, toTarget(r)));
      }
      return out;
    },

    async findUsersByEmail(tenant, emails) {
      if (raw) return raw.findUsersByEmail(tenant, emails).map(fromRawTarget);
      const out: ImportTarget[] = [];
      // tenant + email_normalized is exactly the users_tenant_email unique index (no collation involved).
      for (const part of chunks(emails, rowsPer(1) - 1)) {
        if (pgLookups) {
          out.push(...(await pgLookups.findUsersByEmail(tenant, part)).map(fromRawTarget));
          continue;
        }
        const rows = await db.select(targetColumns).from(users).where(and(eq(users.tenant, tenant), inList(users.emailNormalized, part)));
        out.push(...rows.map(toTarget));
      }
      return out;
    },

    async apply(w, now) {
      const q: BatchItem<'sqlite'>[] = [];
      for (const part of chunks(w.conflicts, rowsPer(9))) {
        q.push(db.insert(importConflicts).values(part.map((c) => ({ ...c, createdAt: now, updatedAt: now })))
          .onConflictDoUpdate({
            target: [importConflicts.userPoolId, importConflicts.legacySub],
            set: { tenant: sql`excluded.tenant`, username: sql`excluded.username`, email: sql`excluded.email`, reason: sql`excluded.reason`, record: sql`excluded.record`, updatedAt: now },
          }));
      }
      const links = [...w.created.map((c) => c.link), ...w.linksAdded];
      if (raw) {
        q.push(...raw.insert(users, w.created.map((c) => toUserRow(c.user, now))));
        q.push(...raw.insert(legacyLinks, links.map((l) => linkRow(l, now))));
      } else if (onPostgres) {
        // PostgreSQL: a whole batch's rows as one JSON parameter per table, instead of drizzle building a value list.
        q.push(...asJsonRows(db, users, w.created.map((c) => toUserRow(c.user, now))));
        q.push(...asJsonRows(db, legacyLinks, links.map((l) => linkRow(l, now))));
      } else {
        for (const part of chunks(w.created, rowsPer(15))) q.push(db.insert(users).values(part.map((c) => toUserRow(c.user, now))));
        for (const part of chunks(links, rowsPer(8))) q.push(db.insert(legacyLinks).values(part.map((l) => linkRow(l, now))));
      }
      for (const p of w.profilesChanged) {
        q.push(db.update(users).set({
          email: p.email, emailNormalized: p.email === null ? null : normalizeEmail(p.email), emailVerified: p.emailVerified,
          emailVerifiedAt: p.emailVerified ? sql`coalesce(${users.emailVerifiedAt}, ${now})` : null,
          enabled: p.enabled, profile: JSON.stringify(p.profile), attributes: JSON.stringify(p.attributes),
          roles: JSON.stringify(p.roles), identities: JSON.stringify(p.identities), updatedAt: now,
        }).where(eq(users.id, p.id)));
      }
      for (const r of w.rolesChanged) q.push(db.update(users).set({ roles: JSON.stringify(r.roles), updatedAt: now }).where(eq(users.id, r.id)));
      for (const l of w.linksChanged) {
        q.push(db.update(legacyLinks).set({ username: l.username, status: l.status, sourceHash: encodeHash(l.origin, l.sourceHash), updatedAt: now })
          .where(and(eq(legacyLinks.userPoolId, l.userPoolId), eq(legacyLinks.sub, l.sub))));
      }
      if (raw) q.push(...raw.resolveConflicts(w.userPoolId, w.resolved));
      else for (const part of chunks(w.resolved, rowsPer(1) - 1)) {
        q.push(db.delete(importConflicts).where(and(eq(importConflicts.userPoolId, w.userPoolId), inList(importConflicts.legacySub, part))));
      }
      for (const part of chunks(w.federatedLinks ?? [], rowsPer(7))) {
        q.push(db.insert(federatedLinks).values(part.map((l) => ({
          tenant: l.tenant, provider: l.provider, subject: l.subject, userId: l.userId, status: l.trusted ? 'active' : 'untrusted', createdAt: now, updatedAt: now,
        }))).onConflictDoUpdate({
          target: [federatedLinks.tenant, federatedLinks.provider, federatedLinks.subject],
          // a re-import that now finds the email verified trusts the person's link; nobody else's link is taken over
          set: { status: sql`excluded.status`, updatedAt: now },
          setWhere: sql`${federatedLinks.userId} = excluded.user_id and ${federatedLinks.status} = 'untrusted'`,
        }));
      }
      if (w.progress) q.push(db.update(importRuns).set({ cursor: w.progress.cursor, counts: w.progress.counts }).where(eq(importRuns.id, w.progress.runId)));
      await runBatch(db, q);
    },

    async listConflicts(tenant) {
      const base = db.select({
        userPoolId: importConflicts.userPoolId, legacySub: importConflicts.legacySub, tenant: importConflicts.tenant,
        username: importConflicts.username, email: importConflicts.email, reason: importConflicts.reason,
        createdAt: importConflicts.createdAt, updatedAt: importConflicts.updatedAt,
      }).from(importConflicts);
      const rows = tenant === undefined ? await base : await base.where(eq(importConflicts.tenant, tenant));
      return rows.sort((a, b) => a.createdAt - b.createdAt || (a.legacySub < b.legacySub ? -1 : 1));
    },

    async conflictsSince(userPoolId, tenant, since) {
      return db.select({
        userPoolId: importConflicts.userPoolId, legacySub: importConflicts.legacySub, tenant: importConflicts.tenant,
        username: importConflicts.username, email: importConflicts.email, reason: importConflicts.reason,
        createdAt: importConflicts.createdAt, updatedAt: importConflicts.updatedAt,
      }).from(importConflicts).where(and(eq(importConflicts.userPoolId, userPoolId), eq(importConflicts.tenant, tenant), gte(importConflicts.updatedAt, since)));
    },

    async startRun(run) {
      await db.insert(importRuns).values(run);
    },

    async findUnfinishedRun(source, tenant) {
      const [row] = await db.select().from(importRuns)
        .where(and(eq(importRuns.source, source), eq(importRuns.tenant, tenant), isNull(importRuns.finishedAt)))
        .orderBy(desc(importRuns.startedAt)).limit(1);
      return row ?? null;
    },

    async finishRun(id, counts, now) {
      await db.update(importRuns).set({ counts, finishedAt: now }).where(eq(importRuns.id, id));
    },

    async findConflict(userPoolId, legacySub) {
      const [row] = await db.select().from(importConflicts)
        .where(and(eq(importConflicts.userPoolId, userPoolId), eq(importConflicts.legacySub, legacySub)));
      return row ?? null;
    },

    async listRuns(limit) {
      return db.select().from(importRuns).orderBy(desc(importRuns.startedAt)).limit(limit);
    },
  };
}
