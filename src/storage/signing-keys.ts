// SigningKeyStore on drizzle.
import { asc, inArray, sql } from 'drizzle-orm';
import { signingKeys } from '../../db/sqlite/schema.ts';
import type { SigningKeyStore, StoredSigningKey } from '../core/ports/signing-keys.ts';
import type { Db } from './db.ts';
import { dialectOf } from './dialect.ts';

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
      // One statement, so two instances starting together cannot both insert a "first" key on SQLite. PostgreSQL at
      // READ COMMITTED would let both see an empty table: there the insert waits its turn behind a transaction lock,
      // and its statement, started after the lock, sees the other's key.
      const r = toRow(key);
      const insert = db.insert(signingKeys)
        .select(sql`select cast(${r.kid} as text), cast(${r.alg} as text), cast(${r.publicJwk} as text), cast(${r.privateJwk} as text),
                    cast(${r.createdAt} as bigint), cast(${r.activateAt} as bigint)
                    where not exists (select 1 from ${signingKeys})`)
        .returning({ kid: signingKeys.kid });
      const turnstile = dialectOf(db).turnstile('signing-keys');
      if (!turnstile) return (await insert).length > 0;
      const batch = (db as unknown as { batch(q: unknown[]): Promise<unknown[]> }).batch;
      const [, rows] = await batch.call(db, [db.run(turnstile), insert]);
      return (rows as unknown[]).length > 0;
    },
    async deleteMany(kids) {
      if (kids.length) await db.delete(signingKeys).where(inArray(signingKeys.kid, kids));
    },
  };
}
