// Admin: a person's latest sign-ins (email, passkey, federated), read from the audit trail, newest first.
import type { Deps } from '../shared/deps.ts';
import type { StoredAuditEvent } from '../ports/audit.ts';
import { SIGN_IN_AUDIT_TYPES } from '../ports/report.ts';

export async function listSignIns(deps: Pick<Deps, 'stores'>, userId: string, limit = 20): Promise<StoredAuditEvent[]> {
  const lists = await Promise.all(SIGN_IN_AUDIT_TYPES.map((type) => deps.stores.audit.list({ userId, type, limit })));
  return lists.flat().sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).slice(0, limit);
}
