// CUTOVER_DATABASE_NAMED_STATEMENTS: named server-side statements by default; none at all when off (RDS Proxy pins a
// session to its connection once a named statement is prepared on it).
import { afterAll, expect, it } from 'vitest';
import { parseEnv } from '../../src/core/shared/config.ts';
import { makeDeps } from '../../src/runtime/deps.ts';
import { openPostgres, type OpenedPostgres } from '../../src/runtime/node/open-postgres.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/postgres.ts';

const created: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(created.map((d) => d.drop()));
});

/** Does a store's lookup, twice, on a pool of one connection; then counts what that connection has prepared. */
async function preparedAfterLookups(named: string | undefined): Promise<number> {
  const database = await createTestDatabase();
  created.push(database);
  const config = parseEnv({ CUTOVER_DATABASE_URL: database.url, CUTOVER_DATABASE_POOL_SIZE: '1', CUTOVER_SECRET: 'test-secret-test-secret-test-secret!', ...(named ? { CUTOVER_DATABASE_NAMED_STATEMENTS: named } : {}) });
  const opened: OpenedPostgres = await openPostgres(config, { migrate: true });
  try {
    const deps = await makeDeps(config, opened.db);
    for (let i = 0; i < 2; i++) expect(await deps.stores.users.findByEmail('default', 'nobody@example.com')).toBeNull();
    const { rows } = await opened.pool.query('select count(*)::int as n from pg_prepared_statements');
    return rows[0].n;
  } finally {
    await opened.close();
  }
}

it('prepares the stores\' statements by name by default', async () => {
  expect(await preparedAfterLookups(undefined)).toBeGreaterThan(0);
});

it('prepares nothing by name with CUTOVER_DATABASE_NAMED_STATEMENTS=false', async () => {
  expect(await preparedAfterLookups('false')).toBe(0);
});

it('refuses a value that is not a boolean, naming the variable', () => {
  expect(() => parseEnv({ CUTOVER_DATABASE_NAMED_STATEMENTS: 'sometimes' })).toThrow(/CUTOVER_DATABASE_NAMED_STATEMENTS/);
});
