// AuthCodeStore on drizzle: consumption is one conditional UPDATE … RETURNING.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { authCodes } from '../../db/sqlite/schema.ts';
import type { AuthCodeStore } from '../core/ports/auth-codes.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export function createAuthCodeStore(db: Db): AuthCodeStore {
  return {
    async insert(code) {
      await db.insert(authCodes).values({ ...code, amr: JSON.stringify(code.amr) });
    },
    async consume(codeHash, now) {
      const [row] = await db.update(authCodes).set({ consumedAt: now })
        .where(and(eq(authCodes.codeHash, codeHash), isNull(authCodes.consumedAt), gt(authCodes.expiresAt, now)))
        .returning();
      if (!row) return null;
      const { consumedAt: _, ...code } = row;
      return { ...code, amr: parseJson(row.amr, []) };
    },
  };
}
