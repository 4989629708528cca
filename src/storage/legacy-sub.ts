// The Cognito identity a user's tokens carry (`legacy_sub`, `cognito:username`): their first legacy link, as SQL to embed in reads.
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { legacyLinks } from '../../db/sqlite/schema.ts';

/**
 * The link whose profile the user has comes first: the one the import created the user from (source_hash `c:`), not a
 * link merged into it later (`m:`), even when both were made in the same instant; then by creation, then by sub.
 * UserStore.legacyLinks returns the same order.
 */
export const legacyLinkOrder = [sql`case when ${legacyLinks.sourceHash} like 'm:%' then 1 else 0 end`, legacyLinks.createdAt, legacyLinks.sub];

// `userId` may be a fragment: an UPDATE's RETURNING renders a column without its table, which a subquery would misread.
export const firstLegacySub = (userId: SQLiteColumn | SQL): SQL<string | null> =>
  sql<string | null>`(select ${legacyLinks.sub} from ${legacyLinks} where ${legacyLinks.userId} = ${userId} order by ${sql.join(legacyLinkOrder, sql`, `)} limit 1)`;

export const firstLegacyUsername = (userId: SQLiteColumn | SQL): SQL<string | null> =>
  sql<string | null>`(select ${legacyLinks.username} from ${legacyLinks} where ${legacyLinks.userId} = ${userId} order by ${sql.join(legacyLinkOrder, sql`, `)} limit 1)`;
