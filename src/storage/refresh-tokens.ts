// RefreshTokenStore on drizzle: consumption is one conditional UPDATE, correct under concurrency.
import { and, eq, gt, isNull, notExists, sql } from 'drizzle-orm';
import { refreshFamilies, refreshTokens } from '../../db/schema.ts';
import type { RefreshFamily, RefreshTokenStore } from '../core/ports/refresh-tokens.ts';
import { runBatch, type Db } from './db.ts';
import { parseJson } from './json.ts';

type FamilyRow = typeof refreshFamilies.$inferSelect;
const toFamily = (r: FamilyRow): RefreshFamily => ({ id: r.id, userId: r.userId, clientId: r.clientId, scope: r.scope, amr: parseJson(r.amr, []), authTime: r.authTime });

export function createRefreshTokenStore(db: Db): RefreshTokenStore {
  const familyRevoked = (familyId: typeof refreshTokens.familyId | string) =>
    db.select({ one: sql`1` }).from(refreshFamilies)
      .where(and(eq(refreshFamilies.id, familyId), sql`${refreshFamilies.revokedAt} is not null`));

  return {
    async createFamily(family, firstTokenHash, now, expiresAt) {
      await runBatch(db, [
        db.insert(refreshFamilies).values({ ...family, amr: JSON.stringify(family.amr), createdAt: now }),
        db.insert(refreshTokens).values({ tokenHash: firstTokenHash, familyId: family.id, createdAt: now, expiresAt }),
      ]);
    },
    async consume(tokenHash, now) {
      const [used] = await db.update(refreshTokens).set({ usedAt: now })
        .where(and(
          eq(refreshTokens.tokenHash, tokenHash),
          isNull(refreshTokens.usedAt),
          gt(refreshTokens.expiresAt, now),
          notExists(familyRevoked(refreshTokens.familyId)),
        ))
        .returning({ familyId: refreshTokens.familyId });
      if (!used) return null;
      const [family] = await db.select().from(refreshFamilies).where(eq(refreshFamilies.id, used.familyId)).limit(1);
      return family ? toFamily(family) : null;
    },
    async addToken(familyId, tokenHash, now, expiresAt) {
      const rows = await db.insert(refreshTokens)
        .select(sql`select ${tokenHash}, ${familyId}, ${now}, ${expiresAt}, null
                    where not exists (select 1 from ${refreshFamilies} where ${refreshFamilies.id} = ${familyId} and ${refreshFamilies.revokedAt} is not null)`)
        .returning({ tokenHash: refreshTokens.tokenHash });
      return rows.length > 0;
    },
    async familyOf(tokenHash) {
      const [row] = await db.select({ family: refreshFamilies, usedAt: refreshTokens.usedAt })
        .from(refreshTokens).innerJoin(refreshFamilies, eq(refreshFamilies.id, refreshTokens.familyId))
        .where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
      return row ? { ...toFamily(row.family), revokedAt: row.family.revokedAt, tokenUsedAt: row.usedAt } : null;
    },
    async revokeFamily(familyId, now, reason) {
      await db.update(refreshFamilies).set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(refreshFamilies.id, familyId), isNull(refreshFamilies.revokedAt)));
    },
    async revokeAllForUser(userId, now, reason) {
      const rows = await db.update(refreshFamilies).set({ revokedAt: now, revokedReason: reason })
        .where(and(eq(refreshFamilies.userId, userId), isNull(refreshFamilies.revokedAt)))
        .returning({ id: refreshFamilies.id });
      return rows.length;
    },
  };
}
