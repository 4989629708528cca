// ResourceServerStore on drizzle: Cognito-style APIs and their custom scopes, per tenant.
import { and, eq } from 'drizzle-orm';
import { resourceServers } from '../../db/sqlite/schema.ts';
import type { ResourceServer, ResourceServerStore } from '../core/ports/clients.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

const toServer = (row: typeof resourceServers.$inferSelect): ResourceServer => ({
  tenant: row.tenant, identifier: row.identifier, name: row.name, scopes: parseJson(row.scopes, []),
});

export function createResourceServerStore(db: Db): ResourceServerStore {
  return {
    async upsert(server, now) {
      const [before] = await db.select().from(resourceServers)
        .where(and(eq(resourceServers.tenant, server.tenant), eq(resourceServers.identifier, server.identifier)));
      const scopes = JSON.stringify(server.scopes);
      await db.insert(resourceServers).values({ ...server, scopes, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [resourceServers.tenant, resourceServers.identifier], set: { name: server.name, scopes, updatedAt: now } });
      if (!before) return 'created';
      return before.name === server.name && before.scopes === scopes ? 'unchanged' : 'updated';
    },
    async listByTenant(tenant) {
      const rows = await db.select().from(resourceServers).where(eq(resourceServers.tenant, tenant));
      return rows.map(toServer);
    },
  };
}
