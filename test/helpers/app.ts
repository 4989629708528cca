// Builds the real app on a real SQLite file (migrated from db/sqlite/migrations), or with CUTOVER_TEST_DATABASE=postgres
// (the `postgres` test project) on a fresh PostgreSQL database; optionally served over real HTTP.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { parseEnv, type Env } from '../../src/core/shared/config.ts';
import type { Deps } from '../../src/core/shared/deps.ts';
import { createApp } from '../../src/http/app.ts';
import { openSqlite } from '../../src/runtime/node/open-sqlite.ts';
import { makeDeps, prepare, type DepsOverrides } from '../../src/runtime/deps.ts';
import type { Db } from '../../src/storage/db.ts';
import { sharedThreadJwtSigner } from '../../src/runtime/node/thread-jwt-signer.ts';
import { readWebAuthnBrowserBundle } from '../../src/runtime/node/browser-assets.ts';
import { createNodeSamlServiceProvider } from '../../src/runtime/node/saml-service-provider.ts';
import { readIncomingBody } from '../../src/runtime/node/incoming-body.ts';
import { openTestPostgres } from './postgres.ts';

/** Which database test apps run on: the `postgres` project of vitest.config.ts sets it. */
export const onPostgres = process.env.CUTOVER_TEST_DATABASE === 'postgres';

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'cutover-test-')), 'cutover.db');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface TestApp {
  deps: Deps;
  db: Db;
  dbPath: string;
  app: ReturnType<typeof createApp>;
  /** In-process request (no socket), for quick checks. */
  request: (path: string, init?: RequestInit) => Promise<Response>;
}

export async function makeTestApp(env: Env = {}, overrides: DepsOverrides = {}): Promise<TestApp> {
  const dbPath = env.CUTOVER_DB ?? tempDbPath();
  const pg = onPostgres && !env.CUTOVER_DB ? await openTestPostgres(2) : null;
  const config = parseEnv({ CUTOVER_SECRET: 'test-secret-test-secret-test-secret!', ...env, CUTOVER_DB: dbPath, ...(pg ? { CUTOVER_DATABASE_URL: pg.url } : {}) });
  const db = pg ? pg.db : openSqlite(config.dbPath).db;
  const deps = await makeDeps(config, db, { signer: sharedThreadJwtSigner(), saml: createNodeSamlServiceProvider(), ...overrides });
  await prepare(deps);
  const peerAddress = (c: Context) => (c.env?.incoming ? getConnInfo(c).remote.address : undefined);
  const app = createApp(deps, { devMail: config.mailer === 'log', peerAddress, clientIp: peerAddress, webauthnBrowserScript: readWebAuthnBrowserBundle(), readBody: readIncomingBody });
  return { deps, db, dbPath, app, request: async (path, init) => app.request(path, init) };
}

export interface TestServer extends TestApp {
  url: string;
  close: () => Promise<void>;
}

/** Serves the app over real HTTP on localhost (or `hostname`, e.g. 0.0.0.0), with CUTOVER_ISSUER set to that address. */
export async function startTestServer(env: Env = {}, overrides: DepsOverrides = {}, hostname = '127.0.0.1'): Promise<TestServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const t = await makeTestApp({ CUTOVER_ISSUER: url, ...env, PORT: String(port) }, overrides);
  const server: ServerType = serve({ fetch: t.app.fetch, port, hostname });
  await new Promise<void>((r) => server.once('listening', () => r()));
  return { ...t, url, close: () => new Promise<void>((r) => server.close(() => r())) };
}
