// PostgreSQL as a Db: the stores' drizzle queries (SQLite dialect) run on a node-postgres pool through drizzle's
// sqlite-proxy driver. `?` placeholders become `$n`, a batch is one transaction on one pooled connection, bigint and
// numeric come back as numbers, and a lost or refused connection is the core's `unavailable` (503), never a 500.
import pg from 'pg';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import * as schema from '../../db/sqlite/schema.ts';
import { AuthError } from '../core/shared/errors.ts';
import type { Db } from './db.ts';
import { withCounterDb } from './counter-db.ts';
import { postgresDialect, withDialect } from './dialect.ts';

type Method = 'run' | 'all' | 'values' | 'get';

/** int8 (count(*), bigint columns) and numeric (sum of bigints) as JS numbers, as SQLite returns them. */
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20 || oid === 1700) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

// `?` outside string literals and quoted identifiers (the SQLite dialect's only placeholder) → `$1`, `$2`, …
const TOKENS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g;
// drizzle's SQLite dialect names an upsert's conflict target `"table"."column"`; PostgreSQL wants the bare column.
const CONFLICT_TARGET = /on conflict \(((?:"[^"]+"\."[^"]+"(?:, )?)+)\)/g;
const positional = new Map<string, string>();
const names = new Map<string, string>();
/**
 * A name for the statement, so each connection parses and plans it once (node-postgres prepares a named statement on
 * first use per connection). Only the stores' fixed texts repeat; a text seen once stays unnamed.
 */
function nameOf(text: string): string | undefined {
  const name = names.get(text);
  if (name !== undefined || names.size > 2000) return name;
  names.set(text, `s${names.size}`);
  return undefined;
}
/** The SQLite dialect's statement text as PostgreSQL reads it. */
export function toPositional(text: string): string {
  let out = positional.get(text);
  if (out !== undefined) return out;
  let n = 0;
  out = text.replace(TOKENS, (token) => (token === '?' ? `$${++n}` : token))
    .replace(CONFLICT_TARGET, (_, columns: string) => `on conflict (${columns.replace(/"[^"]+"\./g, '')})`);
  // Prepared statements repeat the same few hundred texts; ad-hoc ones (IN lists) should not grow the map forever.
  if (positional.size > 2000) positional.clear();
  positional.set(text, out);
  return out;
}

/** Connection-level failures (SQLSTATE class 08, shutdown, too many connections, sockets): the database is away. */
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | null;
  if (!err || typeof err !== 'object') return false;
  const code = err.code ?? '';
  if (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(err.message ?? '');
}

function unavailable(e: unknown): never {
  if (isDatabaseUnavailable(e)) throw Object.assign(new AuthError('unavailable', 'the database is unavailable; try again shortly'), { cause: e });
  throw e;
}

async function execute(client: pg.PoolClient, text: string, params: unknown[], method: Method, named = false): Promise<{ rows: unknown[] }> {
  const result = await client.query({ text: toPositional(text), name: named ? nameOf(text) : undefined, values: params, rowMode: 'array' });
  return { rows: method === 'get' ? result.rows[0] : result.rows };
}

const ignore = () => undefined;

/**
 * A pooled connection; failing to get one at all means the database is away. While checked out its connection-level
 * 'error' event (the server went away between statements) is the pending query's failure, not a process crash.
 */
async function checkOut(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect().catch((e) => {
    throw Object.assign(new AuthError('unavailable', 'the database is unavailable; try again shortly'), { cause: e });
  });
  client.on('error', ignore);
  return client;
}

/** Runs the queries in one transaction on one connection: all of them or none. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await checkOut(pool);
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const out = await work(client);
    await client.query('commit');
    return out;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    if (isDatabaseUnavailable(e)) broken = e as Error;
    return unavailable(e);
  } finally {
    client.off('error', ignore);
    client.release(broken);
  }
}

/** One statement on a pooled connection. */
async function executeOnPool(pool: pg.Pool, text: string, params: unknown[], method: Method, named: boolean) {
  const client = await checkOut(pool);
  let broken: Error | undefined;
  try {
    return await execute(client, text, params, method, named);
  } catch (e) {
    if (isDatabaseUnavailable(e)) broken = e as Error;
    return unavailable(e);
  } finally {
    // A connection that failed is dropped from the pool, not handed to the next query.
    client.off('error', ignore);
    client.release(broken);
  }
}

export interface PostgresDbOptions {
  /** False for a connection pooler that cannot keep server-side prepared statements (PgBouncer in transaction mode before 1.21). */
  namedStatements?: boolean;
  /**
   * Connections with `synchronous_commit = off` for the rate-limit counters (counter-db.ts explains why); without
   * it the counters share `pool`. Whoever made the pool ends it.
   */
  countersPool?: pg.Pool;
}

/** A Db on `pool` that the stores use exactly as they use better-sqlite3 or D1. */
export function postgresDb(pool: pg.Pool, options: PostgresDbOptions = {}): Db {
  const db = onPool(pool, options.namedStatements ?? true);
  return options.countersPool ? withCounterDb(db, onPool(options.countersPool, options.namedStatements ?? true)) : db;
}

function onPool(pool: pg.Pool, named: boolean): Db {
  const db = drizzle(
    (text, params, method) => executeOnPool(pool, text, params, method, named),
    (queries) => inTransaction(pool, async (client) => {
      const out: { rows: unknown[] }[] = [];
      for (const q of queries) out.push(await execute(client, q.sql, q.params, q.method, named));
      return out;
    }),
    { schema },
  );
  return withDialect(db as unknown as Db, postgresDialect);
}
