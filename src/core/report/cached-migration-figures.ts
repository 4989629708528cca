// The report's figures with bounded staleness for large tenants: computing them reads every imported person, so a
// tenant of a million is not recomputed on every view of the report or the console's front page.
import type { Deps } from '../shared/deps.ts';
import type { MigrationFigures } from '../ports/report.ts';

/** Below this many imported people the figures are computed on every view: cheap, and always exact. */
export const REPORT_CACHE_MIN_IMPORTED = 10_000;
/** A large tenant's figures are reused for this long... */
export const REPORT_FRESH_MS = 60_000;
/**
 * ...then the next view still gets them while one fresh computation runs behind it; figures older than this are
 * never served (that view waits for a fresh computation). So a view is at most this stale.
 */
export const REPORT_MAX_STALE_MS = 10 * 60_000;

interface Cached {
  figures: MigrationFigures;
  /** wall-clock ms (staleness is physical time, whatever clock the domain runs on) */
  at: number;
  refreshing: Promise<unknown> | null;
}

/** One cache per set of stores (one per process, or per Workers isolate). */
const caches = new WeakMap<object, Map<string, Cached>>();

export async function cachedMigrationFigures(deps: Pick<Deps, 'stores'>, tenant: string, now: number, since: number): Promise<MigrationFigures> {
  let cache = caches.get(deps.stores);
  if (!cache) caches.set(deps.stores, (cache = new Map()));
  const compute = async () => {
    const figures = await deps.stores.report.migrationFigures(tenant, now, since);
    if (figures.totals.imported >= REPORT_CACHE_MIN_IMPORTED) cache.set(tenant, { figures, at: Date.now(), refreshing: null });
    else cache.delete(tenant);
    return figures;
  };
  const hit = cache.get(tenant);
  const age = hit ? Date.now() - hit.at : Infinity;
  if (!hit || age >= REPORT_MAX_STALE_MS) return compute();
  if (age >= REPORT_FRESH_MS && !hit.refreshing) {
    // Behind this view: a failure leaves the old figures, and the next view after REPORT_FRESH_MS tries again.
    hit.refreshing = compute().catch((e) => {
      hit.refreshing = null;
      console.error('cutover: recomputing the migration report failed', e);
    });
  }
  return hit.figures;
}
