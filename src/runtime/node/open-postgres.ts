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

/** Connections an instance keeps for rate-limit counters beside its pool of `poolSize` (none for a pool of one). */
export const countersPoolSize = (poolSize: number) => (poolSize > 1 ? Math.ceil(poolSize / 4) : 0);

export function createPool(url: string, max: number, settings: { synchronousCommit?: 'off' } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url, max, types: pgTypes, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000,
    // A server setting for this pool's sessions, sent when each connection starts (no extra statement per query).
    ...(settings.synchronousCommit ? { options: `-c synchronous_commit=${settings.synchronousCommit}` } : {}),
  });
  // An idle connection the server dropped must not take the process down; the next query opens a new one.
  pool.on('error', (e) => console.error(`cutover: an idle PostgreSQL connection failed: ${e.message}`));
  return pool;
}

/** `counters: false` for upkeep that writes no rate limits (migrate, db copy): no second pool at all. */
export async function openPostgres(config: Pick<Config, 'databaseUrl' | 'databasePoolSize' | 'databaseNamedStatements' | 'migrateOnStart'>, options: { migrate?: boolean; counters?: boolean } = {}): Promise<OpenedPostgres> {
  const url = config.databaseUrl!;
  const pool = createPool(url, config.databasePoolSize);
  // The rate-limit counters' own few connections (storage/counter-db.ts): one bump per sign-in request, each brief.
  // A pool of one (Lambda: one request at a time per execution environment) gets no second connection.
  const counters = options.counters === false ? 0 : countersPoolSize(config.databasePoolSize);
  let countersPool = counters > 0 ? createPool(url, counters, { synchronousCommit: 'off' }) : undefined;
  const end = () => Promise.all([pool.end(), countersPool?.end()]).then(() => undefined);
  try {
    await pool.query('select 1');
    if (options.migrate ?? config.migrateOnStart) await migratePostgres(pool);
  } catch (e) {
    await end().catch(() => undefined);
    throw new ConfigError(`CUTOVER_DATABASE_URL: cannot use PostgreSQL at ${describeDatabaseUrl(url)}: ${(e as Error).message}`);
  }
  try {
    await countersPool?.query('select 1');
  } catch (e) {
    // A pooler that refuses the startup setting (PgBouncer without `options` in ignore_startup_parameters): the
    // counters then share the main pool, with durable commits; correct, only slower under one busy address.
    console.warn(`cutover: rate-limit counters use durable commits (a connection with synchronous_commit=off was refused: ${(e as Error).message})`);
    const refused = countersPool;
    countersPool = undefined;
    await refused?.end().catch(() => undefined);
  }
  return {
    db: postgresDb(pool, { namedStatements: config.databaseNamedStatements, countersPool }),
    pool,
    async notReady() {
      try {
        const pending = await pendingPostgresMigrations(pool);
        return pending === 0 ? null : `${pending} migration(s) not applied (npx cutover migrate)`;
      } catch (e) {
        return `database: ${(e as Error).message}`;
      }
    },
    close: end,
  };
}
