// SessionStore on drizzle.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { sessions } from '../../db/sqlite/schema.ts';
import type { SessionStore } from '../core/ports/sessions.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export function createSessionStore(db: Db): SessionStore {
  return {
    async insert(session) {
      await db.insert(sessions).values({ ...session, amr: JSON.stringify(session.amr) });
    },
    async findLive(idHash, now) {
      const [row] = await db.select().from(sessions)
        .where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
      return row ? { idHash: row.idHash, userId: row.userId, amr: parseJson(row.amr, []), createdAt: row.createdAt, expiresAt: row.expiresAt } : null;
    },
    async revoke(idHash, now) {
      await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.idHash, idHash), isNull(sessions.revokedAt)));
    },
    async revokeAllForUser(userId, now) {
      await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    },
  };
}
