// Admin: a person's latest sign-ins (email and passkey), read from the audit trail, newest first.
import type { Deps } from '../shared/deps.ts';
import type { StoredAuditEvent } from '../ports/audit.ts';

const SIGN_IN_TYPES = ['email.sign_in.succeeded', 'passkey.sign_in.succeeded'];

export async function listSignIns(deps: Pick<Deps, 'stores'>, userId: string, limit = 20): Promise<StoredAuditEvent[]> {
  const lists = await Promise.all(SIGN_IN_TYPES.map((type) => deps.stores.audit.list({ userId, type, limit })));
  return lists.flat().sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).slice(0, limit);
}
