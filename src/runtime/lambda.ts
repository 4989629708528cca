// AWS Lambda entry (SPEC §9): `handler` serves API Gateway HTTP API (payload 2.0) and Function URL events through
// Hono's adapter; `scheduled` runs the background jobs (an EventBridge schedule, as Workers' cron does). One pg
// connection per execution environment: it handles one request at a time, and RDS Proxy pools across them.
import type { Context as LambdaContext } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import type { Context } from 'hono';
import { parseEnv } from '../core/shared/config.ts';
import type { Deps } from '../core/shared/deps.ts';
import { createApp } from '../http/app.ts';
import { makeDeps, prepare } from './deps.ts';
import { runBackgroundJobs } from './background.ts';
import { openDatabase, type OpenedDatabase } from './node/open-database.ts';
import { readWebAuthnBrowserBundle } from './node/browser-assets.ts';
import { createMetrics } from './node/metrics.ts';
import { logRequest } from './node/json-log.ts';

type Built = { deps: Deps; app: ReturnType<typeof createApp>; database: OpenedDatabase };
let built: Promise<Built> | null = null;

/** Built on the first event of an execution environment and kept for the next (factories: nothing at import time). */
function build(): Promise<Built> {
  built ??= (async () => {
    const config = { ...parseEnv(process.env), databasePoolSize: 1 };
    // Migrations are a deploy step here (`npx cutover migrate`, or CUTOVER_MIGRATE_ON_START on the first cold start).
    const database = await openDatabase(config, { backgroundCheckpoint: false });
    const metrics = createMetrics(database.db);
    const deps = await makeDeps(config, database.db, { metrics });
    await prepare(deps);
    // API Gateway and Function URLs give the caller's address in the event; headers could be forged.
    const clientIp = (c: Context) => (c.env as { requestContext?: { http?: { sourceIp?: string } } } | undefined)?.requestContext?.http?.sourceIp;
    const app = createApp(deps, {
      clientIp, webauthnBrowserScript: readWebAuthnBrowserBundle(),
      operations: {
        notReady: () => database.notReady(),
        metrics: metrics.render,
        onRequest: (r) => {
          metrics.onRequest(r);
          logRequest(r);
        },
      },
    });
    return { deps, app, database };
  })().catch((e) => {
    built = null; // the next event retries (the database may be back, migrations applied meanwhile)
    throw e;
  });
  return built;
}

const serve = (app: Built['app']) => handle(app);

export async function handler(event: Parameters<ReturnType<typeof handle>>[0], context: LambdaContext) {
  const { app } = await build();
  return serve(app)(event, context);
}

/** Leaves this long before Lambda's deadline: the last job run must end (or release its claims) inside it. */
const DEADLINE_MARGIN_MS = 5_000;
const PAUSE_MS = 250;

/** Background work for an EventBridge schedule (e.g. rate(1 minute)): drains mail and invitations until near the deadline. */
export async function scheduled(_event: unknown, context?: Pick<LambdaContext, 'getRemainingTimeInMillis'>): Promise<{ runs: number }> {
  const { deps } = await build();
  const remaining = context?.getRemainingTimeInMillis?.() ?? 60_000;
  const end = Date.now() + Math.max(1_000, remaining - DEADLINE_MARGIN_MS);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), end - Date.now());
  let runs = 0;
  try {
    while (Date.now() < end) {
      await runBackgroundJobs(deps, stop.signal);
      runs += 1;
      if (Date.now() + PAUSE_MS >= end) break;
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
  } finally {
    clearTimeout(timer);
  }
  return { runs };
}

/** For tests and graceful runtimes: closes the database of this execution environment. */
export async function close(): Promise<void> {
  const b = built;
  built = null;
  if (b) await (await b).database.close();
}
