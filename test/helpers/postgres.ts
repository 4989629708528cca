// Fresh databases on the PostgreSQL 15 server the machines run (127.0.0.1:5432, trust auth): one per test file or
// suite, migrated from db/postgres/migrations, dropped afterwards.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/storage/db.ts';
import { postgresDb } from '../../src/storage/postgres-db.ts';
import { migratePostgres } from '../../src/storage/postgres-migrations.ts';
import { createPool } from '../../src/runtime/node/open-postgres.ts';

export const PG_SERVER_URL = process.env.CUTOVER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** An empty database with a unique name; `drop` removes it even if connections are left open. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cutover_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

/** A migrated fresh database and a Db on it. */
export async function openTestPostgres(poolSize = 4): Promise<{ db: Db; pool: pg.Pool; url: string; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const pool = createPool(database.url, poolSize);
  await migratePostgres(pool);
  return {
    db: postgresDb(pool), pool, url: database.url,
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}
