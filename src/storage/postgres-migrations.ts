// PostgreSQL migrations (db/postgres/migrations, drizzle-kit's output and drizzle's bookkeeping table), applied in one
// transaction that first takes a transaction-level advisory lock: ten instances starting at once apply them once, the
// others wait and find nothing left to do. No session lock, so it works through RDS Proxy and PgBouncer too.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { inTransaction } from './postgres-db.ts';

export const PG_MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../db/postgres/migrations');

// Any fixed 64-bit number, the same in every instance: "cutover" in ASCII.
const MIGRATION_LOCK = '110386586429810';
const TABLE = 'drizzle.__drizzle_migrations';

/** Applies what is missing; returns how many migrations it applied. */
export async function migratePostgres(pool: pg.Pool, folder = PG_MIGRATIONS_DIR): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  return inTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('create schema if not exists drizzle');
    await client.query(`create table if not exists ${TABLE} (id serial primary key, hash text not null, created_at bigint)`);
    const { rows } = await client.query<{ created_at: string }>(`select created_at from ${TABLE} order by created_at desc limit 1`);
    const last = rows[0] ? Number(rows[0].created_at) : -1;
    let applied = 0;
    for (const m of migrations) {
      if (m.folderMillis <= last) continue;
      for (const statement of m.sql) if (statement.trim()) await client.query(statement);
      await client.query(`insert into ${TABLE} (hash, created_at) values ($1, $2)`, [m.hash, m.folderMillis]);
      applied += 1;
    }
    return applied;
  });
}

/** How many migrations the database still lacks (readiness: an instance is ready only at 0). */
export async function pendingPostgresMigrations(pool: pg.Pool, folder = PG_MIGRATIONS_DIR): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const { rows: [found] } = await pool.query<{ name: string | null }>(`select to_regclass('${TABLE}')::text as name`);
  const last = found?.name
    ? Number((await pool.query<{ last: string | null }>(`select max(created_at) as last from ${TABLE}`)).rows[0]?.last ?? -1)
    : -1;
  return migrations.filter((m) => m.folderMillis > last).length;
}
