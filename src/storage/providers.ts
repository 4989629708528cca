// ProviderStore on drizzle: a tenant's upstream identity providers (settings as JSON, the secret sealed).
import { and, asc, eq } from 'drizzle-orm';
import { identityProviders } from '../../db/sqlite/schema.ts';
import type { Provider, ProviderStore, ProviderType } from '../core/ports/federation.ts';
import type { Db } from './db.ts';
import { parseJson } from './json.ts';

type Row = typeof identityProviders.$inferSelect;
const toProvider = (r: Row): Provider => ({
  tenant: r.tenant, name: r.name, type: r.type as ProviderType, settings: parseJson(r.config, {}), secretSealed: r.secretSealed,
  createdAt: r.createdAt, updatedAt: r.updatedAt,
});

export function createProviderStore(db: Db): ProviderStore {
  return {
    async upsert(p) {
      const row = { tenant: p.tenant, name: p.name, type: p.type, config: JSON.stringify(p.settings), secretSealed: p.secretSealed, createdAt: p.createdAt, updatedAt: p.updatedAt };
      await db.insert(identityProviders).values(row).onConflictDoUpdate({
        target: [identityProviders.tenant, identityProviders.name],
        set: { type: row.type, config: row.config, secretSealed: row.secretSealed, updatedAt: row.updatedAt },
      });
    },
    async find(tenant, name) {
      const [row] = await db.select().from(identityProviders).where(and(eq(identityProviders.tenant, tenant), eq(identityProviders.name, name)));
      return row ? toProvider(row) : null;
    },
    async list(tenant) {
      const base = db.select().from(identityProviders);
      const rows = tenant === undefined ? await base.orderBy(asc(identityProviders.tenant), asc(identityProviders.name))
        : await base.where(eq(identityProviders.tenant, tenant)).orderBy(asc(identityProviders.name));
      return rows.map(toProvider);
    },
    async remove(tenant, name) {
      const rows = await db.delete(identityProviders).where(and(eq(identityProviders.tenant, tenant), eq(identityProviders.name, name))).returning({ name: identityProviders.name });
      return rows.length > 0;
    },
  };
}
