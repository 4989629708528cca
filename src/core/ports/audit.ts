// Port: the append-only audit trail.

export interface AuditEvent {
  type: string;
  tenant?: string | null;
  userId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditStore {
  record(event: AuditEvent, now: number): Promise<void>;
  /** Most recent first. */
  list(filter: { type?: string; userId?: string; limit: number }): Promise<(AuditEvent & { id: string; at: number })[]>;
}
