// HybridLinkStore on drizzle: legacy links without a hybrid link row are who `hybrid link` still has to link.
import { and, asc, count, eq, gt, isNull, or } from 'drizzle-orm';
import { hybridLinks, legacyLinks, users } from '../../db/sqlite/schema.ts';
import type { HybridLinkStore } from '../core/ports/hybrid-links.ts';
import type { Db } from './db.ts';

export function createHybridLinkStore(db: Db): HybridLinkStore {
  return {
    async pending(userPoolId, providerName, after, limit) {
      const afterCursor = after
        ? or(gt(legacyLinks.userId, after.userId), and(eq(legacyLinks.userId, after.userId), gt(legacyLinks.username, after.username)))
        : undefined;
      return db.select({ userId: legacyLinks.userId, username: legacyLinks.username, email: users.email })
        .from(legacyLinks)
        .innerJoin(users, eq(users.id, legacyLinks.userId))
        .leftJoin(hybridLinks, and(
          eq(hybridLinks.userPoolId, legacyLinks.userPoolId), eq(hybridLinks.providerName, providerName), eq(hybridLinks.username, legacyLinks.username),
        ))
        .where(and(eq(legacyLinks.userPoolId, userPoolId), isNull(hybridLinks.username), afterCursor))
        .orderBy(asc(legacyLinks.userId), asc(legacyLinks.username))
        .limit(limit);
    },
    async record(userPoolId, providerName, person, now) {
      await db.insert(hybridLinks).values({ userPoolId, providerName, username: person.username, userId: person.userId, linkedAt: now }).onConflictDoNothing();
    },
    async count(userPoolId, providerName) {
      const [row] = await db.select({ n: count() }).from(hybridLinks).where(and(eq(hybridLinks.userPoolId, userPoolId), eq(hybridLinks.providerName, providerName)));
      return row?.n ?? 0;
    },
  };
}
