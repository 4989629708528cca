// InvitationStore on drizzle (filled in by the issue that needs it).
import type { InvitationStore } from '../core/ports/invitations.ts';
import type { Db } from './db.ts';

export function createInvitationStore(_db: Db): InvitationStore {
  return {};
}
