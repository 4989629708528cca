// The Cognito identity a user's tokens carry (`legacy_sub`, `cognito:username`): their first legacy link, as SQL to embed in reads.
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { legacyLinks } from '../../db/sqlite/schema.ts';

/** First by creation, then by sub: the same order UserStore.legacyLinks returns. */
export const firstLegacySub = (userId: SQLiteColumn): SQL<string | null> =>
  sql<string | null>`(select ${legacyLinks.sub} from ${legacyLinks} where ${legacyLinks.userId} = ${userId} order by ${legacyLinks.createdAt}, ${legacyLinks.sub} limit 1)`;

export const firstLegacyUsername = (userId: SQLiteColumn): SQL<string | null> =>
  sql<string | null>`(select ${legacyLinks.username} from ${legacyLinks} where ${legacyLinks.userId} = ${userId} order by ${legacyLinks.createdAt}, ${legacyLinks.sub} limit 1)`;
