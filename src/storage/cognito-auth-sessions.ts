// CognitoAuthSessionStore on drizzle.
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { cognitoAuthSessions } from '../../db/sqlite/schema.ts';
import type { CognitoAuthSessionStore, CognitoChallengeName } from '../core/ports/cognito-auth-sessions.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export function createCognitoAuthSessionStore(db: Db): CognitoAuthSessionStore {
  return {
    async insert(session) {
      await db.insert(cognitoAuthSessions).values({ ...session, data: JSON.stringify(session.data) });
    },
    async find(idHash) {
      const [row] = await db.select().from(cognitoAuthSessions).where(eq(cognitoAuthSessions.idHash, idHash));
      return row ? { ...row, challenge: row.challenge as CognitoChallengeName, data: parseJson(row.data, {}) } : null;
    },
    async spend(idHash, now) {
      const rows = await db.update(cognitoAuthSessions).set({ spentAt: now })
        .where(and(eq(cognitoAuthSessions.idHash, idHash), isNull(cognitoAuthSessions.spentAt), gt(cognitoAuthSessions.expiresAt, now)))
        .returning({ idHash: cognitoAuthSessions.idHash });
      return rows.length === 1;
    },
    async purge(before) {
      const rows = await db.delete(cognitoAuthSessions).where(lt(cognitoAuthSessions.expiresAt, before)).returning({ idHash: cognitoAuthSessions.idHash });
      return rows.length;
    },
  };
}
