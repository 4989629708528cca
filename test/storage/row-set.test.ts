// rowSetStatement on every driver: rows in, each row's RETURNING fields out in order, decoded as drizzle decodes them
// (on better-sqlite3 the statement runs without drizzle's wrapper, so a column's own mapping must still apply).
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { users } from '../../db/sqlite/schema.ts';
import { allInTransaction, type Db } from '../../src/storage/db.ts';
import { rowSetStatement } from '../../src/storage/row-set.ts';
import { drivers, useStores } from '../helpers/drivers.ts';

describe.each(drivers)('row sets on $name', (driver) => {
  let db: Db;
  useStores(driver, (opened) => {
    db = opened.db;
  });

  it('returns the rows a set of rows selects, boolean and integer columns decoded, across padded and chunked statements', async () => {
    const people = Array.from({ length: 40 }, (_, i) => ({ id: `row-${i}`, tenant: 't', emailVerified: i % 3 === 0, createdAt: 1_700_000_000_000 + i, updatedAt: 0 }));
    for (let i = 0; i < people.length; i += 5) await db.insert(users).values(people.slice(i, i + 5)); // D1 binds at most 100 values
    // Columns as fields (what the better-sqlite3 path runs without drizzle's wrapper), the rows as the source.
    const pick = rowSetStatement<{ id: string }, { id: string; verified: boolean; createdAt: number; email: string | null }>(db, { id: 'text' }, 'j', (rows) => db
      .select({ id: users.id, verified: users.emailVerified, createdAt: users.createdAt, email: users.email }).from(users)
      .where(sql`${users.id} in (select j."id" from ${rows})`).orderBy(users.createdAt));
    for (const n of [1, 3, 40]) {
      const wanted = people.slice(0, n);
      const got = (await allInTransaction(db, pick(wanted.map(({ id }) => ({ id }))))).flat().sort((a, b) => a.createdAt - b.createdAt);
      expect(got).toEqual(wanted.map((p) => ({ id: p.id, verified: p.emailVerified, createdAt: p.createdAt, email: null })));
    }
  });
});
