// Issue 18 (newcomer): minutes after an import the report says it is too early to project instead of "100 %, 90 % in
// 1 day"; the chart shows each observed day as a visible point; people without an email are counted.
import { describe, expect, it } from 'vitest';
import { importUsers } from '../../src/core/import/import-users.ts';
import { buildMigrationReport } from '../../src/core/report/build-migration-report.ts';
import { renderReportHtml } from '../../src/cli/report-html.ts';
import type { CognitoUserRecord } from '../../src/core/import/import-mapping.ts';
import { makeTestApp } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { arraySource } from '../helpers/import-source.ts';

const person = (i: number, email: string | null): CognitoUserRecord => ({
  Username: `u${i}`, Enabled: true, UserStatus: 'CONFIRMED',
  Attributes: [{ Name: 'sub', Value: `c0000000-0000-4000-8000-00000000000${i}` }, ...(email ? [{ Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] : [])],
});

describe('the report right after an import', () => {
  it('is too early to project, draws the one observed day as a dot, and counts who cannot sign in', async () => {
    const clock = testClock(Date.UTC(2026, 5, 1, 9));
    const t = await makeTestApp({}, { clock });
    await importUsers(t.deps, arraySource([1, 2, 3, 4].map((i) => person(i, `p${i}@example.com`)).concat(person(5, null))), { tenant: 'default' });
    clock.advance(10 * 60_000);
    const early = (await t.deps.stores.users.findByEmail('default', 'p1@example.com'))!;
    await t.deps.stores.users.recordSignIn(early.id, clock.now(), true);

    const { report, chart } = await buildMigrationReport(t.deps, { tenant: 'default' });
    expect(report.totals).toMatchObject({ imported: 5, signedInSinceImport: 1, noEmail: 1 });
    // one sign-in in ten minutes is P ≈ 100 % a day; that is no basis for a date
    expect(report.projection).toMatchObject({ tooEarly: true, days: null, etaDate: null, targetShare: 0.9 });
    expect(chart.projected).toEqual([]);
    const html = renderReportHtml(report, chart, { tenant: 'default', generatedAt: clock.now(), productName: 'cutover' });
    expect(html).toContain('Too early to project: it needs at least 3 people signed in and a day of observation per person. 1 of 5 signed in so far.');
    expect(html).not.toContain('Daily sign-in probability');
    expect(html.match(/<circle /g)).toHaveLength(chart.observed.length);
    expect(html).toContain('Cannot sign in (no email)</th><td>1</td>');
  });
});
