// AdminUserStore on drizzle: users page by id, then their links and passkeys in one query each.
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { legacyLinks, passkeys, users } from '../../db/sqlite/schema.ts';
import type { AdminUserRecord, AdminUserStore } from '../core/ports/admin-users.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';
import { toUser, type UserRow } from './users.ts';
import { eraseUser, updateUser } from './admin-user-writes.ts';

export function createAdminUserStore(db: Db): AdminUserStore {
  async function withDetails(rows: UserRow[]): Promise<AdminUserRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const links = await db.select({
      userId: legacyLinks.userId, userPoolId: legacyLinks.userPoolId, sub: legacyLinks.sub, username: legacyLinks.username, status: legacyLinks.status,
    }).from(legacyLinks).where(inArray(legacyLinks.userId, ids)).orderBy(asc(legacyLinks.createdAt), asc(legacyLinks.userPoolId), asc(legacyLinks.sub));
    // Only the columns an admin may see: no public key, counter or transports.
    const keys = await db.select({
      userId: passkeys.userId, id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt, backedUp: passkeys.backedUp,
    }).from(passkeys).where(inArray(passkeys.userId, ids)).orderBy(asc(passkeys.createdAt), asc(passkeys.id));
    return rows.map((row) => ({
      user: toUser(row),
      legacyLinks: links.filter((l) => l.userId === row.id).map(({ userId: _u, ...l }) => l),
      passkeys: keys.filter((k) => k.userId === row.id).map(({ userId: _u, ...k }) => k),
    }));
  }

  return {
    async list(q) {
      const where: SQL[] = [eq(users.tenant, q.tenant)];
      if (q.email !== undefined) where.push(eq(users.emailNormalized, q.email));
      // A prefix is a range on the (tenant, email) index, not a LIKE (which SQLite would not index, case-insensitive).
      if (q.emailPrefix !== undefined) where.push(gte(users.emailNormalized, q.emailPrefix), lt(users.emailNormalized, `${q.emailPrefix}\u{10FFFF}`));
      if (q.role !== undefined) where.push(sql`${q.role} in ${dialectOf(db).jsonList(users.roles)}`);
      if (q.legacySub !== undefined) where.push(inArray(users.id, db.select({ id: legacyLinks.userId }).from(legacyLinks).where(eq(legacyLinks.sub, q.legacySub))));
      if (q.freshlyMigrated !== undefined) where.push(eq(users.freshlyMigrated, q.freshlyMigrated));
      if (q.signedIn !== undefined) where.push(q.signedIn ? isNotNull(users.lastSignInAt) : isNull(users.lastSignInAt));
      if (q.afterId !== undefined) where.push(gt(users.id, q.afterId));
      if (q.afterEmail !== undefined) where.push(gt(users.emailNormalized, q.afterEmail));
      const order = q.emailPrefix !== undefined ? asc(users.emailNormalized) : asc(users.id);
      return withDetails(await db.select().from(users).where(and(...where)).orderBy(order).limit(q.limit));
    },
    async findById(id) {
      const [record] = await withDetails(await db.select().from(users).where(eq(users.id, id)));
      return record ?? null;
    },
    async findByLegacySub(sub) {
      const [link] = await db.select({ userId: legacyLinks.userId }).from(legacyLinks)
        .where(eq(legacyLinks.sub, sub)).orderBy(asc(legacyLinks.createdAt)).limit(1);
      return link ? this.findById(link.userId) : null;
    },
    update: (id, patch, now) => updateUser(db, id, patch, now),
    erase: (user, audit, now) => eraseUser(db, user, audit, now),
  };
}
