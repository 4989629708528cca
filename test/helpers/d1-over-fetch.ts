// Real D1 under workerd reached with awaited dispatchFetch calls, not Miniflare's synchronous proxy (its Atomics.wait fetcher now and then fails mid-test on a busy machine).
import { Miniflare } from 'miniflare';

/** A parameter as it crosses to the worker: JSON, with a bigint tagged (JSON has none) and rebuilt there. */
type Wire = null | number | string | boolean | { $bigint: string };

interface Call {
  sql: string;
  params: Wire[];
}

/**
 * The worker: each request is one call on `env.DB`, answered as `{ ok: result }` or `{ error: { message, cause } }`.
 * Binding happens here, so D1's own checks on a parameter's type apply (it binds booleans as 0/1, refuses bigints).
 */
const WORKER = `
const param = (p) => (p !== null && typeof p === 'object' ? BigInt(p.$bigint) : p);
const statement = (env, c) => env.DB.prepare(c.sql).bind(...c.params.map(param));
export default {
  async fetch(request, env) {
    const { op, call, calls, options, column } = await request.json();
    try {
      let ok;
      if (op === 'all') ok = await statement(env, call).all();
      else if (op === 'run') ok = await statement(env, call).run();
      else if (op === 'raw') ok = await statement(env, call).raw(options);
      else if (op === 'first') ok = column === undefined ? await statement(env, call).first() : await statement(env, call).first(column);
      else if (op === 'batch') ok = await env.DB.batch(calls.map((c) => statement(env, c)));
      else if (op === 'exec') ok = await env.DB.exec(call.sql);
      else throw new Error('d1-over-fetch: unknown operation ' + op);
      return Response.json({ ok: ok === undefined ? null : ok });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : undefined;
      return Response.json({ error: { message, cause } }, { status: 500 });
    }
  },
};
`;

function toWire(value: unknown, index: number): Wire {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'bigint') {
    return { $bigint: value.toString() };
  }
  throw new TypeError(`d1-over-fetch: parameter ${index + 1} (${typeof value} ${String(value)}) cannot be carried to D1; only null, number, string, boolean and bigint are`);
}

class Statement {
  constructor(
    private readonly db: D1OverFetch,
    readonly sql: string,
    readonly params: Wire[] = [],
  ) {}

  bind(...values: unknown[]): Statement {
    return new Statement(this.db, this.sql, values.map(toWire));
  }

  all<T = Record<string, unknown>>(): Promise<{ results: T[]; success: true; meta: Record<string, unknown> }> {
    return this.db.send('all', { call: this.call() });
  }

  run(): Promise<{ results: unknown[]; success: true; meta: Record<string, unknown> }> {
    return this.db.send('run', { call: this.call() });
  }

  raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[]> {
    return this.db.send('raw', { call: this.call(), options });
  }

  first<T = unknown>(column?: string): Promise<T | null> {
    return this.db.send('first', { call: this.call(), column });
  }

  call(): Call {
    return { sql: this.sql, params: this.params };
  }
}

/** The part of D1Database that drizzle-orm/d1 (session and migrator) and the tests use. */
export class D1OverFetch {
  constructor(private readonly mf: Miniflare) {}

  prepare(sql: string): Statement {
    return new Statement(this, sql);
  }

  batch<T = unknown>(statements: Statement[]): Promise<{ results: T[]; success: true; meta: Record<string, unknown> }[]> {
    return this.send('batch', { calls: statements.map((s) => s.call()) });
  }

  exec(sql: string): Promise<{ count: number; duration: number }> {
    return this.send('exec', { call: { sql, params: [] } });
  }

  /** @internal One call on the worker's `env.DB`; D1's error comes back thrown, with its message (and its cause's). */
  async send<R>(op: string, body: object): Promise<R> {
    const response = await this.mf.dispatchFetch(`http://d1/${op}`, { method: 'POST', body: JSON.stringify({ op, ...body }) });
    const answer = (await response.json()) as { ok: R } | { error: { message: string; cause?: string } };
    if ('error' in answer) {
      throw new Error(answer.error.message, answer.error.cause === undefined ? undefined : { cause: new Error(answer.error.cause) });
    }
    return answer.ok;
  }
}

/**
 * The worker above with `databaseId` bound as `DB`, answering requests to http://d1/: alone (`startD1`) or beside an
 * app's worker in one Miniflare, where the same id is the same database.
 */
export const d1Worker = (databaseId: string) => ({
  name: 'd1-over-fetch', modules: true, script: WORKER, d1Databases: { DB: databaseId }, routes: ['d1/*'],
});

/** A Miniflare running only that worker, on a fresh D1 database, and a client for it. */
export function startD1(): { mf: Miniflare; d1: D1OverFetch } {
  const mf = new Miniflare(d1Worker(crypto.randomUUID()));
  return { mf, d1: new D1OverFetch(mf) };
}
