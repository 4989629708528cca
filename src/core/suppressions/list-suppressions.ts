// Lists suppressed addresses for admins (SPEC §13), in address order with a keyset cursor.
import type { Deps } from '../shared/deps.ts';
import type { Suppression } from '../ports/suppressions.ts';

export async function listSuppressions(
  deps: Pick<Deps, 'stores'>, input: { cursor?: string; limit: number },
): Promise<{ suppressions: Suppression[]; nextCursor: string | null }> {
  // One more than asked tells whether another page exists.
  const rows = await deps.stores.suppressions.list({ after: input.cursor, limit: input.limit + 1 });
  const page = rows.slice(0, input.limit);
  return { suppressions: page, nextCursor: rows.length > input.limit ? page[page.length - 1].email : null };
}
