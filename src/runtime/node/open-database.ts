// The database an instance runs on: PostgreSQL when CUTOVER_DATABASE_URL is set, else the embedded SQLite file.
import { sql } from 'drizzle-orm';
import type { Config } from '../../core/shared/config.ts';
import type { Db } from '../../storage/db.ts';
import { openSqlite } from './open-sqlite.ts';
import { describeDatabaseUrl, openPostgres } from './open-postgres.ts';

export interface OpenedDatabase {
  db: Db;
  kind: 'sqlite' | 'postgres';
  /** Where it is, without secrets: a file path or host:port/database. */
  where: string;
  /** Null when ready to serve (answers, migrations current); else why not. */
  notReady(): Promise<string | null>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** One-shot commands checkpoint SQLite inline and never start a thread. */
  backgroundCheckpoint?: boolean;
  /** Overrides CUTOVER_MIGRATE_ON_START (`cutover migrate` always migrates). */
  migrate?: boolean;
}

/** Throws a ConfigError naming CUTOVER_DATABASE_URL when PostgreSQL cannot be reached or migrated. */
export async function openDatabase(config: Config, options: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const pg = await openPostgres(config, { migrate: options.migrate });
    return { db: pg.db, kind: 'postgres', where: describeDatabaseUrl(config.databaseUrl), notReady: pg.notReady, close: pg.close };
  }
  // SQLite migrates on every open: the file is this process's own, no other instance races it.
  const { db, sqlite } = openSqlite(config.dbPath, { backgroundCheckpoint: options.backgroundCheckpoint ?? true });
  return {
    db, kind: 'sqlite', where: config.dbPath,
    async notReady() {
      try {
        await db.run(sql`select 1`);
        return null;
      } catch (e) {
        return `database: ${(e as Error).message}`;
      }
    },
    close: async () => void sqlite.close(),
  };
}
