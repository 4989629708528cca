// AdminKeyStore on drizzle.
import { and, eq, isNull } from 'drizzle-orm';
import { adminKeys } from '../../db/sqlite/schema.ts';
import type { AdminKeyStore } from '../core/ports/admin-keys.ts';
import type { Db } from './db.ts';

export function createAdminKeyStore(db: Db): AdminKeyStore {
  return {
    async insert(key) {
      await db.insert(adminKeys).values(key);
    },
    async findLiveByHash(keyHash, now) {
      const [row] = await db.update(adminKeys).set({ lastUsedAt: now })
        .where(and(eq(adminKeys.keyHash, keyHash), isNull(adminKeys.revokedAt)))
        .returning({ id: adminKeys.id, name: adminKeys.name, createdAt: adminKeys.createdAt });
      return row ?? null;
    },
  };
}
