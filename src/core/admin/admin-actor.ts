// Who performs an admin action and from where: every admin use case takes one and writes it into the audit (SPEC §11).
import type { Deps } from '../shared/deps.ts';
import type { AuditEvent } from '../ports/audit.ts';

export interface AdminActor {
  /** `admin_key:<id>` (a machine with an admin key) or `user:<id>` (a person in the console) */
  actor: string;
  /** the client IP the runtime saw */
  ip: string | null;
}

export const adminKeyActor = (keyId: string, ip: string | null): AdminActor => ({ actor: `admin_key:${keyId}`, ip });
export const consoleActor = (userId: string, ip: string | null): AdminActor => ({ actor: `user:${userId}`, ip });
/** The CLI runs on the server with the database in hand: it says so rather than pretending to be a key. */
export const cliActor = (): AdminActor => ({ actor: 'cli', ip: null });

export async function auditAdmin(deps: Pick<Deps, 'stores'>, by: AdminActor, event: Omit<AuditEvent, 'actor' | 'ip'>, now: number): Promise<void> {
  await deps.stores.audit.record({ ...event, actor: by.actor, ip: by.ip }, now);
}
