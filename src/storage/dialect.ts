// The few SQL fragments SQLite and PostgreSQL spell differently, so each store is written once for both (DESIGN: the
// dialect seam is one small object). Everything else the stores write is SQL both dialects read alike.
import { sql, type SQL, type Placeholder } from 'drizzle-orm';
import type { Db } from './db.ts';

type Expr = SQL | SQL.Aliased | Placeholder | { getSQL(): SQL } | string;
export type JsonColumnType = 'text' | 'bigint' | 'double precision';

export interface Dialect {
  name: 'sqlite' | 'postgres';
  /** A one-column subquery (`value`) of a JSON array's elements as text: one bound parameter for any number of items. */
  jsonList(json: Expr): SQL;
  /** A FROM-able subquery of a JSON array of objects, one column per named key, typed. */
  jsonRecords(json: Expr, columns: Record<string, JsonColumnType>, alias: string): SQL;
  /** A top-level key of a JSON text column, as text (SQLite: its JSON value as SQL value). */
  jsonValue(column: Expr, key: string): SQL;
  /** RFC 7396 merge of a JSON object parameter into a JSON text column (top-level keys; null removes one). */
  jsonMergePatch(column: Expr, patch: string): SQL;
  /** The column's JSON object with top-level keys set to SQL values, as text. */
  jsonSet(column: Expr, values: Record<string, SQL>): SQL;
  /** The larger of two numbers (SQLite's two-argument max, PostgreSQL's greatest). */
  greatest(a: Expr, b: Expr): SQL;
  /** The UTC day (YYYY-MM-DD) of an epoch-milliseconds value. */
  utcDay(ms: Expr): SQL;
  /**
   * The last tie-break of "newest first" among rows of the same millisecond: SQLite's rowid (insertion order);
   * on PostgreSQL the ULID id, which newId makes increase within a process.
   */
  insertionOrder(qualifier: string): SQL;
  /**
   * `key IN (pick)` for a queue claim's UPDATE, `pick` selecting `key` with its LIMIT. PostgreSQL: the pick locks its
   * rows and skips rows another claim holds, and runs once as an array (an IN may be re-run per row as a semi-join,
   * each run taking LIMIT more rows).
   */
  claimed(key: SQL, pick: SQL): SQL;
  /**
   * A statement that, run first in a batch, makes concurrent batches with the same name take turns (PostgreSQL: a
   * transaction-level advisory lock, released at commit). Null on SQLite, whose writes are serialized anyway.
   */
  turnstile(name: string): SQL | null;
}

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  jsonList: (json) => sql`(select value from json_each(${json}))`,
  jsonRecords: (json, columns, alias) => sql`(select ${sql.join(Object.keys(columns).map((k) => sql.raw(`json_extract(value, '$.${k}') as "${k}"`)), sql`, `)} from json_each(${json})) as ${sql.raw(alias)}`,
  jsonValue: (column, key) => sql`json_extract(${column}, ${`$.${key}`})`,
  jsonMergePatch: (column, patch) => sql`json_patch(${column}, ${patch})`,
  jsonSet: (column, values) => sql`json_set(${column}, ${sql.join(Object.entries(values).map(([k, v]) => sql`${`$.${k}`}, ${v}`), sql`, `)})`,
  greatest: (a, b) => sql`max(${a}, ${b})`,
  utcDay: (ms) => sql`strftime('%Y-%m-%d', ${ms} / 1000, 'unixepoch')`,
  insertionOrder: (qualifier) => sql.raw(`${qualifier}.rowid`),
  claimed: (key, pick) => sql`${key} in (${pick})`,
  turnstile: () => null,
};

export const postgresDialect: Dialect = {
  name: 'postgres',
  jsonList: (json) => sql`(select json_array_elements_text(cast(${json} as json)) as value)`,
  jsonRecords: (json, columns, alias) => sql`json_to_recordset(cast(${json} as json)) as ${sql.raw(alias)}(${sql.raw(
    Object.entries(columns).map(([k, t]) => `"${k}" ${t}`).join(', '),
  )})`,
  jsonValue: (column, key) => sql`(cast(${column} as jsonb) ->> ${key})`,
  jsonMergePatch: (column, patch) => sql`cast((cast(${column} as jsonb) || cast(${patch} as jsonb))
    - (select coalesce(array_agg(key), '{}') from jsonb_each(cast(${patch} as jsonb)) where jsonb_typeof(value) = 'null') as text)`,
  jsonSet: (column, values) => sql`cast(cast(${column} as jsonb) || jsonb_build_object(${sql.join(
    Object.entries(values).map(([k, v]) => sql`cast(${k} as text), ${v}`), sql`, `,
  )}) as text)`,
  greatest: (a, b) => sql`greatest(${a}, ${b})`,
  utcDay: (ms) => sql`to_char(to_timestamp(${ms} / 1000.0) at time zone 'UTC', 'YYYY-MM-DD')`,
  insertionOrder: (qualifier) => sql.raw(`${qualifier}.id`),
  claimed: (key, pick) => sql`${key} = any(array(${pick} for update skip locked))`,
  turnstile: (name) => sql`select pg_advisory_xact_lock(hashtext(${`cutover:${name}`}))`,
};

const DIALECT = Symbol.for('cutover.dialect');

/** Marks a Db as running on PostgreSQL (the driver does this once, when it builds the Db). */
export function withDialect<T extends object>(db: T, dialect: Dialect): T {
  Object.defineProperty(db, DIALECT, { value: dialect });
  return db;
}

/** The dialect a store's SQL is written in: SQLite (better-sqlite3, D1) unless the driver said otherwise. */
export function dialectOf(db: Db): Dialect {
  return (db as unknown as { [DIALECT]?: Dialect })[DIALECT] ?? sqliteDialect;
}
