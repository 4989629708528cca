// Lists a batch's recipients (e.g. the `unknown` ones an admin may resend), a page at a time.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { InvitationStatus } from '../ports/invitations.ts';

export interface InvitationListItem {
  userId: string;
  email: string;
  status: InvitationStatus;
  attempts: number;
  messageId: string | null;
  error: string | null;
  sentAt: number | null;
}

export async function listInvitations(
  deps: Pick<Deps, 'stores'>,
  batchId: string,
  filter: { status?: InvitationStatus; cursor?: string; limit: number },
): Promise<{ invitations: InvitationListItem[]; nextCursor: string | null }> {
  if (!(await deps.stores.invitations.findBatch(batchId))) throw new AuthError('not_found', `no invitation batch "${batchId.slice(0, 80)}"`);
  const rows = await deps.stores.invitations.list(batchId, { status: filter.status, after: filter.cursor, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return {
    invitations: page.map(({ userId, email, status, attempts, messageId, error, sentAt }) => ({ userId, email, status, attempts, messageId, error, sentAt })),
    nextCursor: rows.length > filter.limit ? page[page.length - 1].userId : null,
  };
}
