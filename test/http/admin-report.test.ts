// GET /v1/admin/report: the figures of a hand-checked scenario, exactly, over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { EXPECTED_TOTALS, NOW, seedMigrationScenario } from '../helpers/migration-scenario.ts';

describe('GET /v1/admin/report', () => {
  let s: TestServer;
  let key: string;
  beforeAll(async () => {
    s = await startTestServer({}, { clock: testClock(NOW) });
    await seedMigrationScenario(s.db);
    ({ key } = await createAdminKey(s.deps, 'test'));
  });
  afterAll(() => s.close());
  const get = (q = '') => fetch(`${s.url}/v1/admin/report${q}`, { headers: { authorization: `Bearer ${key}` } });

  it('matches the seeded scenario exactly', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['totals', 'daily', 'projection']);
    expect(body.totals).toEqual(EXPECTED_TOTALS);
    const zero = (date: string) => ({ date, signIns: 0, emailVerified: 0, passkeysAdded: 0 });
    expect(body.daily).toEqual([
      zero('2025-01-01'), zero('2025-01-02'),
      { date: '2025-01-03', signIns: 1, emailVerified: 1, passkeysAdded: 1 },
      zero('2025-01-04'),
      { date: '2025-01-05', signIns: 2, emailVerified: 1, passkeysAdded: 0 },
      { date: '2025-01-06', signIns: 1, emailVerified: 0, passkeysAdded: 0 },
      zero('2025-01-07'), zero('2025-01-08'), zero('2025-01-09'), zero('2025-01-10'), zero('2025-01-11'),
    ]);
    // 3 of the 9 enabled imported people signed in over 73.375 days of exposure: P = 1 − e^(−3/73.375);
    // from 1/3 signed in, 90% needs D = ⌈ln(0.1 / (2/3)) / ln(1 − P)⌉ = 47 days.
    expect(body.projection).toEqual({ p: 0.040061, targetShare: 0.9, days: 47, etaDate: '2025-02-27', tooEarly: false });
  });

  it('takes another target share and tenant, and names a bad parameter', async () => {
    expect((await (await get('?targetShare=0.5')).json()).projection).toEqual({ p: 0.040061, targetShare: 0.5, days: 8, etaDate: '2025-01-19', tooEarly: false });
    const acme = await (await get('?tenant=acme')).json();
    expect(acme.totals).toMatchObject({ imported: 1, conflicts: 1, signedInSinceImport: 1 });
    for (const q of ['?targetShare=1', '?targetShare=0', '?targetShare=abc', '?tenant=a%20b']) {
      const res = await get(q);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error).toBe('invalid_request');
      expect(body.message).toMatch(q.includes('tenant') ? /^tenant/ : /^targetShare/);
    }
    expect((await fetch(`${s.url}/v1/admin/report`)).status).toBe(401);
  });
});
