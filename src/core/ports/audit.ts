// Port: the append-only audit trail.

export interface AuditEvent {
  type: string;
  tenant?: string | null;
  userId?: string | null;
  clientId?: string | null;
  ip?: string | null;
  /** Who acted, for admin actions: `admin_key:<id>` or `user:<id>` (SPEC §11). */
  actor?: string | null;
  detail?: Record<string, unknown>;
}

export interface StoredAuditEvent extends AuditEvent {
  id: string;
  at: number;
}

export interface AuditQuery {
  type?: string;
  userId?: string;
  /** events strictly older than this (at, id) position: the last row of the previous page */
  before?: { at: number; id: string };
  limit: number;
}

export interface AuditStore {
  record(event: AuditEvent, now: number): Promise<void>;
  /**
   * One atomic upsert on row `id`: the first call records the event with `refused: 1` and `lastAt`; later calls
   * with the same id add one to `refused` and move `lastAt` (refused requests, one row per limit window).
   */
  recordRefusal(id: string, event: AuditEvent, now: number): Promise<void>;
  /** Deletes up to `limit` of the oldest events recorded before `before` (retention); returns how many. */
  prune(before: number, limit: number): Promise<number>;
  /** Most recent first. */
  list(filter: AuditQuery): Promise<StoredAuditEvent[]>;
}
