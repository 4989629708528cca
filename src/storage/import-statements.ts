// better-sqlite3 fast path for the import's bulk statements: cached prepared statements instead of
// drizzle's per-value query building, which at a million rows costs more than SQLite's own work.
// Same tables and columns as the drizzle schema; writes run inside runBatch's transaction.
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
    insert(table: string, columns: string[], rows: unknown[][]): BatchItem<'sqlite'>[] {
      return chunks(rows, CHUNK).map((part) => {
        const s = stmt(`${table}:${part.length}`, () =>
          `insert into ${table} (${columns.join(',')}) values ${Array(part.length).fill(`(${marks(columns.length)})`).join(',')}`);
        const params = part.flat();
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
