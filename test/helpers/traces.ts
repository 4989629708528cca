// Reads every row of every table of a test database, to prove a person left no trace (SPEC §11 delete).
import Database from 'better-sqlite3';

/** Rows (as JSON text, with their table) that mention any of `needles`, case-insensitively. */
export function rowsMentioning(dbPath: string, needles: string[]): { table: string; row: string }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`).all() as { name: string }[];
    const found: { table: string; row: string }[] = [];
    for (const { name } of tables) {
      for (const row of db.prepare(`select * from "${name}"`).all()) {
        const text = JSON.stringify(row).toLowerCase();
        if (needles.some((n) => text.includes(n.toLowerCase()))) found.push({ table: name, row: text });
      }
    }
    return found;
  } finally {
    db.close();
  }
}
