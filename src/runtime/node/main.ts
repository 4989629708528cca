// Node entry: read env, open the embedded SQLite file, build the app, serve.
import { serve } from '@hono/node-server';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { configWarnings, ConfigError, parseEnv, serverStartRefusal } from '../../core/shared/config.ts';
import { createApp } from '../../http/app.ts';
import { openSqlite } from './open-sqlite.ts';
import { makeDeps, prepare } from '../deps.ts';
import { createNodeSamlServiceProvider } from './saml-service-provider.ts';
import { sharedThreadJwtSigner } from './thread-jwt-signer.ts';
import { runBackgroundJobs } from '../background.ts';
import { readWebAuthnBrowserBundle } from './browser-assets.ts';
import { readIncomingBody } from './incoming-body.ts';
import { exitOnListenError, sesProblem } from './start-checks.ts';
import type { Server } from 'node:net';

const BACKGROUND_INTERVAL_MS = 250;

async function main() {
  let config;
  try {
    config = parseEnv(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`cutover: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const refusal = serverStartRefusal(config);
  if (refusal) {
    console.error(`cutover: REFUSING TO START: ${refusal}`);
    process.exit(1);
  }
  for (const w of configWarnings(config)) console.warn(`cutover: WARNING ${w}`);
  const ses = await sesProblem(config);
  if (ses) {
    console.error(`cutover: ${ses}`);
    process.exit(1);
  }
  const { db } = openSqlite(config.dbPath);
  const deps = await makeDeps(config, db, { signer: sharedThreadJwtSigner(), saml: createNodeSamlServiceProvider() });
  await prepare(deps);
  const peerAddress = (c: Context) => getConnInfo(c).remote.address;
  const app = createApp(deps, { devMail: config.mailer === 'log', peerAddress, clientIp: peerAddress, webauthnBrowserScript: readWebAuthnBrowserBundle(), readBody: readIncomingBody });

  let stopping = false;
  const loop = async () => {
    while (!stopping) {
      await runBackgroundJobs(deps);
      await new Promise((r) => setTimeout(r, BACKGROUND_INTERVAL_MS));
    }
  };
  void loop();

  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    console.log(`cutover listening on http://localhost:${info.port} (issuer ${config.issuer}, database ${config.dbPath})`);
  });
  exitOnListenError(server as unknown as Server, config.port);
  const stop = () => {
    stopping = true;
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
