// Fresh databases on the PostgreSQL 15 server the machines run (127.0.0.1:5432, trust auth), each a copy of a
// template migrated once per run (test/helpers/postgres-setup.ts), dropped when the test file ends.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Db } from '../../src/storage/db.ts';
import { postgresDb } from '../../src/storage/postgres-db.ts';
import { migratePostgres } from '../../src/storage/postgres-migrations.ts';
import { createPool } from '../../src/runtime/node/open-postgres.ts';

export const PG_SERVER_URL = process.env.CUTOVER_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database of this run; test databases are copies of it. */
    pgTemplate: string;
  }
}

export async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(PG_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

const template = (): string | undefined => {
  try {
    return inject('pgTemplate');
  } catch {
    return undefined; // outside vitest (a script): an empty database, migrated by the caller
  }
};

/** A new database with a unique name: a copy of the run's migrated template, or empty with `empty`. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase & { migrated: boolean }> {
  const from = options.empty ? undefined : template();
  const name = `${from ?? 'cutover_test'}_${randomBytes(5).toString('hex')}`;
  await onServer((c) => c.query(`create database ${name}${from ? ` template ${from}` : ''}`));
  return { url: databaseUrl(name), name, migrated: !!from, drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await onServer((c) => c.query(`drop database if exists ${name} with (force)`));
}

const opened: Array<() => Promise<void>> = [];
/** Closes and drops every database this file opened (postgres-file-hooks.ts runs it after the file). */
export async function closeOpenedDatabases(): Promise<void> {
  await Promise.all(opened.splice(0).map((close) => close().catch(() => undefined)));
}

/** A migrated fresh database and a Db on it; dropped by `close`, or when the test file ends. */
export async function openTestPostgres(poolSize = 4): Promise<{ db: Db; pool: pg.Pool; url: string; close(): Promise<void> }> {
  const database = await createTestDatabase();
  const pool = createPool(database.url, poolSize);
  if (!database.migrated) await migratePostgres(pool);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await pool.end();
    await database.drop();
  };
  opened.push(close);
  return { db: postgresDb(pool), pool, url: database.url, close };
}
