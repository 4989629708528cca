// Opens CUTOVER_DATABASE_URL: a node-postgres pool, checked to answer, migrated when CUTOVER_MIGRATE_ON_START says so.
import pg from 'pg';
import { ConfigError, type Config } from '../../core/shared/config.ts';
import type { Db } from '../../storage/db.ts';
import { pgTypes, postgresDb } from '../../storage/postgres-db.ts';
import { migratePostgres, pendingPostgresMigrations } from '../../storage/postgres-migrations.ts';

export interface OpenedPostgres {
  db: Db;
  pool: pg.Pool;
  /** Null when the database answers and has every migration; else why not (readiness). */
  notReady(): Promise<string | null>;
  close(): Promise<void>;
}

/** The URL without its password, for messages. */
export function describeDatabaseUrl(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
}

export function createPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types: pgTypes, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // An idle connection the server dropped must not take the process down; the next query opens a new one.
  pool.on('error', (e) => console.error(`cutover: an idle PostgreSQL connection failed: ${e.message}`));
  return pool;
}

export async function openPostgres(config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'databaseNamedStatements' | 'migrateOnStart'>, options: { migrate?: boolean } = {}): Promise<OpenedPostgres> {
  const url = config.databaseUrl!;
  const pool = createPool(url, config.databasePoolSize);
  try {
    await pool.query('select 1');
    if (options.migrate ?? config.migrateOnStart) await migratePostgres(pool);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new ConfigError(`CUTOVER_DATABASE_URL: cannot use PostgreSQL at ${describeDatabaseUrl(url)}: ${(e as Error).message}`);
  }
  return {
    db: postgresDb(pool, { namedStatements: config.databaseNamedStatements }),
    pool,
    async notReady() {
      try {
        const pending = await pendingPostgresMigrations(pool);
        return pending === 0 ? null : `${pending} migration(s) not applied (npx cutover migrate)`;
      } catch (e) {
        return `database: ${(e as Error).message}`;
      }
    },
    close: () => pool.end(),
  };
}
