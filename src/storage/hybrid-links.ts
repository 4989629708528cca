// HybridLinkStore on drizzle: legacy links without a hybrid link row are who `hybrid link` still has to link.
import { and, asc, count, eq, gt, isNull } from 'drizzle-orm';
import { hybridLinks, legacyLinks, users } from '../../db/sqlite/schema.ts';
import type { HybridLinkStore } from '../core/ports/hybrid-links.ts';
import type { Db } from './db.ts';

export function createHybridLinkStore(db: Db): HybridLinkStore {
  return {
    async pending(userPoolId, providerName, afterSub, limit) {
      return db.select({ userId: legacyLinks.userId, username: legacyLinks.username, cognitoSub: legacyLinks.sub, email: users.email })
        .from(legacyLinks)
        .innerJoin(users, eq(users.id, legacyLinks.userId))
        .leftJoin(hybridLinks, and(
          eq(hybridLinks.userPoolId, legacyLinks.userPoolId), eq(hybridLinks.providerName, providerName), eq(hybridLinks.username, legacyLinks.username),
        ))
        .where(and(eq(legacyLinks.userPoolId, userPoolId), isNull(hybridLinks.username), afterSub === null ? undefined : gt(legacyLinks.sub, afterSub)))
        .orderBy(asc(legacyLinks.sub))
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
