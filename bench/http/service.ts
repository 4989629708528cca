// The service under load: a SQLite file (or a fresh PostgreSQL database) seeded through the real stores, then
// src/runtime/node/main.ts serving it in a child process, and a load child holding the single-use secrets the seeding minted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { users } from '../../db/sqlite/schema.ts';
import { requireClient } from '../../src/core/clients/clients.ts';
import { parseEnv } from '../../src/core/shared/config.ts';
import type { Deps } from '../../src/core/shared/deps.ts';
import { newUserId } from '../../src/core/shared/crypto.ts';
import { issueEmailChallenges } from '../../src/core/sign-in/issue-email-challenge.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import { makeDeps, prepare } from '../../src/runtime/deps.ts';
import { openSqlite } from '../../src/runtime/node/open-sqlite.ts';
import type { Db } from '../../src/storage/db.ts';
import { openBenchPostgres } from './bench-postgres.ts';
import { toUserRow } from '../../src/storage/users.ts';
import { startLoader, type Loader } from './loader.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

/**
 * Single-use email codes enough for `seconds` of logins at the machine's bound (a login signs two JWTs, so half its
 * signatures per second), with half again as margin: a pool that runs dry voids the figure.
 */
export const codesForBound = (signaturesPerSecond: number, seconds: number) => Math.ceil((signaturesPerSecond / 2) * seconds * 1.5) + 1000;

export interface Seed {
  /** refresh-token chains: one per connection in flight, plus those a run's end leaves unanswered */
  chains?: number;
  /** live email codes, each for a person of its own */
  codes?: number;
  /**
   * people with a live code dated an hour ahead (pool `login-codes`): a sign-in that asks for a code first still
   * answers with this one, as the code its own request mails is older, so never the newest
   */
  loginCodes?: number;
  /** addresses of people who exist (for POST /v1/auth/otp) */
  known?: number;
  /** seeds more through the real deps before the server starts; returns more pools for the load child */
  more?: (deps: Deps) => Promise<Record<string, string[]>>;
}

export interface Service {
  server: ServerProcess;
  loader: Loader;
  /** the JWKS document as the service serves it */
  jwksBody: string;
  stop(): Promise<void>;
}

const CHUNK = 500;

export async function startService(seed: Seed, options: { database?: 'sqlite' | 'postgres' } = {}): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'cutover-bench-http-'));
  const postgres = options.database === 'postgres' ? await openBenchPostgres() : null;
  const env: Record<string, string> = {
    ...(postgres ? { CUTOVER_DATABASE_URL: postgres.url } : {}),
    CUTOVER_DB: join(dir, 'cutover.db'),
    CUTOVER_SECRET: 'bench-secret-bench-secret-bench-secret',
    CUTOVER_ISSUER: 'http://127.0.0.1',
    // Limits out of the way: this measures the work, not the limiter refusing it.
    CUTOVER_RATE_LIMIT_IP: '100000000/15m',
  };
  const opened = postgres ? null : openSqlite(env.CUTOVER_DB, { backgroundCheckpoint: false });
  const sqlite = opened?.sqlite ?? null;
  const db: Db = postgres ? postgres.db : opened!.db;
  const deps = await makeDeps(parseEnv(env), db);
  await prepare(deps);
  const now = deps.clock.now();
  const people = async (prefix: string, n: number) => {
    const rows = Array.from({ length: n }, (_, i) => toUserRow({ id: newUserId(), tenant: 'default', email: `${prefix}${i}@example.com`, emailVerified: true }, now));
    for (let i = 0; i < n; i += CHUNK) await db.insert(users).values(rows.slice(i, i + CHUNK));
    return rows.map((r) => ({ id: r.id, email: r.email! }));
  };

  const pools: Record<string, string[]> = { refresh: [], codes: [], known: (await people('known', seed.known ?? 0)).map((p) => p.email) };
  const user = (await deps.stores.users.insert({ id: newUserId(), tenant: 'default', email: 'chains@example.com', emailVerified: true }, now))!;
  const client = await requireClient(deps, 'account');
  for (let i = 0; i < (seed.chains ?? 0); i++) pools.refresh.push((await issueTokenSet(deps, { user, client, amr: ['otp'] })).refresh_token);
  const coded = await people('code', seed.codes ?? 0);
  for (let i = 0; i < coded.length; i += CHUNK) {
    const batch = coded.slice(i, i + CHUNK);
    const issued = await issueEmailChallenges(deps, batch.map(({ id, email }) => ({
      tenant: 'default', clientId: 'account', emailNormalized: email, userId: id, purpose: 'sign-in',
      redirectUri: null, state: null, codeChallenge: null, linkTtlSeconds: 900, codeTtlSeconds: 600,
    })));
    issued.forEach((c, j) => pools.codes.push(`${batch[j].email} ${c.code}`));
  }
  if (seed.loginCodes) {
    const ahead = await makeDeps(parseEnv(env), db, { clock: { now: () => Date.now() + 3_600_000 } });
    const people2 = await people('login', seed.loginCodes);
    pools['login-codes'] = [];
    for (let i = 0; i < people2.length; i += CHUNK) {
      const batch = people2.slice(i, i + CHUNK);
      const issued = await issueEmailChallenges(ahead, batch.map(({ id, email }) => ({
        tenant: 'default', clientId: 'account', emailNormalized: email, userId: id, purpose: 'sign-in',
        redirectUri: null, state: null, codeChallenge: null, linkTtlSeconds: 900, codeTtlSeconds: 600,
      })));
      issued.forEach((c, j) => pools['login-codes'].push(`${batch[j].email} ${c.code}`));
    }
  }
  if (seed.more) Object.assign(pools, await seed.more(deps));
  const jwksBody = JSON.stringify(await deps.keyring.jwks());
  sqlite?.close();
  await postgres?.release();

  const server = await startServerProcess('app', env);
  const loader = await startLoader();
  await loader.fill(pools);
  return {
    server, loader, jwksBody,
    stop: async () => {
      loader.stop();
      await server.stop();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
