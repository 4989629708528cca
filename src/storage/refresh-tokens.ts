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

  // Prepared once: consume → family → successor runs on every refresh grant.
  const consumeToken = db.update(refreshTokens).set({ usedAt: sql`${sql.placeholder('now')}` })
    .where(and(
      eq(refreshTokens.tokenHash, sql.placeholder('hash')),
      isNull(refreshTokens.usedAt),
      gt(refreshTokens.expiresAt, sql.placeholder('now')),
      notExists(familyRevoked(refreshTokens.familyId)),
    ))
    .returning({ familyId: refreshTokens.familyId }).prepare();
  const familyById = db.select().from(refreshFamilies).where(eq(refreshFamilies.id, sql.placeholder('id'))).limit(1).prepare();
  const insertSuccessor = db.insert(refreshTokens)
    .select(sql`select ${sql.placeholder('hash')}, ${sql.placeholder('familyId')}, ${sql.placeholder('now')}, ${sql.placeholder('expiresAt')}, null
                where not exists (select 1 from ${refreshFamilies} where ${refreshFamilies.id} = ${sql.placeholder('familyId')} and ${refreshFamilies.revokedAt} is not null)`)
    .returning({ tokenHash: refreshTokens.tokenHash }).prepare();

  return {
    async createFamily(family, firstTokenHash, now, expiresAt) {
      await runBatch(db, [
        db.insert(refreshFamilies).values({ ...family, amr: JSON.stringify(family.amr), createdAt: now }),
        db.insert(refreshTokens).values({ tokenHash: firstTokenHash, familyId: family.id, createdAt: now, expiresAt }),
      ]);
    },
    async consume(tokenHash, now) {
      const [used] = await consumeToken.all({ hash: tokenHash, now });
      if (!used) return null;
      const [family] = await familyById.all({ id: used.familyId });
      return family ? toFamily(family) : null;
    },
    async addToken(familyId, tokenHash, now, expiresAt) {
      const rows = await insertSuccessor.all({ hash: tokenHash, familyId, now, expiresAt });
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
