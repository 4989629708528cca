// ClientStore on drizzle.
import { eq, sql } from 'drizzle-orm';
import { clients } from '../../db/schema.ts';
import type { Client, ClientStore } from '../core/ports/clients.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

export const toClient = (row: typeof clients.$inferSelect): Client => ({ ...row, redirectUris: parseJson(row.redirectUris, []) });

export function createClientStore(db: Db): ClientStore {
  const byId = db.select().from(clients).where(eq(clients.id, sql.placeholder('id'))).limit(1).prepare();
  return {
    async findById(id) {
      const [row] = await byId.all({ id });
      return row ? toClient(row) : null;
    },
    async insertIfAbsent(client) {
      const rows = await db.insert(clients).values({ ...client, redirectUris: JSON.stringify(client.redirectUris) })
        .onConflictDoNothing().returning({ id: clients.id });
      return rows.length > 0;
    },
    async setRedirectUris(id, redirectUris) {
      await db.update(clients).set({ redirectUris: JSON.stringify(redirectUris) }).where(eq(clients.id, id));
    },
  };
}
