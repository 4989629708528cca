// vitest globalSetup: one migrated template database per run (copied per test, much faster than migrating each);
// at the end it and every database copied from it are dropped, even those a crashed test left.
import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { migratePostgres } from '../../src/storage/postgres-migrations.ts';
import { createPool } from '../../src/runtime/node/open-postgres.ts';
import { databaseUrl, onServer } from './postgres.ts';

const names: string[] = [];

export async function setup(project: TestProject): Promise<void> {
  const name = `cutover_t${randomBytes(4).toString('hex')}`;
  names.push(name);
  await onServer((c) => c.query(`create database ${name}`));
  const pool = createPool(databaseUrl(name), 1);
  try {
    await migratePostgres(pool);
  } finally {
    await pool.end();
  }
  project.provide('pgTemplate', name);
}

export async function teardown(): Promise<void> {
  await onServer(async (c) => {
    for (const name of names.splice(0)) {
      const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${name}%`]);
      for (const { datname } of rows) await c.query(`drop database if exists ${datname} with (force)`);
    }
  });
}
