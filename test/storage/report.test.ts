// Storage conformance: the migration report's figures from a hand-checked scenario, on every driver.
import { describe, expect, it } from 'vitest';
import type { Stores } from '../../src/core/ports/index.ts';
import { drivers, useStores } from '../helpers/drivers.ts';
import { DAY, EXPECTED_EXPOSURE_DAYS, EXPECTED_TOTALS, NOW, T0, seedMigrationScenario } from '../helpers/migration-scenario.ts';

describe.each(drivers)('report figures on $name', (driver) => {
  let stores: Stores;
  useStores(driver, async (opened) => {
    stores = opened.stores;
    await seedMigrationScenario(opened.db);
  });

  it('counts imported people, their sign-ins, passkeys and invitations exactly', async () => {
    const f = await stores.report.migrationFigures('default', NOW, T0 - 30 * DAY);
    expect(f.totals).toEqual(EXPECTED_TOTALS);
    expect(f.daily).toEqual([
      { date: '2025-01-03', signIns: 1, emailVerified: 1, passkeysAdded: 1, firstSignIns: 1 },
      { date: '2025-01-05', signIns: 2, emailVerified: 1, passkeysAdded: 0, firstSignIns: 2 },
      { date: '2025-01-06', signIns: 1, emailVerified: 0, passkeysAdded: 0, firstSignIns: 0 },
    ]);
    expect(f.atRisk.users).toBe(9);
    expect(f.atRisk.signedIn).toBe(3);
    expect(f.atRisk.exposureDays).toBeCloseTo(EXPECTED_EXPOSURE_DAYS, 9);
    expect(f.firstImportAt).toBe(T0);
  });

  it('bounds the daily series and keeps tenants apart', async () => {
    const f = await stores.report.migrationFigures('default', NOW, T0 + 4 * DAY);
    expect(f.daily.map((d) => d.date)).toEqual(['2025-01-05', '2025-01-06']);
    const acme = await stores.report.migrationFigures('acme', NOW, 0);
    expect(acme.totals).toEqual({ imported: 1, conflicts: 1, disabled: 0, emailVerified: 0, withPasskey: 0, signedInSinceImport: 1, invited: 0, reachable: 1 });
    const empty = await stores.report.migrationFigures('nobody', NOW, 0);
    expect(empty).toEqual({
      totals: { imported: 0, conflicts: 0, disabled: 0, emailVerified: 0, withPasskey: 0, signedInSinceImport: 0, invited: 0, reachable: 0 },
      daily: [], atRisk: { users: 0, signedIn: 0, exposureDays: 0 }, firstImportAt: null,
    });
  });
});
