// Cloudflare Workers entry: env vars + the D1 binding in, the same app out; cron drives background work.
import type { D1Database, ExecutionContext } from '@cloudflare/workers-types';
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../../db/sqlite/schema.ts';
import { parseEnv } from '../../core/shared/config.ts';
import type { Deps } from '../../core/shared/deps.ts';
import { createApp } from '../../http/app.ts';
import type { Db } from '../../storage/db.ts';
import { makeDeps, prepare } from '../deps.ts';
import { runBackgroundJobs } from '../background.ts';
// Text at build time (wrangler.toml [[rules]]): the package exports no subpath, so the file is named by path.
import webauthnBrowserScript from '../../../node_modules/@simplewebauthn/browser/dist/bundle/index.umd.min.js';

interface WorkerEnv {
  DB: D1Database;
  [name: string]: unknown;
}

// One app per isolate, built on first use (factories: nothing happens at import time).
let ready: Promise<{ deps: Deps; app: ReturnType<typeof createApp> }> | null = null;

function build(env: WorkerEnv) {
  ready ??= (async () => {
    const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const config = parseEnv(vars);
    const deps = await makeDeps(config, drizzle(env.DB, { schema }) as unknown as Db);
    await prepare(deps);
    const app = createApp(deps, { clientIp: (c) => c.req.header('cf-connecting-ip'), webauthnBrowserScript });
    return { deps, app };
  })().catch((e) => {
    ready = null; // let the next request retry (e.g. migrations applied meanwhile)
    throw e;
  });
  return ready;
}

/**
 * The cron fires once a minute; each background run sends for about a second, so keep running
 * for most of the minute (a cron invocation may run for well over that) to keep campaigns moving.
 */
const CRON_BUDGET_MS = 25_000;
const PAUSE_MS = 250;

async function drainForAWhile(deps: Deps): Promise<void> {
  const end = Date.now() + CRON_BUDGET_MS;
  while (Date.now() < end) {
    await runBackgroundJobs(deps);
    await new Promise((r) => setTimeout(r, PAUSE_MS));
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const { app } = await build(env);
    return app.fetch(request, env, ctx as never);
  },
  async scheduled(_event: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const { deps } = await build(env);
    ctx.waitUntil(drainForAWhile(deps));
  },
};
