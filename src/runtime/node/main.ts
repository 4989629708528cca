// Node entry (a host, or ECS/Fargate): read env, open the database (PostgreSQL with CUTOVER_DATABASE_URL, else the
// SQLite file), build the app, serve; background jobs in a loop; on SIGTERM finish in-flight work and stop.
import { serve } from '@hono/node-server';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createServer, type RequestListener, type ServerOptions } from 'node:http';
import type { Server } from 'node:net';
import { configWarnings, ConfigError, parseEnv, serverStartRefusal } from '../../core/shared/config.ts';
import { createApp } from '../../http/app.ts';
import { makeDeps, prepare } from '../deps.ts';
import { createNodeSamlServiceProvider } from './saml-service-provider.ts';
import { sharedThreadJwtSigner } from './thread-jwt-signer.ts';
import { runBackgroundJobs } from '../background.ts';
import { readWebAuthnBrowserBundle } from './browser-assets.ts';
import { readIncomingBody } from './incoming-body.ts';
import { exitOnListenError, sesProblem } from './start-checks.ts';
import { openDatabase } from './open-database.ts';
import { createMetrics } from './metrics.ts';
import { batchedRequestLog } from './json-log.ts';
import { withWellKnownFastPath } from './well-known-fast-path.ts';
import { wellKnownDocuments } from '../../http/well-known-documents.ts';

const BACKGROUND_INTERVAL_MS = 250;
/** ECS waits 30 s (stopTimeout) between SIGTERM and SIGKILL: in-flight work gets most of it. */
const SHUTDOWN_GRACE_MS = 25_000;

function fail(message: string): never {
  console.error(`cutover: ${message}`);
  process.exit(1);
}

async function main() {
  let config;
  try {
    config = parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const refusal = serverStartRefusal(config);
  if (refusal) fail(`REFUSING TO START: ${refusal}`);
  for (const w of configWarnings(config)) console.warn(`cutover: WARNING ${w}`);
  const ses = await sesProblem(config);
  if (ses) fail(ses);
  let database;
  try {
    database = await openDatabase(config);
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const metrics = createMetrics(database.db);
  const requestLog = batchedRequestLog();
  const deps = await makeDeps(config, database.db, { signer: sharedThreadJwtSigner(), saml: createNodeSamlServiceProvider(), metrics });
  await prepare(deps);
  let stopping = false;
  const peerAddress = (c: Context) => getConnInfo(c).remote.address;
  const wellKnown = wellKnownDocuments(deps);
  const app = createApp(deps, {
    devMail: config.mailer === 'log', peerAddress, clientIp: peerAddress, webauthnBrowserScript: readWebAuthnBrowserBundle(), readBody: readIncomingBody, wellKnown,
    operations: {
      notReady: () => (stopping ? Promise.resolve('shutting down') : database.notReady()),
      metrics: metrics.render,
      onRequest: (r) => {
        metrics.onRequest(r);
        requestLog.log(r);
      },
    },
  });

  const stop = new AbortController();
  const loop = (async () => {
    while (!stop.signal.aborted) {
      await runBackgroundJobs(deps, stop.signal);
      await new Promise((r) => setTimeout(r, BACKGROUND_INTERVAL_MS));
    }
  })();

  const server = serve({
    fetch: app.fetch, port: config.port,
    createServer: ((options: ServerOptions, listener: RequestListener) => createServer(options, withWellKnownFastPath(wellKnown, listener))) as typeof createServer,
  }, (info) => {
    console.log(`cutover listening on http://localhost:${info.port} (issuer ${config.issuer}, ${database.kind} ${database.where})`);
  });
  exitOnListenError(server as unknown as Server, config.port);

  // Graceful: stop accepting, let requests in flight finish, let the background loop finish or release its claims
  // (the invitation sender puts claimed-but-unsent rows back), close the database, exit.
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    stop.abort();
    const closed = new Promise<void>((r) => server.close(() => r()));
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    await Promise.all([closed, loop]);
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

void main();
