// Issue 15 benchmark, over HTTP: the people list (first page, a deep page by cursor), a search by email prefix, the
// report and the console's front page, against a tenant of 1,000 and one of 1,000,000 (BENCH_CONSOLE_PEOPLE), both
// served at once by the real service in child processes. Lists: p99 ratio ≤ 1.5; report and front page: ≤ 50×.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '../../src/core/shared/config.ts';
import { grantAdmin } from '../../src/core/admin/grant-admin.ts';
import { cliActor } from '../../src/core/admin/admin-actor.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { encodeCursor } from '../../src/core/admin/cursor.ts';
import { createSession } from '../../src/core/sign-in/sessions.ts';
import { makeDeps, prepare } from '../../src/runtime/deps.ts';
import { openSqlite } from '../../src/runtime/node/open-sqlite.ts';
import { seedPeople } from '../http/seed-people.ts';
import { startServerProcess, type ServerProcess } from '../http/server-process.ts';
import { startLoader, type Loader } from '../http/loader.ts';
import { inRounds, result, type BenchCase, type BenchResult } from '../harness.ts';

const SMALL = 1_000;
const LARGE = Number(process.env.BENCH_CONSOLE_PEOPLE ?? 1_000_000);
const ROUNDS = 3;
const LIST_SAMPLES = 900;
const REPORT_SAMPLES = 150;
const WARMUP = 30;

interface Tenant {
  people: number;
  server: ServerProcess;
  headers: { api: Record<string, string>; console: Record<string, string> };
  deepCursor: string;
  stop(): Promise<void>;
}

async function startTenant(people: number): Promise<Tenant> {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-bench-console-'));
  const env = {
    CUTOVER_DB: join(dir, 'cutover.db'), CUTOVER_SECRET: 'bench-secret-bench-secret-bench-secret',
    CUTOVER_ISSUER: 'http://127.0.0.1', CUTOVER_RATE_LIMIT_IP: '100000000/15m',
  };
  const { db, sqlite } = openSqlite(env.CUTOVER_DB, { backgroundCheckpoint: false });
  const deps = await makeDeps(parseEnv(env), db);
  await prepare(deps);
  const { ids } = seedPeople(sqlite, people, deps.clock.now());
  const { key } = await createAdminKey(deps, 'bench');
  const { userId } = await grantAdmin(deps, cliActor(), 'admin@bench.example');
  const { cookieValue } = await createSession(deps, { userId, amr: ['otp'] });
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  const server = await startServerProcess('app', env);
  return {
    people, server,
    headers: { api: { authorization: `Bearer ${key}` }, console: { cookie: `cutover_admin=${cookieValue}` } },
    // A page nine tenths of the way through the tenant.
    deepCursor: encodeCursor(ids[Math.floor(people * 0.9)]),
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type View = { name: string; path: (t: Tenant) => string; console?: boolean; samples: number; target: string };

const VIEWS: View[] = [
  { name: 'people list, first page', path: () => '/v1/admin/users?limit=50', samples: LIST_SAMPLES, target: '<= 1.5' },
  { name: 'people list, a deep page by cursor', path: (t) => `/v1/admin/users?limit=50&cursor=${t.deepCursor}`, samples: LIST_SAMPLES, target: '<= 1.5' },
  // "ka": one address in sixteen starts so (seededEmail), a full page at both sizes.
  { name: 'people search by email prefix', path: () => '/v1/admin/users?limit=50&emailPrefix=ka', samples: LIST_SAMPLES, target: '<= 1.5' },
  { name: 'migration report', path: () => '/v1/admin/report', samples: REPORT_SAMPLES, target: '<= 50' },
  { name: 'console front page (/admin)', path: () => '/admin', console: true, samples: REPORT_SAMPLES, target: '<= 50' },
];

async function latency(loader: Loader, t: Tenant, view: View, samples: number, warmup: number): Promise<{ p50: number; p99: number }> {
  const r = await loader.run({
    kind: 'get-latency', url: t.server.url, path: view.path(t), headers: view.console ? t.headers.console : t.headers.api, samples, warmup,
  });
  return r.latency!;
}

export const adminConsoleBench: BenchCase = {
  name: 'admin console',
  async run() {
    const seeding = performance.now();
    const [small, large] = [await startTenant(SMALL), await startTenant(LARGE)];
    process.stderr.write(`  seeded ${SMALL} and ${LARGE} people in ${((performance.now() - seeding) / 1000).toFixed(1)} s\n`);
    const loader = await startLoader();
    try {
      const results: BenchResult[] = [];
      for (const view of VIEWS) {
        // The first view of a large tenant's report computes it (seconds at a million): a warm-up, not a sample.
        const rounds = await inRounds(ROUNDS, {
          small: () => latency(loader, small, view, view.samples / ROUNDS, WARMUP),
          large: () => latency(loader, large, view, view.samples / ROUNDS, WARMUP),
        });
        // The best round's p99 of each side (the machine's noise only ever adds); the medians beside, for scale.
        const low = (xs: { p50: number; p99: number }[], k: 'p50' | 'p99') => Math.min(...xs.map((x) => x[k]));
        const [s, l] = [low(rounds.small, 'p99'), low(rounds.large, 'p99')];
        const medians = `median ${low(rounds.large, 'p50').toFixed(2)} vs ${low(rounds.small, 'p50').toFixed(2)} ms`;
        results.push(result(`p99 ${view.name} over HTTP: ${LARGE} people vs ${SMALL} (${medians})`, l, 'ms', s, view.target,
          rounds.large.map((x, i) => x.p99 / rounds.small[i].p99)));
      }
      return results;
    } finally {
      loader.stop();
      await Promise.all([small.stop(), large.stop()]);
    }
  },
};
