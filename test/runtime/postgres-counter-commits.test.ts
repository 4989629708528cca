// Rate-limit counters on PostgreSQL commit without waiting for the WAL flush (storage/counter-db.ts); everything
// else keeps durable commits, and the counters still hold across instances as one.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseEnv } from '../../src/core/shared/config.ts';
import { openPostgres, type OpenedPostgres } from '../../src/runtime/node/open-postgres.ts';
import { counterDb } from '../../src/storage/counter-db.ts';
import type { Db } from '../../src/storage/db.ts';
import { createRateLimitStore } from '../../src/storage/rate-limits.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';

let database: TestDatabase;
const instances: OpenedPostgres[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = parseEnv({ CUTOVER_DATABASE_URL: database.url, CUTOVER_DATABASE_POOL_SIZE: '4', CUTOVER_SECRET: 'test-secret-test-secret-test-secret!' });
  // Two instances of the service on one database.
  for (let i = 0; i < 2; i++) instances.push(await openPostgres(config, { migrate: true }));
});

afterAll(async () => {
  for (const opened of instances) await opened.close();
  await database.drop();
});

async function synchronousCommit(db: Db): Promise<string> {
  const rows = (await db.all(sql`select current_setting('synchronous_commit')`)) as unknown[][];
  return String(rows[0][0]);
}

it('writes counters through sessions with synchronous_commit off, and everything else durably', async () => {
  const { db } = instances[0];
  expect(counterDb(db)).not.toBe(db);
  expect(await synchronousCommit(counterDb(db))).toBe('off');
  expect(await synchronousCommit(db)).toBe('on');
});

it('keeps a pool of one (Lambda) to its one connection: the counters share it', async () => {
  const config = parseEnv({ CUTOVER_DATABASE_URL: database.url, CUTOVER_DATABASE_POOL_SIZE: '1', CUTOVER_SECRET: 'test-secret-test-secret-test-secret!' });
  const single = await openPostgres(config, { migrate: false });
  try {
    expect(counterDb(single.db)).toBe(single.db);
    expect(await synchronousCommit(single.db)).toBe('on');
  } finally {
    await single.close();
  }
});

it('counts every hit of one hot key from two instances at once, each visible to the other at once', async () => {
  const [a, b] = instances.map((opened) => createRateLimitStore(opened.db));
  const now = Date.now();
  const hits = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).hitPair(
    { key: 'ip:203.0.113.9', windowMs: 60_000 }, { key: `email:${i}@example.com`, windowMs: 60_000 }, now,
  )));
  // Each hit saw a distinct count: no increment lost or counted twice under the row's contention.
  expect(hits.map(([ip]) => ip.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
  expect(await a.peek('ip:203.0.113.9', 60_000, now)).toBe(60);
  await b.hit('ip:203.0.113.9', 60_000, now);
  expect(await a.peek('ip:203.0.113.9', 60_000, now)).toBe(61);
  await a.release('ip:203.0.113.9', now);
  expect(await b.peek('ip:203.0.113.9', 60_000, now)).toBe(60);
});
