// The PostgreSQL schema must say what the SQLite one says: same tables, columns (nullability, defaults, keys), indexes
// and foreign keys, with each SQLite type mapped the one way the stores rely on. A change to one side only fails here.
import { expect, it } from 'vitest';
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core';
import { is, Table, getTableName, type Column } from 'drizzle-orm';
import * as sqliteSchema from '../../db/sqlite/schema.ts';
import * as pgSchema from '../../db/postgres/schema.ts';

// SQLite column type → the PostgreSQL type that returns the same JS values through the stores.
const SAME_TYPE: Record<string, string> = { SQLiteText: 'PgText', SQLiteInteger: 'PgBigInt53', SQLiteBoolean: 'PgSmallInt', SQLiteReal: 'PgDoublePrecision' };

const tables = <T>(schema: Record<string, unknown>) => Object.fromEntries(
  (Object.values(schema) as unknown[]).filter((t) => is(t, Table)).map((t) => [getTableName(t as Table), t as T]),
);

const column = (c: Column, type: string) => ({
  name: c.name, type, notNull: c.notNull, primary: c.primary, unique: c.isUnique,
  // booleans are 0/1 on both sides
  default: typeof c.default === 'boolean' ? Number(c.default) : c.default ?? null,
});

function describeSqlite(t: SQLiteTable) {
  const cfg = sqliteConfig(t);
  return {
    columns: cfg.columns.map((c) => column(c, SAME_TYPE[c.columnType] ?? `unmapped ${c.columnType}`)),
    indexes: cfg.indexes.map((i) => ({ name: i.config.name, unique: i.config.unique, on: i.config.columns.map((c) => (c as Column).name) })),
    primaryKeys: cfg.primaryKeys.map((p) => p.columns.map((c) => c.name)),
    foreignKeys: cfg.foreignKeys.map((f) => ({ columns: f.reference().columns.map((c) => c.name), to: getTableName(f.reference().foreignTable), onDelete: f.onDelete ?? null })),
  };
}

function describePg(t: PgTable) {
  const cfg = pgConfig(t);
  return {
    columns: cfg.columns.map((c) => column(c, c.columnType)),
    indexes: cfg.indexes.map((i) => ({ name: i.config.name, unique: i.config.unique, on: i.config.columns.map((c) => (c as Column).name) })),
    primaryKeys: cfg.primaryKeys.map((p) => p.columns.map((c) => c.name)),
    foreignKeys: cfg.foreignKeys.map((f) => ({ columns: f.reference().columns.map((c) => c.name), to: getTableName(f.reference().foreignTable), onDelete: f.onDelete ?? null })),
  };
}

it('db/postgres/schema.ts has the tables, columns, indexes and keys of db/sqlite/schema.ts', () => {
  const lite = tables<SQLiteTable>(sqliteSchema);
  const post = tables<PgTable>(pgSchema);
  expect(Object.keys(post).sort()).toEqual(Object.keys(lite).sort());
  for (const name of Object.keys(lite)) expect(describePg(post[name]!), name).toEqual(describeSqlite(lite[name]!));
});
