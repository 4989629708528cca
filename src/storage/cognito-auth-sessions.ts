// CognitoAuthSessionStore on drizzle: its three hot statements prepared once (every Amplify sign-in runs each).
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { cognitoAuthSessions } from '../../db/sqlite/schema.ts';
import type { CognitoAuthSessionStore, CognitoChallengeName } from '../core/ports/cognito-auth-sessions.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

const p = sql.placeholder;

export function createCognitoAuthSessionStore(db: Db): CognitoAuthSessionStore {
  const insert = db.insert(cognitoAuthSessions).values({
    idHash: p('idHash'), clientId: p('clientId'), username: p('username'), challenge: p('challenge'), data: p('data'),
    createdAt: p('createdAt'), expiresAt: p('expiresAt'),
  }).prepare();
  const find = db.select().from(cognitoAuthSessions).where(eq(cognitoAuthSessions.idHash, p('idHash'))).prepare();
  const spend = db.update(cognitoAuthSessions).set({ spentAt: sql`${p('now')}` })
    .where(and(eq(cognitoAuthSessions.idHash, p('idHash')), isNull(cognitoAuthSessions.spentAt), gt(cognitoAuthSessions.expiresAt, p('now'))))
    .returning({ idHash: cognitoAuthSessions.idHash }).prepare();
  return {
    async insert(session) {
      await insert.run({ ...session, data: JSON.stringify(session.data) });
    },
    async find(idHash) {
      const [row] = await find.all({ idHash });
      return row ? { ...row, challenge: row.challenge as CognitoChallengeName, data: parseJson(row.data, {}) } : null;
    },
    async spend(idHash, now) {
      return (await spend.all({ idHash, now })).length === 1;
    },
    async purge(before) {
      const rows = await db.delete(cognitoAuthSessions).where(lt(cognitoAuthSessions.expiresAt, before)).returning({ idHash: cognitoAuthSessions.idHash });
      return rows.length;
    },
  };
}
