// `cutover db copy`: every table of a SQLite deployment into an empty, migrated PostgreSQL database, in one
// transaction (all or nothing), parents before children, a chunk of rows per statement as one JSON parameter;
// then each table's row count is checked on both sides.
import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableName, is, Table } from 'drizzle-orm';
import type pg from 'pg';
import * as schema from '../../../db/sqlite/schema.ts';
import { inTransaction } from '../../storage/postgres-db.ts';
import type { CopyReport } from '../../cli/command.ts';

const CHUNK = 5_000;

/** The schema's tables, each after the tables its foreign keys point at. */
export function tablesInCopyOrder(): SQLiteTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is SQLiteTable => is(t, Table));
  const ordered: SQLiteTable[] = [];
  const visit = (t: SQLiteTable) => {
    if (ordered.includes(t)) return;
    for (const fk of getTableConfig(t).foreignKeys) {
      const parent = fk.reference().foreignTable as SQLiteTable;
      if (parent !== t) visit(parent);
    }
    ordered.push(t);
  };
  tables.forEach(visit);
  return ordered;
}

export async function copySqliteToPostgres(sqlitePath: string, pool: pg.Pool, where: { from: string; to: string }, progress: (line: string) => void): Promise<CopyReport> {
  const sqlite = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const tables = tablesInCopyOrder();
    const report = await inTransaction(pool, async (client) => {
      for (const t of tables) {
        const { rows } = await client.query(`select exists (select 1 from "${getTableName(t)}") as taken`);
        if (rows[0].taken) throw new TypeError(`the PostgreSQL database already has rows in ${getTableName(t)}: copy only into an empty database`);
      }
      const out: CopyReport['tables'] = [];
      for (const t of tables) {
        const name = getTableName(t);
        const source = (sqlite.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
        // One pass over the table (no rowid to page by: some tables are WITHOUT ROWID), CHUNK rows per insert. The
        // read-only connection runs nothing else while the iterator is open.
        let done = 0;
        let chunk: unknown[] = [];
        const flush = async () => {
          await client.query(`insert into "${name}" select * from json_populate_recordset(null::"${name}", $1::json)`, [JSON.stringify(chunk)]);
          done += chunk.length;
          chunk = [];
          progress(`${name}: ${done}/${source}`);
        };
        for (const row of sqlite.prepare(`select * from "${name}"`).iterate()) {
          chunk.push(row);
          if (chunk.length === CHUNK) await flush();
        }
        if (chunk.length > 0) await flush();
        const { rows } = await client.query(`select count(*) as n from "${name}"`);
        const copied = Number(rows[0].n);
        if (copied !== source) throw new Error(`${name}: ${source} rows in SQLite but ${copied} in PostgreSQL; nothing was copied`);
        out.push({ table: name, source, copied });
      }
      return out;
    });
    return { ...where, tables: report };
  } finally {
    sqlite.close();
  }
}
