// SettingsStore on drizzle.
import { eq } from 'drizzle-orm';
import { settings } from '../../db/sqlite/schema.ts';
import type { SettingsStore } from '../core/ports/settings.ts';
import type { Db } from './db.ts';

export function createSettingsStore(db: Db): SettingsStore {
  const get = async (key: string) => (await db.select().from(settings).where(eq(settings.key, key)))[0]?.value ?? null;
  return {
    get,
    async getOrInit(key, value) {
      await db.insert(settings).values({ key, value }).onConflictDoNothing();
      return (await get(key))!;
    },
  };
}
