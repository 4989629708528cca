// RefreshTokenStore on drizzle: consumption is one conditional UPDATE, correct under concurrency.
import { and, eq, gt, isNull, notExists, sql } from 'drizzle-orm';
import { clients, refreshFamilies, refreshTokens, users } from '../../db/schema.ts';
import type { RefreshFamily, RefreshTokenStore } from '../core/ports/refresh-tokens.ts';
import type { Db } from './db.ts';
import { LIMIT_ONE } from './limit-one.ts';
import { parseJson } from './json.ts';
import { toClient } from './clients.ts';
import { toUser } from './users.ts';
import { firstLegacySub } from './legacy-sub.ts';

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
  const insertFamily = db.insert(refreshFamilies).values({
    id: sql.placeholder('id'), userId: sql.placeholder('userId'), clientId: sql.placeholder('clientId'), scope: sql.placeholder('scope'),
    amr: sql.placeholder('amr'), authTime: sql.placeholder('authTime'), createdAt: sql.placeholder('now'),
  }).prepare();
  const insertFirstToken = db.insert(refreshTokens).values({
    tokenHash: sql.placeholder('hash'), familyId: sql.placeholder('familyId'), createdAt: sql.placeholder('now'), expiresAt: sql.placeholder('expiresAt'),
  }).prepare();
  // One read for everything the grant signs, instead of four (family, user, client, legacy links).
  const grantOf = db.select({ family: refreshFamilies, user: users, client: clients, legacySub: firstLegacySub(refreshFamilies.userId) })
    .from(refreshFamilies)
    .leftJoin(users, eq(users.id, refreshFamilies.userId))
    .leftJoin(clients, eq(clients.id, refreshFamilies.clientId))
    .where(eq(refreshFamilies.id, sql.placeholder('id'))).prepare();
  const insertSuccessor = db.insert(refreshTokens)
    .select(sql`select ${sql.placeholder('hash')}, ${sql.placeholder('familyId')}, ${sql.placeholder('now')}, ${sql.placeholder('expiresAt')}, null
                where not exists (select 1 from ${refreshFamilies} where ${refreshFamilies.id} = ${sql.placeholder('familyId')} and ${refreshFamilies.revokedAt} is not null)`)
    .returning({ tokenHash: refreshTokens.tokenHash }).prepare();

  return {
    async createFamily(family, firstTokenHash, now, expiresAt) {
      // Two statements, family first: a family whose token insert failed holds no token and so grants nothing.
      await insertFamily.run({ ...family, amr: JSON.stringify(family.amr), now });
      await insertFirstToken.run({ hash: firstTokenHash, familyId: family.id, now, expiresAt });
    },
    async consume(tokenHash, now) {
      const [used] = await consumeToken.all({ hash: tokenHash, now });
      if (!used) return null;
      const [row] = await grantOf.all({ id: used.familyId });
      if (!row) return null;
      return { ...toFamily(row.family), user: row.user && toUser(row.user), client: row.client && toClient(row.client), legacySub: row.legacySub };
    },
    async addToken(familyId, tokenHash, now, expiresAt) {
      const rows = await insertSuccessor.all({ hash: tokenHash, familyId, now, expiresAt });
      return rows.length > 0;
    },
    async familyOf(tokenHash) {
      const [row] = await db.select({ family: refreshFamilies, usedAt: refreshTokens.usedAt })
        .from(refreshTokens).innerJoin(refreshFamilies, eq(refreshFamilies.id, refreshTokens.familyId))
        .where(eq(refreshTokens.tokenHash, tokenHash)).limit(LIMIT_ONE);
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
