// ClientStore on drizzle.
import { asc, eq, sql } from 'drizzle-orm';
import { clients } from '../../db/sqlite/schema.ts';
import type { Client, ClientStore } from '../core/ports/clients.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

type Row = typeof clients.$inferSelect;

export const toClient = (row: Row): Client => ({
  id: row.id,
  tenant: row.tenant,
  name: row.name,
  redirectUris: parseJson(row.redirectUris, []),
  audience: row.audience,
  createdAt: row.createdAt,
  confidential: row.confidential,
  secretHash: row.secretHash,
  previousSecretHash: row.previousSecretHash,
  previousSecretExpiresAt: row.previousSecretExpiresAt,
  grantTypes: parseJson(row.grantTypes, []),
  scopes: parseJson(row.scopes, []),
  logoutUris: parseJson(row.logoutUris, []),
  readAttributes: row.readAttributes === null ? null : parseJson(row.readAttributes, []),
  accessTokenTtl: row.accessTokenTtl,
  idTokenTtl: row.idTokenTtl,
  refreshTokenTtl: row.refreshTokenTtl,
  allowCognitoSessionSwap: row.allowCognitoSessionSwap,
});

function toRow(client: Client, now: number): typeof clients.$inferInsert {
  return {
    ...client,
    redirectUris: JSON.stringify(client.redirectUris),
    grantTypes: JSON.stringify(client.grantTypes),
    scopes: JSON.stringify(client.scopes),
    logoutUris: JSON.stringify(client.logoutUris),
    readAttributes: client.readAttributes === null ? null : JSON.stringify(client.readAttributes),
    updatedAt: now,
  };
}

/**
 * Every sign-in and token request looks its client up, and clients are never deleted: found clients are kept this
 * long, so a change made by another instance shows within it (this instance's own changes show at once).
 * Unknown ids are not cached, so a new client works everywhere immediately.
 */
const CACHE_MS = 5_000;

export function createClientStore(db: Db): ClientStore {
  const byId = db.select().from(clients).where(eq(clients.id, sql.placeholder('id'))).prepare();
  const cache = new Map<string, { client: Client; until: number }>();
  const readFresh = async (id: string) => {
    const [row] = await byId.all({ id });
    return row ? toClient(row) : null;
  };
  return {
    async findById(id) {
      const now = Date.now();
      const hit = cache.get(id);
      if (hit && hit.until > now) return hit.client;
      const client = await readFresh(id);
      if (!client) return null;
      cache.set(id, { client: Object.freeze(client), until: now + CACHE_MS });
      return client;
    },
    async insertIfAbsent(client) {
      cache.delete(client.id);
      const rows = await db.insert(clients).values(toRow(client, client.createdAt)).onConflictDoNothing().returning({ id: clients.id });
      return rows.length > 0;
    },
    async upsert(client) {
      cache.delete(client.id);
      const before = await readFresh(client.id);
      const { createdAt: _c, ...changes } = toRow(client, Date.now());
      await db.insert(clients).values(toRow(client, client.createdAt)).onConflictDoUpdate({ target: clients.id, set: changes });
      if (!before) return 'created';
      return JSON.stringify({ ...before, createdAt: 0 }) === JSON.stringify({ ...client, createdAt: 0 }) ? 'unchanged' : 'updated';
    },
    async setRedirectUris(id, redirectUris) {
      cache.delete(id);
      await db.update(clients).set({ redirectUris: JSON.stringify(redirectUris) }).where(eq(clients.id, id));
    },
    async rotateSecret(id, secretHash, previousHash, previousExpiresAt) {
      cache.delete(id);
      await db.update(clients).set({ secretHash, previousSecretHash: previousHash, previousSecretExpiresAt: previousExpiresAt, updatedAt: Date.now() })
        .where(eq(clients.id, id));
    },
    async list(tenant) {
      const rows = await db.select().from(clients).where(tenant === undefined ? undefined : eq(clients.tenant, tenant)).orderBy(asc(clients.createdAt), asc(clients.id));
      return rows.map(toClient);
    },
  };
}
