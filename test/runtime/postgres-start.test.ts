// CUTOVER_DATABASE_URL at the edges: a bad or unreachable URL stops the server in one line naming the variable;
// `cutover migrate` raced by several processes ends in one schema; `cutover db copy` moves a SQLite deployment whole.
import { spawnSync } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { makeTestApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { SERVER_ENTRY, TSX } from '../helpers/instances.ts';
import { createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/postgres.ts';
import { seedUser } from '../helpers/users.ts';
import { PG_MIGRATIONS_DIR } from '../../src/storage/postgres-migrations.ts';
import { tablesInCopyOrder } from '../../src/runtime/node/copy-sqlite-to-postgres.ts';

const created: TestDatabase[] = [];
const emptyDatabase = async () => {
  const d = await createTestDatabase({ empty: true });
  created.push(d);
  return d;
};
afterAll(async () => {
  await Promise.all(created.map((d) => d.drop()));
});

const start = (url: string) => spawnSync(process.execPath, [TSX, SERVER_ENTRY], {
  env: { ...process.env, CUTOVER_DATABASE_URL: url, CUTOVER_DB: '/nonexistent/never-opened.db' }, encoding: 'utf8', timeout: 30_000,
});

it.each([
  ['an unreachable server', 'postgres://cutover:secret-pw@127.0.0.1:1/cutover'],
  ['a database that does not exist', databaseUrl('cutover_no_such_database')],
  ['not a PostgreSQL URL', 'mysql://cutover@127.0.0.1/cutover'],
])('%s stops the server with one line naming CUTOVER_DATABASE_URL, no stack, no password', (_name, url) => {
  const r = start(url);
  expect(r.status).toBe(1);
  const errors = r.stderr.split('\n').filter((l) => l && !l.includes('WARNING'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^cutover: CUTOVER_DATABASE_URL[: ]/);
  expect(r.stderr).not.toMatch(/\n\s+at |secret-pw/);
});

it('migrations raced by five processes at once end in one schema, without an error', async () => {
  const db = await emptyDatabase();
  const runs = await Promise.all(Array.from({ length: 5 }, () => runCli(['migrate', '--json'], { CUTOVER_DATABASE_URL: db.url })));
  expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
  const expected = readMigrationFiles({ migrationsFolder: PG_MIGRATIONS_DIR }).length;
  // Exactly one process applied them; the others found nothing left.
  expect(runs.map((r) => r.json().applied).sort()).toEqual([0, 0, 0, 0, expected]);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    expect((await client.query('select count(*)::int as n from drizzle.__drizzle_migrations')).rows[0].n).toBe(expected);
    expect((await client.query(`select count(*)::int as n from information_schema.tables where table_schema = 'public'`)).rows[0].n).toBe(tablesInCopyOrder().length);
  } finally {
    await client.end();
  }
});

it('cutover db copy moves every person, key and passkey of a SQLite deployment, and refuses a database in use', async () => {
  const t = await makeTestApp({ CUTOVER_DB: undefined });
  const people = [];
  for (let i = 0; i < 25; i++) people.push(await seedUser(t.deps, { freshlyMigrated: i % 2 === 0, profile: { given_name: `P${i}` } }));
  await t.deps.stores.passkeys.insert({
    id: 'cred-1', userId: people[3]!.id, publicKey: 'pQECAyYgASFYIA', counter: 7, transports: ['internal'], aaguid: null,
    deviceType: 'multiDevice', backupEligible: true, backedUp: true, name: 'Laptop', flaggedAt: null, createdAt: 5, lastUsedAt: null,
  });
  // A table WITHOUT ROWID (SNS replay protection) is copied too.
  expect(await t.deps.stores.mailEvents.claimSnsMessage({ messageId: 'sns-1', sentAt: 1_765_000_000_000 })).toBe(true);
  const db = await emptyDatabase();
  const copied = await runCli(['db', 'copy', '--from-sqlite', t.dbPath, '--json'], { CUTOVER_DATABASE_URL: db.url });
  expect(copied.code, copied.stderr).toBe(0);
  const tables = Object.fromEntries((copied.json().tables as { table: string; source: number; copied: number }[]).map((r) => [r.table, r]));
  expect(tables.users).toEqual({ table: 'users', source: 25, copied: 25 });
  expect(tables.sns_message_ids).toEqual({ table: 'sns_message_ids', source: 1, copied: 1 });

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const ids = (await client.query('select id from users order by id')).rows.map((r) => r.id);
    expect(ids).toEqual(people.map((p) => p.id).sort());
    const keys = (await client.query('select kid, private_jwk from signing_keys')).rows;
    const sqliteKeys = await t.deps.stores.signingKeys.all();
    expect(keys.map((k) => k.kid).sort()).toEqual(sqliteKeys.map((k) => k.kid).sort());
    expect(JSON.parse(keys[0].private_jwk)).toEqual(sqliteKeys.find((k) => k.kid === keys[0].kid)!.privateJwk);
    const [passkey] = (await client.query('select user_id, counter, backed_up, public_key from passkeys')).rows;
    expect(passkey).toEqual({ user_id: people[3]!.id, counter: '7', backed_up: 1, public_key: 'pQECAyYgASFYIA' });
    expect((await client.query('select sent_at, message_id from sns_message_ids')).rows).toEqual([{ sent_at: '1765000000000', message_id: 'sns-1' }]);
  } finally {
    await client.end();
  }
  const again = await runCli(['db', 'copy', '--from-sqlite', t.dbPath], { CUTOVER_DATABASE_URL: db.url });
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/already has rows in \w+: copy only into an empty database/);
});
