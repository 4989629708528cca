// The admin lists stay page-sized at any size: the queries the stores really run are planned on an index, with no
// full scan of users and no sort of a whole tenant (SQLite's own EXPLAIN QUERY PLAN on the real migrations).
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/sqlite/schema.ts';
import { MIGRATIONS_DIR } from '../../src/runtime/node/open-sqlite.ts';
import { createAdminUserStore } from '../../src/storage/admin-users.ts';
import { createAuditStore } from '../../src/storage/audit.ts';
import { createHybridLinkStore } from '../../src/storage/hybrid-links.ts';
import type { Db } from '../../src/storage/db.ts';

function captured() {
  const sqlite = new Database(':memory:');
  const queries: { sql: string; params: unknown[] }[] = [];
  const db = drizzle(sqlite, { schema, logger: { logQuery: (sql, params) => queries.push({ sql, params }) } });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  queries.length = 0;
  const plan = (q: { sql: string; params: unknown[] }) => (sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as never[])) as { detail: string }[]).map((r) => r.detail).join(' | ');
  return { db: db as unknown as Db, queries, plan };
}

describe('admin list query plans', () => {
  it('pages people by id (all, freshly migrated, signed in) from an index, without sorting the tenant', async () => {
    const { db, queries, plan } = captured();
    const store = createAdminUserStore(db);
    for (const q of [{}, { afterId: 'usr_x' }, { freshlyMigrated: true, afterId: 'usr_x' }, { signedIn: false }]) {
      queries.length = 0;
      await store.list({ tenant: 'default', limit: 51, ...q });
      const p = plan(queries[0]);
      expect(p, JSON.stringify(q)).toMatch(/USING INDEX users_tenant_(id|fresh)/);
      expect(p).not.toMatch(/TEMP B-TREE|SCAN users/);
    }
  });

  it('searches by email prefix and legacy sub through indexes', async () => {
    const { db, queries, plan } = captured();
    const store = createAdminUserStore(db);
    for (const q of [{}, { afterEmail: 'ann@x' }]) {
      queries.length = 0;
      await store.list({ tenant: 'default', emailPrefix: 'ann', limit: 51, ...q });
      // In address order: the index walk stops after the page, however many addresses share the prefix (no sort).
      expect(plan(queries[0])).toMatch(/USING INDEX users_tenant_email \(tenant=\? AND email_normalized>\? AND email_normalized<\?\)/);
      expect(plan(queries[0])).not.toMatch(/TEMP B-TREE/);
    }
    queries.length = 0;
    queries.length = 0;
    await store.list({ tenant: 'default', legacySub: 'sub-1', limit: 51 });
    expect(plan(queries[0])).toMatch(/legacy_links_sub/);
  });

  it('pages the audit log newest first, whole or per person, without a sort', async () => {
    const { db, queries, plan } = captured();
    const audit = createAuditStore(db);
    for (const f of [{}, { userId: 'usr_x' }, { before: { at: 5, id: 'evt_x' } }, { userId: 'usr_x', before: { at: 5, id: 'evt_x' } }]) {
      queries.length = 0;
      await audit.list({ limit: 51, ...f });
      const p = plan(queries[0]);
      expect(p, JSON.stringify(f)).toMatch(/USING (COVERING )?INDEX audit_events_(at|user)/);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('hybrid link pages a pool\'s people by the legacy links\' primary key, without sorting the pool', async () => {
    const { db, queries, plan } = captured();
    await createHybridLinkStore(db).pending('us-east-1_P', 'cutover', 'sub-x', 200);
    const p = plan(queries[0]);
    expect(p).toMatch(/SEARCH legacy_links USING (PRIMARY KEY|INDEX sqlite_autoindex_legacy_links_1) \(user_pool_id=\? AND sub>\?\)/);
    expect(p).toMatch(/SEARCH hybrid_links USING (COVERING )?(PRIMARY KEY|INDEX sqlite_autoindex_hybrid_links_1)/);
    expect(p).not.toMatch(/TEMP B-TREE|SCAN/);
  });
});
