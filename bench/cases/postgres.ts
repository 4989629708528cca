// SPEC §9 benchmarks: refresh grants and email-code logins over real sockets with the service on PostgreSQL vs the
// same on SQLite, measured in the same run; and the import into PostgreSQL vs a raw batched insert of the same rows
// from the same process (BENCH_PG_IMPORT_USERS, default 100,000; set 1000000 for the issue's figure).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { measure } from '../http/measure.ts';
import { codesForBound, startService, type Service } from '../http/service.ts';
import { openBenchPostgres } from '../http/bench-postgres.ts';
import { startSigningPool } from '../signing/signing-pool.ts';
import { best, inRounds, rates, ratios, result, type BenchCase } from '../harness.ts';
import { generatedUser, writeUsersFile } from '../../test/helpers/generate-users.ts';
import { mapCognitoUser } from '../../src/core/import/import-mapping.ts';

const ROUNDS = 3;
const SECONDS = 3;
const CONNECTIONS = 32;
/** As bench/cases/email-otp.ts: a login's path reaches its steady pace after a few seconds of V8 compiling it. */
const LOGIN_WARMUP_SECONDS = 4;
const IMPORT_USERS = Number(process.env.BENCH_PG_IMPORT_USERS ?? 100_000);
const CHILD = fileURLToPath(new URL('../import-child.ts', import.meta.url));

async function httpFigures() {
  // Codes for the warm-up and every round at the machine's bound: a fixed 1,200 logins/s ran dry once signatures got
  // three times cheaper.
  const pool = await startSigningPool();
  const bound = await pool.allCores(1000).finally(() => pool.stop());
  const seed = { chains: CONNECTIONS * (ROUNDS + 2), codes: codesForBound(bound.perSecond, SECONDS * ROUNDS + LOGIN_WARMUP_SECONDS) };
  const services: Service[] = [];
  try {
    const sqlite = await startService(seed);
    services.push(sqlite);
    const postgres = await startService(seed, { database: 'postgres' });
    services.push(postgres);
    const grants = (s: Service) => () => measure(s.loader, s.server, { kind: 'refresh', url: s.server.url, connections: CONNECTIONS, seconds: SECONDS });
    const logins = (s: Service) => () => measure(s.loader, s.server, { kind: 'verify', url: s.server.url, connections: CONNECTIONS, seconds: SECONDS });
    for (const s of services) {
      await grants(s)();
      await s.loader.run({ kind: 'verify', url: s.server.url, connections: CONNECTIONS, seconds: LOGIN_WARMUP_SECONDS });
    }
    const r = await inRounds(ROUNDS, { pgGrants: grants(postgres), liteGrants: grants(sqlite), pgLogins: logins(postgres), liteLogins: logins(sqlite) });
    return [
      result('refresh grants over HTTP: PostgreSQL vs SQLite', best(r.pgGrants), 'grants/s', best(r.liteGrants), '>= 0.7', ratios(rates(r.pgGrants), rates(r.liteGrants))),
      result('email code logins over HTTP: PostgreSQL vs SQLite', best(r.pgLogins), 'logins/s', best(r.liteLogins), '>= 0.7', ratios(rates(r.pgLogins), rates(r.liteLogins))),
    ];
  } finally {
    for (const s of services) await s.stop();
  }
}

function okUser(i: number) {
  const m = mapCognitoUser(generatedUser(i), [], '');
  if (!m.ok) throw new Error('bench data must map');
  return m.user;
}

/** The import's rows for these users, as multi-row INSERTs of 1,000 users (and their links) per transaction. */
async function rawInsert(): Promise<number> {
  const target = await openBenchPostgres(1);
  const client = await target.pool.connect();
  let timed = 0;
  const now = Date.now();
  try {
    for (let start = 0; start < IMPORT_USERS; start += 1000) {
      const users: unknown[] = [];
      const links: unknown[] = [];
      let n = 0;
      for (let i = start; i < Math.min(IMPORT_USERS, start + 1000); i++, n++) {
        const u = okUser(i);
        const id = `usr_${String(i).padStart(26, '0')}`;
        users.push(id, u.email, u.emailNormalized, u.emailVerified ? 1 : 0, u.enabled ? 1 : 0, JSON.stringify(u.profile), JSON.stringify(u.attributes), now, now, u.emailVerified ? now : null);
        links.push(u.sub, id, u.username, u.status, `c:${u.hash}`, now, now);
      }
      const marks = (rows: number, cols: number, fixed: (i: number) => string) => Array.from({ length: rows }, (_, r) => fixed(r * cols)).join(',');
      const userSql = `insert into users (id, tenant, email, email_normalized, email_verified, enabled, freshly_migrated, profile, attributes, roles, identities, created_at, updated_at, email_verified_at) values ${
        marks(n, 10, (b) => `($${b + 1}, 'default', $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, 1, $${b + 6}, $${b + 7}, '[]', '[]', $${b + 8}, $${b + 9}, $${b + 10})`)}`;
      const linkSql = `insert into legacy_links (user_pool_id, sub, user_id, username, status, source_hash, created_at, updated_at) values ${
        marks(n, 7, (b) => `('us-east-1_Bench', $${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`)}`;
      const t0 = performance.now();
      await client.query('begin');
      await client.query(userSql, users);
      await client.query(linkSql, links);
      await client.query('commit');
      timed += performance.now() - t0;
    }
  } finally {
    client.release();
    await target.drop();
  }
  return IMPORT_USERS / (timed / 1000);
}

async function importFigures() {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-bench-pg-import-'));
  const target = await openBenchPostgres(1);
  try {
    const file = join(dir, 'users.json');
    await writeUsersFile(file, IMPORT_USERS);
    await target.release();
    const before = await rawInsert();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, file, join(dir, 'unused.db')], {
      maxBuffer: 1 << 20, env: { ...process.env, CUTOVER_DATABASE_URL: target.url },
    });
    const baseline = (before + await rawInsert()) / 2;
    const child = JSON.parse(stdout.trim().split('\n').pop()!) as { ms: number; rows: number; maxRssMb: number };
    if (child.rows !== IMPORT_USERS) throw new Error(`postgres import bench: expected ${IMPORT_USERS} users, found ${child.rows}`);
    return [
      result(`import ${IMPORT_USERS.toLocaleString('en')} users (file → PostgreSQL) vs raw batched INSERTs of the same rows`, IMPORT_USERS / (child.ms / 1000), 'users/s', baseline, '>= 0.3'),
      result('import into PostgreSQL: peak RSS', child.maxRssMb, 'MB', 300, '<= 1'),
    ];
  } finally {
    await target.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const postgresBench: BenchCase = {
  name: 'postgres',
  async run() {
    return [...await httpFigures(), ...await importFigures()];
  },
};
