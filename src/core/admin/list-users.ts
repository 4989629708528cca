// Admin: list a tenant's users with filters, one page at a time (cursor on the id; on the address for a prefix search).
import type { Deps } from '../shared/deps.ts';
import { adminUserJson, type AdminUserJson } from './admin-user-json.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { normalizeEmail } from '../shared/email.ts';
import { InvalidRequestError } from '../shared/errors.ts';

const EMAIL_KEY = 'email:';

export interface ListUsersInput {
  tenant: string;
  email?: string;
  /** the start of the address, any case */
  emailPrefix?: string;
  role?: string;
  legacySub?: string;
  freshlyMigrated?: boolean;
  signedIn?: boolean;
  cursor?: string;
  /** 1-200 */
  limit: number;
}


export async function listUsers(deps: Pick<Deps, 'stores'>, input: ListUsersInput): Promise<{ users: AdminUserJson[]; nextCursor: string | null }> {
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 200) throw new TypeError('listUsers: "limit" must be an integer from 1 to 200');
  // A prefix search pages by address ("email:" keys), every other list by id: a cursor of one kind is refused by the other.
  const byEmail = input.emailPrefix !== undefined;
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  if (after !== undefined && after.startsWith(EMAIL_KEY) !== byEmail) {
    throw new InvalidRequestError('cursor: belongs to another search (keep the same filters while paging)', 'cursor');
  }
  // One more than asked tells whether another page exists without a count query.
  const records = await deps.stores.adminUsers.list({
    tenant: input.tenant,
    email: input.email === undefined ? undefined : normalizeEmail(input.email),
    emailPrefix: input.emailPrefix === undefined ? undefined : normalizeEmail(input.emailPrefix),
    role: input.role,
    legacySub: input.legacySub,
    freshlyMigrated: input.freshlyMigrated,
    signedIn: input.signedIn,
    afterId: after !== undefined && !byEmail ? after : undefined,
    afterEmail: after !== undefined && byEmail ? after.slice(EMAIL_KEY.length) : undefined,
    limit: input.limit + 1,
  });
  const page = records.slice(0, input.limit);
  const last = page[page.length - 1]?.user;
  const more = records.length > input.limit;
  return { users: page.map(adminUserJson), nextCursor: more ? encodeCursor(byEmail ? `${EMAIL_KEY}${normalizeEmail(last.email ?? '')}` : last.id) : null };
}
