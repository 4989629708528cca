// The report's figures: computed on every view for a small tenant; for a large one reused, refreshed behind a view
// once a minute old, and never served older than the bound.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { cachedMigrationFigures, REPORT_CACHE_MIN_IMPORTED, REPORT_FRESH_MS, REPORT_MAX_STALE_MS } from '../../src/core/report/cached-migration-figures.ts';
import type { MigrationFigures } from '../../src/core/ports/report.ts';
import type { Stores } from '../../src/core/ports/index.ts';

beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
afterEach(() => vi.useRealTimers());

function fakeStores(imported: number) {
  let computed = 0;
  const figures = (): MigrationFigures => ({
    totals: { imported, conflicts: 0, disabled: 0, emailVerified: 0, withPasskey: 0, signedInSinceImport: computed, invited: 0, reachable: 0, noEmail: 0 },
    daily: [], atRisk: { users: imported, signedIn: 0, exposureDays: 0 }, firstImportAt: null,
  });
  const stores = { report: { migrationFigures: async () => { computed += 1; return figures(); } } } as unknown as Stores;
  return { deps: { stores }, computed: () => computed };
}

const signedIn = async (deps: { stores: Stores }) => (await cachedMigrationFigures(deps, 'default', 0, 0)).totals.signedInSinceImport;

it('computes a small tenant on every view', async () => {
  const small = fakeStores(REPORT_CACHE_MIN_IMPORTED - 1);
  for (let i = 1; i <= 3; i++) expect(await signedIn(small.deps)).toBe(i);
});

it('reuses a large tenant\'s figures, refreshes them behind a view once stale, and never serves them past the bound', async () => {
  const big = fakeStores(REPORT_CACHE_MIN_IMPORTED);
  expect(await signedIn(big.deps)).toBe(1);
  expect(await signedIn(big.deps)).toBe(1);
  expect(big.computed()).toBe(1);
  vi.setSystemTime(Date.now() + REPORT_FRESH_MS);
  // This view still gets the old figures; one fresh computation runs behind it, and the next view sees it.
  expect(await signedIn(big.deps)).toBe(1);
  await Promise.resolve();
  expect(big.computed()).toBe(2);
  expect(await signedIn(big.deps)).toBe(2);
  vi.setSystemTime(Date.now() + REPORT_MAX_STALE_MS);
  expect(await signedIn(big.deps)).toBe(3);
  expect(big.computed()).toBe(3);
});
