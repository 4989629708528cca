// better-sqlite3 fast path for the import's bulk statements: cached prepared statements instead of
// drizzle's per-value query building, which at a million rows costs more than SQLite's own work.
// Same tables and columns as the drizzle schema; writes run inside runBatch's transaction.
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';

type Statement = { run(params: unknown[]): unknown; all(params: unknown[]): unknown[] };
export type SqliteClient = { prepare(sql: string): Statement };

const CHUNK = 100;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface RawLinkRow {
  sub: string; userId: string; username: string; status: string | null; sourceHash: string | null;
  id: string; tenant: string; emailNormalized: string | null; emailVerified: number; roles: string;
}
export interface RawTargetRow { id: string; tenant: string; emailNormalized: string | null; emailVerified: number; roles: string }

export function importStatements(client: SqliteClient) {
  const cache = new Map<string, Statement>();
  const stmt = (key: string, build: () => string) => {
    let s = cache.get(key);
    if (!s) cache.set(key, (s = client.prepare(build())));
    return s;
  };
  const marks = (n: number) => Array(n).fill('?').join(',');
  return {
    findLinks(userPoolId: string, subs: string[]): RawLinkRow[] {
      return chunks(subs, CHUNK).flatMap((part) => stmt(`links:${part.length}`, () =>
        `select l.sub as sub, l.user_id as userId, l.username as username, l.status as status, l.source_hash as sourceHash,
           u.id as id, u.tenant as tenant, u.email_normalized as emailNormalized, u.email_verified as emailVerified, u.roles as roles
         from legacy_links l join users u on u.id = l.user_id where l.user_pool_id = ? and l.sub in (${marks(part.length)})`,
      ).all([userPoolId, ...part]) as RawLinkRow[]);
    },
    findUsersByEmail(tenant: string, emails: string[]): RawTargetRow[] {
      return chunks(emails, CHUNK).flatMap((part) => stmt(`emails:${part.length}`, () =>
        `select id, tenant, email_normalized as emailNormalized, email_verified as emailVerified, roles from users
         where tenant = ? and email_normalized in (${marks(part.length)})`,
      ).all([tenant, ...part]) as RawTargetRow[]);
    },
    /** Inserts rows shaped as drizzle's insert values (every row with the same keys, as one row builder makes them). */
    insert<T extends Table>(table: T, rows: Array<T['$inferInsert']>): BatchItem<'sqlite'>[] {
      if (rows.length === 0) return [];
      const keys = Object.keys(rows[0]!) as Array<keyof T['$inferInsert'] & string>;
      const columns = keys.map((k) => getTableColumns(table)[k]!);
      const name = getTableName(table);
      return chunks(rows, CHUNK).map((part) => {
        const s = stmt(`${name}:${part.length}`, () =>
          `insert into ${name} (${columns.map((c) => c.name).join(',')}) values ${Array(part.length).fill(`(${marks(columns.length)})`).join(',')}`);
        // mapToDriverValue: what drizzle itself would bind (booleans as 0/1).
        const params = part.flatMap((row) => keys.map((k, i) => columns[i]!.mapToDriverValue(row[k])));
        return { run: () => s.run(params) } as unknown as BatchItem<'sqlite'>;
      });
    },
    resolveConflicts(userPoolId: string, subs: string[]): BatchItem<'sqlite'>[] {
      return chunks(subs, CHUNK).map((part) => {
        const s = stmt(`resolve:${part.length}`, () => `delete from import_conflicts where user_pool_id = ? and legacy_sub in (${marks(part.length)})`);
        return { run: () => s.run([userPoolId, ...part]) } as unknown as BatchItem<'sqlite'>;
      });
    },
  };
}
