// Losing PostgreSQL mid-request: the answer is 503 (`unavailable`), never a 500, and a batch cut off halfway leaves
// nothing written (it is one transaction).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { settings } from '../../db/sqlite/schema.ts';
import { runBatch } from '../../src/storage/db.ts';
import { openTestPostgres, onServer } from '../helpers/postgres.ts';
import { parseEnv } from '../../src/core/shared/config.ts';
import { makeDeps, prepare } from '../../src/runtime/deps.ts';
import { createApp } from '../../src/http/app.ts';

let pg: Awaited<ReturnType<typeof openTestPostgres>>;
const name = () => new URL(pg.url).pathname.slice(1);
const cutOff = (allow: boolean) => onServer(async (c) => {
  await c.query(`alter database ${name()} allow_connections ${allow}`);
  if (!allow) await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name()]);
});

beforeAll(async () => {
  pg = await openTestPostgres(2);
});
afterAll(async () => {
  await cutOff(true);
  await pg.close();
});

it('a batch cut off by a lost connection writes nothing, and says unavailable', async () => {
  const failure = runBatch(pg.db, [
    pg.db.insert(settings).values({ key: 'half', value: 'written' }),
    pg.db.run(sql`select pg_sleep(5)`) as never,
    pg.db.insert(settings).values({ key: 'other', value: 'half' }),
  ]).then(() => null, (e: unknown) => e);
  await new Promise((r) => setTimeout(r, 700));
  await onServer((c) => c.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and query like '%pg_sleep%'`, [name()]));
  expect(await failure).toMatchObject({ code: 'unavailable' });
  expect(await pg.db.select().from(settings).where(eq(settings.key, 'half'))).toEqual([]);
});

it('requests while the database is away answer 503 unavailable, and work again once it is back', async () => {
  const config = parseEnv({ CUTOVER_SECRET: 'test-secret-test-secret-test-secret!', CUTOVER_DATABASE_URL: pg.url });
  const deps = await makeDeps(config, pg.db);
  await prepare(deps);
  const app = createApp(deps);
  const ask = () => app.request('/v1/auth/otp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ada@example.com', clientId: 'account' }) });
  expect((await ask()).status).toBe(202);
  await cutOff(false);
  const away = await ask();
  expect(away.status).toBe(503);
  expect(await away.json()).toMatchObject({ error: 'unavailable' });
  await cutOff(true);
  expect((await ask()).status).toBe(202);
});
