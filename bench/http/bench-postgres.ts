// A fresh, migrated PostgreSQL database for a bench run on the local server (BENCH_PG_URL), dropped afterwards.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/storage/db.ts';
import { postgresDb } from '../../src/storage/postgres-db.ts';
import { migratePostgres } from '../../src/storage/postgres-migrations.ts';
import { createPool } from '../../src/runtime/node/open-postgres.ts';

const SERVER = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function onServer(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export interface BenchPostgres {
  url: string;
  db: Db;
  pool: pg.Pool;
  /** Closes this process's pool (the server under test opens its own). */
  release(): Promise<void>;
  drop(): Promise<void>;
}

export async function openBenchPostgres(poolSize = 4): Promise<BenchPostgres> {
  const name = `cutover_bench_${randomBytes(5).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), poolSize);
  await migratePostgres(pool);
  let released = false;
  const release = async () => {
    if (!released) await pool.end();
    released = true;
  };
  return { url: url.toString(), db: postgresDb(pool), pool, release, drop: async () => {
    await release();
    await onServer(`drop database if exists ${name} with (force)`);
  } };
}
