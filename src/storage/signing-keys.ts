// SigningKeyStore on drizzle.
import { asc, inArray, sql } from 'drizzle-orm';
import { signingKeys } from '../../db/sqlite/schema.ts';
import type { SigningKeyStore, StoredSigningKey } from '../core/ports/signing-keys.ts';
import type { Db } from './db.ts';

const toRow = (k: StoredSigningKey) => ({ ...k, publicJwk: JSON.stringify(k.publicJwk), privateJwk: JSON.stringify(k.privateJwk) });

export function createSigningKeyStore(db: Db): SigningKeyStore {
  return {
    async all() {
      const rows = await db.select().from(signingKeys).orderBy(asc(signingKeys.activateAt));
      return rows.map((r) => ({ ...r, alg: 'RS256' as const, publicJwk: JSON.parse(r.publicJwk), privateJwk: JSON.parse(r.privateJwk) }));
    },
    async insert(key) {
      await db.insert(signingKeys).values(toRow(key));
    },
    async insertFirst(key) {
      // One statement, so two instances starting together cannot both insert a "first" key.
      const r = toRow(key);
      const rows = await db.insert(signingKeys)
        .select(sql`select ${r.kid}, ${r.alg}, ${r.publicJwk}, ${r.privateJwk}, ${r.createdAt}, ${r.activateAt}
                    where not exists (select 1 from ${signingKeys})`)
        .returning({ kid: signingKeys.kid });
      return rows.length > 0;
    },
    async deleteMany(kids) {
      if (kids.length) await db.delete(signingKeys).where(inArray(signingKeys.kid, kids));
    },
  };
}
