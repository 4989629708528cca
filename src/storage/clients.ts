// ClientStore on drizzle.
import { asc, eq, sql } from 'drizzle-orm';
import { clients } from '../../db/sqlite/schema.ts';
import type { Client, ClientStore } from '../core/ports/clients.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export const toClient = (row: typeof clients.$inferSelect): Client => ({ ...row, redirectUris: parseJson(row.redirectUris, []), scopes: parseJson(row.scopes, []) });

/**
 * Every sign-in and token request looks its client up, and clients are never deleted: found clients are kept this
 * long, so a change made by another instance shows within it (this instance's own changes show at once).
 * Unknown ids are not cached, so a new client works everywhere immediately.
 */
const CACHE_MS = 5_000;

export function createClientStore(db: Db): ClientStore {
  const byId = db.select().from(clients).where(eq(clients.id, sql.placeholder('id'))).prepare();
  const cache = new Map<string, { client: Client; until: number }>();
  return {
    async findById(id) {
      const now = Date.now();
      const hit = cache.get(id);
      if (hit && hit.until > now) return hit.client;
      const [row] = await byId.all({ id });
      if (!row) return null;
      const client = Object.freeze(toClient(row));
      cache.set(id, { client, until: now + CACHE_MS });
      return client;
    },
    async insertIfAbsent(client) {
      cache.delete(client.id);
      const rows = await db.insert(clients).values({ ...client, redirectUris: JSON.stringify(client.redirectUris), scopes: JSON.stringify(client.scopes) })
        .onConflictDoNothing().returning({ id: clients.id });
      return rows.length > 0;
    },
    async setRedirectUris(id, redirectUris) {
      cache.delete(id);
      await db.update(clients).set({ redirectUris: JSON.stringify(redirectUris) }).where(eq(clients.id, id));
    },
    async list(tenant) {
      const rows = await db.select().from(clients).where(tenant === undefined ? undefined : eq(clients.tenant, tenant)).orderBy(asc(clients.createdAt), asc(clients.id));
      return rows.map(toClient);
    },
  };
}
