// The storage drivers every conformance suite runs against: better-sqlite3 (a real file), D1 (Miniflare's local D1)
// and PostgreSQL (a fresh database on the real server).
import { afterAll, beforeAll } from 'vitest';
import { drizzle } from 'drizzle-orm/d1';
import { migrate } from 'drizzle-orm/d1/migrator';
import * as schema from '../../db/sqlite/schema.ts';
import type { Db } from '../../src/storage/db.ts';
import type { Stores } from '../../src/core/ports/index.ts';
import { createStores } from '../../src/storage/index.ts';
import { MIGRATIONS_DIR, openSqlite } from '../../src/runtime/node/open-sqlite.ts';
import { tempDbPath } from './app.ts';
import { openTestPostgres } from './postgres.ts';
import { startD1 } from './d1-over-fetch.ts';

export interface Driver {
  name: string;
  open(): Promise<{ db: Db; close(): Promise<void> }>;
}

export const drivers: Driver[] = [
  {
    name: 'better-sqlite3',
    async open() {
      const { db, sqlite } = openSqlite(tempDbPath());
      return { db, close: async () => void sqlite.close() };
    },
  },
  {
    name: 'd1',
    async open() {
      const { mf, d1 } = startD1();
      try {
        const db = drizzle(d1 as never, { schema });
        await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
        return { db: db as unknown as Db, close: () => mf.dispose() };
      } catch (e) {
        await mf.dispose().catch(() => undefined);
        throw e;
      }
    },
  },
  {
    name: 'postgres',
    async open() {
      const { db, close } = await openTestPostgres();
      return { db, close };
    },
  },
];

/** Opens a fresh database on `driver` for the enclosing describe block, hands its stores to `onOpen`, closes it after. */
export function useStores(driver: Driver, onOpen: (opened: { stores: Stores; db: Db }) => Promise<void> | void): void {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const opened = await driver.open();
    close = opened.close;
    await onOpen({ stores: createStores(opened.db), db: opened.db });
  });
  afterAll(() => close?.());
}
