// Seeds a tenant of N imported people straight into a migrated SQLite file: multi-row INSERTs in one transaction
// (the import's own path would take minutes at a million; this takes seconds). Bench only.
import type Database from 'better-sqlite3';
import { newUserId } from '../../src/core/shared/crypto.ts';

const ROWS_PER_STATEMENT = 200;
/** Syllables for addresses with many different starts, as real ones have (a prefix search must not match everyone). */
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'be', 'da', 'fi', 'go', 'ha', 'ju', 'pe', 'zo'];

/** The address of person `i`: two syllables picked by a hash of i, then i (unique). */
export function seededEmail(i: number): string {
  const h = Math.imul(i + 1, 2654435761) >>> 0;
  return `${SYLLABLES[h % 16]}${SYLLABLES[(h >>> 4) % 16]}.${i}@example.com`;
}

export interface SeededPeople {
  /** ids in ascending order */
  ids: string[];
}

/** Inserts `n` people of tenant `default`, each with a Cognito link (imported); every fifth has signed in since. */
export function seedPeople(sqlite: Database.Database, n: number, now: number): SeededPeople {
  // ULIDs minted in one millisecond sort by their random part: sorted first, rows enter the id indexes in order.
  const ids = Array.from({ length: n }, () => newUserId()).sort();
  const insert = (table: string, columns: string[], rows: number) =>
    sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array(rows).fill(`(${columns.map(() => '?').join(', ')})`).join(', ')}`);
  const userColumns = ['id', 'tenant', 'email', 'email_normalized', 'email_verified', 'freshly_migrated', 'created_at', 'updated_at', 'last_sign_in_at'];
  const linkColumns = ['user_pool_id', 'sub', 'user_id', 'username', 'status', 'created_at', 'updated_at'];
  const statements = new Map<string, Database.Statement>();
  const run = (table: string, columns: string[], values: unknown[]) => {
    const rows = values.length / columns.length;
    const key = `${table}:${rows}`;
    if (!statements.has(key)) statements.set(key, insert(table, columns, rows));
    statements.get(key)!.run(values);
  };
  const importedAt = now - 30 * 86_400_000;
  // The secondary indexes are built once after the rows (a sort) rather than grown row by row: their own DDL,
  // read from the schema, is run again afterwards.
  const indexes = sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name in ('users', 'legacy_links') and sql is not null`)
    .all() as { name: string; sql: string }[];
  sqlite.transaction(() => {
    for (const { name } of indexes) sqlite.exec(`drop index "${name}"`);
    for (let start = 0; start < n; start += ROWS_PER_STATEMENT) {
      const people: unknown[] = [];
      const links: unknown[] = [];
      for (let i = start; i < Math.min(n, start + ROWS_PER_STATEMENT); i++) {
        const email = seededEmail(i);
        const signedIn = i % 5 === 0 ? importedAt + (i % 29) * 86_400_000 : null;
        people.push(ids[i], 'default', email, email, 1, signedIn ? 0 : 1, importedAt, importedAt, signedIn);
        links.push('us-east-1_Bench', `sub-${i}`, ids[i], `user${i}`, 'CONFIRMED', importedAt, importedAt);
      }
      run('users', userColumns, people);
      run('legacy_links', linkColumns, links);
    }
    for (const { sql } of indexes) sqlite.exec(sql);
  })();
  return { ids };
}
