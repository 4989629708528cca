// Admin: list a tenant's users with filters, one page at a time (cursor on the id).
import type { Deps } from '../shared/deps.ts';
import { adminUserJson, type AdminUserJson } from './admin-user-json.ts';
import { InvalidRequestError } from '../shared/errors.ts';
import { base64url } from 'jose';
import { normalizeEmail } from '../shared/email.ts';

export interface ListUsersInput {
  tenant: string;
  email?: string;
  freshlyMigrated?: boolean;
  cursor?: string;
  /** 1-200 */
  limit: number;
}

// Cursors are opaque to clients ("v1:" + last id, base64url) so the paging key can change later.
const encodeCursor = (id: string) => base64url.encode(`v1:${id}`);
function decodeCursor(cursor: string): string {
  try {
    const text = new TextDecoder().decode(base64url.decode(cursor));
    if (text.startsWith('v1:') && text.length > 3 && text.length <= 200) return text.slice(3);
  } catch {
    // fall through: not base64
  }
  throw new InvalidRequestError('cursor: is not a cursor this API returned', 'cursor');
}

export async function listUsers(deps: Pick<Deps, 'stores'>, input: ListUsersInput): Promise<{ users: AdminUserJson[]; nextCursor: string | null }> {
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 200) throw new TypeError('listUsers: "limit" must be an integer from 1 to 200');
  // One more than asked tells whether another page exists without a count query.
  const records = await deps.stores.adminUsers.list({
    tenant: input.tenant,
    email: input.email === undefined ? undefined : normalizeEmail(input.email),
    freshlyMigrated: input.freshlyMigrated,
    afterId: input.cursor === undefined ? undefined : decodeCursor(input.cursor),
    limit: input.limit + 1,
  });
  const page = records.slice(0, input.limit);
  const more = records.length > input.limit;
  return { users: page.map(adminUserJson), nextCursor: more ? encodeCursor(page[page.length - 1].user.id) : null };
}
