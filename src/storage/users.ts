// UserStore on drizzle (better-sqlite3 and D1).
import { and, eq, getTableColumns, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { federatedLinks, legacyLinks, users } from '../../db/sqlite/schema.ts';
import type { LegacyLink, NewUser, ProvenSignIn, User, UserStore } from '../core/ports/users.ts';
import { normalizeEmail } from '../core/shared/email.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';
import { firstLegacySub, firstLegacyUsername, legacyLinkOrder } from './legacy-sub.ts';
import { parseJson } from './json.ts';

export type UserRow = typeof users.$inferSelect;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    tenant: row.tenant,
    email: row.email,
    emailVerified: row.emailVerified,
    enabled: row.enabled,
    freshlyMigrated: row.freshlyMigrated,
    profile: parseJson(row.profile, {}),
    attributes: parseJson(row.attributes, {}),
    roles: parseJson(row.roles, []),
    identities: parseJson(row.identities, []),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastSignInAt: row.lastSignInAt,
  };
}

export function toUserRow(user: NewUser, now: number): typeof users.$inferInsert {
  return {
    id: user.id,
    tenant: user.tenant,
    email: user.email,
    emailNormalized: user.email ? normalizeEmail(user.email) : null,
    emailVerified: user.emailVerified,
    enabled: user.enabled ?? true,
    freshlyMigrated: user.freshlyMigrated ?? false,
    profile: JSON.stringify(user.profile ?? {}),
    attributes: JSON.stringify(user.attributes ?? {}),
    roles: JSON.stringify(user.roles ?? []),
    identities: JSON.stringify(user.identities ?? []),
    createdAt: now,
    updatedAt: now,
    emailVerifiedAt: user.emailVerified ? now : null,
  };
}

/**
 * What a proven sign-in's UPDATE also returns (UserStore.recordProvenSignIn): untrusted provider links, the first legacy
 * link. `userId` is the signing-in row's id spelled with its table: RETURNING renders columns bare, and a bare "id" in
 * a subquery is the inner table's.
 */
export function provenSignInExtras(userId: SQL) {
  return {
    hasUntrustedLinks: sql<number>`case when exists (select 1 from ${federatedLinks} where ${federatedLinks.userId} = ${userId} and ${federatedLinks.status} = 'untrusted') then 1 else 0 end`,
    legacySub: firstLegacySub(userId),
    legacyUsername: firstLegacyUsername(userId),
  };
}

/** What a proven sign-in sets on the person's row (placeholder `now`). */
const provenSet = {
  lastSignInAt: sql`${sql.placeholder('now')}`, emailVerified: true, freshlyMigrated: false,
  emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${sql.placeholder('now')})`, updatedAt: sql`${sql.placeholder('now')}`,
};

/**
 * The proven sign-in's UPDATE of the enabled account `id` names (a placeholder, or PostgreSQL's code try's subquery),
 * returning the row and, by subqueries, what the rest of an email sign-in would otherwise ask in statements of its own.
 */
export function provenSignInUpdate(db: Db, id: SQL | Placeholder) {
  return db.update(users).set(provenSet).where(and(eq(users.id, id), eq(users.enabled, true)))
    .returning({ ...getTableColumns(users), ...aliased(provenSignInExtras(sql`${sql.identifier('users')}.${sql.identifier('id')}`)) });
}

/** Each expression named by its key (a CTE's columns need names). */
const aliased = <T extends Record<string, SQL>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.as(k)])) as { [K in keyof T]: SQL.Aliased<T[K] extends SQL<infer U> ? U : unknown> };

export function toProvenSignIn(row: UserRow & { hasUntrustedLinks: number; legacySub: string | null; legacyUsername: string | null }): ProvenSignIn {
  const { hasUntrustedLinks, legacySub, legacyUsername, ...user } = row;
  return { user: toUser(user), hasUntrustedLinks: Number(hasUntrustedLinks) === 1, legacy: { sub: legacySub, username: legacyUsername } };
}

export function createUserStore(db: Db): UserStore {
  // Prepared once: these run on every token grant, where drizzle's per-call query building would dominate.
  const byId = db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare();
  // Every sign-in mail looks its address up (the background drain, one per POST /v1/auth/otp).
  const byEmail = db.select().from(users)
    .where(and(eq(users.tenant, sql.placeholder('tenant')), eq(users.emailNormalized, sql.placeholder('email')))).prepare();
  // json_each keeps the list one bound parameter, whatever its length (D1 allows at most 100 per query).
  const byIds = db.select().from(users).where(sql`${users.id} in ${dialectOf(db).jsonList(sql.placeholder('ids'))}`).prepare();
  const linksOf = db.select({
    userPoolId: legacyLinks.userPoolId, sub: legacyLinks.sub, username: legacyLinks.username,
    status: legacyLinks.status, createdAt: legacyLinks.createdAt,
  }).from(legacyLinks).where(eq(legacyLinks.userId, sql.placeholder('userId')))
    .orderBy(...legacyLinkOrder).prepare();
  // Only an enabled account signs in: the check and the record are one statement.
  const enabledUser = and(eq(users.id, sql.placeholder('id')), eq(users.enabled, true));
  const signedIn = db.update(users).set({ lastSignInAt: sql`${sql.placeholder('now')}` })
    .where(enabledUser).returning().prepare();
  const signedInProven = db.update(users).set(provenSet).where(enabledUser).returning().prepare();
  const provenSignIn = provenSignInUpdate(db, sql.placeholder('id')).prepare();
  return {
    async findById(id) {
      const [row] = await byId.all({ id });
      return row ? toUser(row) : null;
    },
    async findByIds(ids) {
      return ids.length === 0 ? [] : (await byIds.all({ ids: JSON.stringify(ids) })).map(toUser);
    },
    async findByEmail(tenant, emailNormalized) {
      const [row] = await byEmail.all({ tenant, email: emailNormalized });
      return row ? toUser(row) : null;
    },
    async insert(user, now) {
      const rows = await db.insert(users).values(toUserRow(user, now)).onConflictDoNothing().returning();
      return rows[0] ? toUser(rows[0]) : null;
    },
    async setEnabled(id, enabled, now) {
      const rows = await db.update(users).set({ enabled, updatedAt: now }).where(eq(users.id, id)).returning({ id: users.id });
      return rows.length > 0;
    },
    async recordSignIn(id, now, emailProven) {
      const rows = await (emailProven ? signedInProven : signedIn).all({ id, now });
      return rows[0] ? toUser(rows[0]) : null;
    },
    async recordProvenSignIn(id, now): Promise<ProvenSignIn | null> {
      const [row] = await provenSignIn.all({ id, now });
      return row ? toProvenSignIn(row) : null;
    },
    async legacyLinks(userId): Promise<LegacyLink[]> {
      return linksOf.all({ userId });
    },
  };
}
