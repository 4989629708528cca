// Statements over a set of rows sent in one go: one JSON parameter (D1, PostgreSQL), or bound values on better-sqlite3.
import { Column, is, Placeholder, sql, type SQL } from 'drizzle-orm';
import { hasBatch, type Db, type Step } from './db.ts';
import { dialectOf, type JsonColumnType } from './dialect.ts';

/** Rows per statement on better-sqlite3, at most. */
const CHUNK = 32;

/**
 * Prepares `build(rows)`, where `rows` is a FROM-able source of the given columns under `alias`, and returns what runs it
 * over a set of rows: steps for `allInTransaction`, all of them or none. D1 binds at most 100 values a statement and
 * PostgreSQL reads JSON records natively, so there the rows are one JSON parameter (`jsonRecords`) and one statement.
 * On better-sqlite3 they are bound values of a VALUES list, up to CHUNK rows a statement: SQLite re-runs a
 * `json_extract` wherever its column is named, and the SNS notifications' upsert took 35 µs per row that way, 21 now.
 * A statement is prepared per list length, a power of two (1, 2, 4 … CHUNK), the rows padded with rows of nulls that
 * the source leaves out: six statements, not one per count (preparing one costs about a millisecond). So the first
 * column must never be null.
 */
export function rowSetStatement<Row extends object, R>(
  db: Db,
  columns: Record<keyof Row & string, JsonColumnType>,
  alias: string,
  build: (rows: SQL) => { prepare(): Step<R>['statement'] },
): (rows: Row[]) => Step<R>[] {
  const names = Object.keys(columns) as Array<keyof Row & string>;
  if (hasBatch(db)) {
    const statement = build(dialectOf(db).jsonRecords(sql.placeholder('rows'), columns, alias)).prepare();
    // Keys beyond the named columns are ignored by both dialects' JSON readers.
    return (rows) => [{ statement, values: { rows: JSON.stringify(rows) } }];
  }
  const bySize = new Map<number, Step<R>['statement']>();
  const statementFor = (size: number) => {
    let statement = bySize.get(size);
    if (!statement) {
      // Placeholders named by their place in one flat array of values: drizzle looks each up as `values[name]`.
      const tuples = Array.from({ length: size }, (_, i) => sql`(${sql.join(names.map((_, j) => sql.placeholder(String(i * names.length + j))), sql`, `)})`);
      const renamed = names.map((k, j) => `column${j + 1} as "${k}"`).join(', ');
      statement = direct(build(sql`(select ${sql.raw(renamed)} from (values ${sql.join(tuples, sql`, `)}) where column1 is not null) as ${sql.raw(alias)}`).prepare());
      bySize.set(size, statement);
    }
    return statement;
  };
  return (rows) => {
    const steps: Step<R>[] = [];
    for (let start = 0; start < rows.length; start += CHUNK) {
      const end = Math.min(rows.length, start + CHUNK);
      let size = 1;
      while (size < end - start) size *= 2;
      const values: unknown[] = [];
      for (let i = start; i < end; i++) for (const k of names) values.push((rows[i] as Record<string, unknown>)[k] ?? null);
      while (values.length < size * names.length) values.push(null);
      steps.push({ statement: statementFor(size), values: values as unknown as Record<string, unknown> });
    }
    return steps;
  };
}

interface BetterSqlitePrepared {
  stmt: { raw(on: boolean): { all(params: unknown[]): unknown[][] } };
  fields?: Array<{ path: string[]; field: unknown }>;
  getQuery(): { params: unknown[] };
}

/**
 * The prepared statement, run straight on better-sqlite3 when drizzle would add nothing: every parameter is the
 * placeholder named by its place (so the flat array of values binds as it is) and every returned field a plain column.
 * Drizzle's own `all` looks each of a statement's 100-odd parameters up as a placeholder and maps each row through
 * its field tree: about 2 µs of the event loop per SNS notification. Anything else keeps drizzle's `all`.
 */
function direct<R>(statement: Step<R>['statement']): Step<R>['statement'] {
  const prepared = statement as unknown as BetterSqlitePrepared;
  const inPlace = prepared.getQuery().params.every((p, i) => is(p, Placeholder) && (p as Placeholder).name === String(i));
  const fields = prepared.fields;
  if (!inPlace || !fields || !prepared.stmt || !fields.every((f) => f.path.length === 1 && is(f.field, Column))) return statement;
  const keys = fields.map((f) => f.path[0]);
  const columns = fields.map((f) => f.field as Column);
  const raw = prepared.stmt;
  return {
    all(values) {
      const rows = raw.raw(true).all(values as unknown as unknown[]);
      const out: R[] = new Array(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        const o: Record<string, unknown> = {};
        for (let c = 0; c < keys.length; c++) o[keys[c]] = row[c] === null ? null : columns[c].mapFromDriverValue(row[c]);
        out[r] = o as R;
      }
      return out;
    },
  };
}
