// AuthCodeStore on drizzle: consumption is one conditional UPDATE … RETURNING.
import { and, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { authCodes } from '../../db/sqlite/schema.ts';
import type { AuthCodeStore } from '../core/ports/auth-codes.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

const p = sql.placeholder;

export function createAuthCodeStore(db: Db): AuthCodeStore {
  // Prepared once: every code exchange runs it (preparing it per call cost more than running it).
  const consumeCode = db.update(authCodes).set({ consumedAt: sql`${p('now')}`, familyId: sql`${p('familyId')}` })
    .where(and(eq(authCodes.codeHash, p('codeHash')), isNull(authCodes.consumedAt), gt(authCodes.expiresAt, p('now'))))
    .returning().prepare();
  return {
    async insert(code) {
      await db.insert(authCodes).values({ ...code, amr: JSON.stringify(code.amr) });
    },
    async consume(codeHash, now, familyId) {
      const [row] = await consumeCode.all({ codeHash, now, familyId });
      if (!row) return null;
      const { consumedAt: _c, familyId: _f, ...code } = row;
      return { ...code, amr: parseJson(row.amr, []) };
    },
    async spentFamily(codeHash) {
      const [row] = await db.select().from(authCodes)
        .where(and(eq(authCodes.codeHash, codeHash), isNotNull(authCodes.consumedAt), isNotNull(authCodes.familyId)));
      if (!row?.familyId) return null;
      return { id: row.familyId, userId: row.userId, clientId: row.clientId, scope: row.scope, amr: parseJson(row.amr, []), authTime: row.authTime };
    },
  };
}
