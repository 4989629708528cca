// Audit retention (CUTOVER_AUDIT_RETENTION_DAYS): events older than the retention go, a bounded batch at a time.
import type { Deps } from '../shared/deps.ts';

/** Rows per DELETE: small enough that a year of backlog never holds SQLite's write lock for long. */
export const AUDIT_PRUNE_BATCH = 5_000;
/** Batches per run; whatever is left goes at the next run (housekeeping runs hourly). */
const MAX_BATCHES = 20;

export async function pruneAuditLog(deps: Pick<Deps, 'stores' | 'clock' | 'config'>): Promise<number> {
  const before = deps.clock.now() - deps.config.auditRetentionDays * 86_400_000;
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await deps.stores.audit.prune(before, AUDIT_PRUNE_BATCH);
    total += n;
    if (n < AUDIT_PRUNE_BATCH) break;
  }
  return total;
}
