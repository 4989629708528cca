// Node's embedded database: a better-sqlite3 file, migrated from db/sqlite/migrations on open.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../../db/sqlite/schema.ts';
import type { Db } from '../../storage/db.ts';
import { checkpointInBackground } from './wal-checkpointer.ts';

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../db/sqlite/migrations');

export interface OpenSqliteOptions {
  /** WAL checkpoints on a background thread (default) rather than inside the commit that fills the WAL. */
  backgroundCheckpoint?: boolean;
}

export function openSqlite(path: string, { backgroundCheckpoint = true }: OpenSqliteOptions = {}): { db: Db; sqlite: Database.Database } {
  const inMemory = path === ':memory:';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers run beside the single writer; busy_timeout makes concurrent processes (CLI + server) wait instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Statement journals and temporary b-trees in memory: a multi-row upsert inside a transaction (the SNS notifications'
  // batch) spilled its statement journal past 64 KiB into a temp file, opened, written and unlinked per batch. In
  // memory: 12–15% less CPU per SNS notification ingested (bench "ses events", three alternating runs).
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  // After migrating: the WAL file exists from here until the last connection closes, which the thread relies on.
  if (backgroundCheckpoint && !inMemory) checkpointInBackground(sqlite, resolve(path));
  return { db: db as unknown as Db, sqlite };
}
