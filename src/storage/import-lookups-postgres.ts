// PostgreSQL's per-batch import lookups, written so the plan cannot depend on table statistics (see below).
import { sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import type { RawLinkRow, RawTargetRow } from './import-statements.ts';

/**
 * One probe of the unique index per listed key: the lateral subquery's `offset 0` keeps the planner from turning the
 * lookup into a join it costs from statistics. An import grows the tables from empty within minutes, before any
 * ANALYZE (autovacuum may be off, or a minute behind), and on a table it believes tiny the planner scans every row of
 * the pool (`user_pool_id = $1`, all rows in a one-pool import) and hashes the batch's keys against them. Measured
 * on a 100,000-user import: 55 ms per lookup that way, growing with the table (O(n²) over a run); 3 ms probing.
 */
export function postgresImportLookups(db: Db) {
  const rows = async <T>(query: ReturnType<typeof sql>, keys: readonly (keyof T)[]): Promise<T[]> => {
    const raw = await db.all<unknown[]>(query);
    return raw.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])) as T);
  };
  return {
    findLinks(userPoolId: string, subs: string[]): Promise<RawLinkRow[]> {
      return rows<RawLinkRow>(sql`select l.sub, l.user_id, l.username, l.status, l.source_hash, u.id, u.tenant, u.email_normalized, u.email_verified, u.roles
        from (select distinct value from json_array_elements_text(cast(${JSON.stringify(subs)} as json))) as k
        cross join lateral (select * from legacy_links where user_pool_id = ${userPoolId} and sub = k.value offset 0) as l
        join users u on u.id = l.user_id`,
      ['sub', 'userId', 'username', 'status', 'sourceHash', 'id', 'tenant', 'emailNormalized', 'emailVerified', 'roles']);
    },
    findUsersByEmail(tenant: string, emails: string[]): Promise<RawTargetRow[]> {
      return rows<RawTargetRow>(sql`select u.id, u.tenant, u.email_normalized, u.email_verified, u.roles
        from (select distinct value from json_array_elements_text(cast(${JSON.stringify(emails)} as json))) as k
        cross join lateral (select * from users where tenant = ${tenant} and email_normalized = k.value offset 0) as u`,
      ['id', 'tenant', 'emailNormalized', 'emailVerified', 'roles']);
    },
  };
}
