// `cutover invite` and `cutover report` through the real CLI in a child process.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invitationBatches } from '../../db/sqlite/schema.ts';
import { runCli } from '../helpers/cli.ts';
import { makeTestApp, tempDbPath } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { EXPECTED_TOTALS, seedMigrationScenario } from '../helpers/migration-scenario.ts';

describe('cutover invite', () => {
  it('counts who would be invited with --dry-run and writes nothing', async () => {
    const env = { CUTOVER_DB: tempDbPath() };
    const t = await makeTestApp(env);
    const invited = [];
    for (let i = 0; i < 3; i++) invited.push(await seedUser(t.deps, { freshlyMigrated: true }));
    await seedUser(t.deps, { freshlyMigrated: true, enabled: false });
    await seedUser(t.deps, { freshlyMigrated: true, email: null, emailVerified: false });
    await seedUser(t.deps, { freshlyMigrated: false });
    const r = await runCli(['invite', '--freshly-migrated', '--dry-run', '--json'], env);
    expect(r.code).toBe(0);
    // issue 18 (newcomer): who, and why the others were left out; it used to be a count only
    const expected = [...invited].sort((a, b) => (a.id < b.id ? -1 : 1)).map((u) => ({ userId: u.id, email: u.email }));
    expect(r.json()).toEqual({
      dryRun: true, wouldQueue: 3, tenant: 'default', clientId: 'account', recipients: expected,
      leftOut: { disabled: 1, noEmail: 1, notFreshlyMigrated: 1, notInTenant: 0 },
    });
    expect(await t.db.select().from(invitationBatches)).toEqual([]);
    const text = await runCli(['invite', '--freshly-migrated', '--dry-run'], env);
    expect(text.stdout).toMatch(/would invite 3 people of tenant default/);
    for (const u of invited) expect(text.stdout).toContain(u.email!);
    expect(text.stdout).toContain('left out:\n  1 disabled (cannot sign in)\n  1 without an email address');
    expect(text.stdout).toContain('1 already signed in here (not freshly migrated)');
  });

  it('creates a batch, shows its progress, and explains bad flags in one line', async () => {
    const env = { CUTOVER_DB: tempDbPath() };
    const t = await makeTestApp(env);
    await seedUser(t.deps, { freshlyMigrated: true });
    const created = await runCli(['invite', '--freshly-migrated', '--json'], env);
    expect(created.code).toBe(0);
    const { batchId, queued } = created.json();
    expect(queued).toBe(1);
    expect(created.stderr).toContain(`batch ${batchId}: 1 invitation(s) queued`);
    expect((await runCli(['invite', '--batch', batchId, '--json'], env)).json()).toEqual({ batchId, queued: 1, sent: 0, failed: 0, unknown: 0, done: false, delivered: 0, bounced: 0, complained: 0, suppressed: 0, paused: false, pauseReason: null, rampLimit: null });

    const usage = await runCli(['invite'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim()).toBe('cutover invite: --freshly-migrated (or --user-id ID ...) is required');
    const both = await runCli(['invite', '--freshly-migrated', '--user-id', 'usr_1'], env);
    expect(both.code).toBe(2);
    const tenant = await runCli(['invite', '--freshly-migrated', '--tenant', 'no spaces'], env);
    expect(tenant.code).toBe(2);
    expect(tenant.stderr).toMatch(/^cutover invite: --tenant: /);
    const otherTenant = await runCli(['invite', '--freshly-migrated', '--tenant', 'acme', '--json'], env);
    expect(otherTenant.code).toBe(1);
    expect(otherTenant.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/^clientId: client "account" belongs to tenant "default"/) });
    // The ramp's flags: checked by the request's rules, named by flag; a ramp needs SES events configured.
    const ramp = await runCli(['invite', '--freshly-migrated', '--ramp-first', '0'], env);
    expect(ramp.code).toBe(2);
    expect(ramp.stderr).toMatch(/^cutover invite: --ramp-first: /);
    expect((await runCli(['invite', '--freshly-migrated', '--ramp-first', '10', '--ramp-growth', 'x'], env)).stderr).toMatch(/^cutover invite: --ramp-growth: /);
    const noEvents = await runCli(['invite', '--freshly-migrated', '--ramp-first', '10', '--json'], env);
    expect(noEvents.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/^ramp: needs SES events/) });
    const missing = await runCli(['invite', '--batch', 'inv_nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('cutover report', () => {
  it('prints the report as JSON and writes a self-contained HTML page with a chart', async () => {
    const env = { CUTOVER_DB: tempDbPath() };
    const t = await makeTestApp(env);
    await seedMigrationScenario(t.db);
    const file = join(mkdtempSync(join(tmpdir(), 'cutover-report-')), 'report.html');
    const r = await runCli(['report', '--json', '--html', file], env);
    expect(r.code).toBe(0);
    const report = r.json();
    expect(report.totals).toEqual(EXPECTED_TOTALS);
    expect(report.projection).toMatchObject({ targetShare: 0.9, p: expect.any(Number) });
    // The scenario is in 2025; the daily series covers the latest 366 days up to today (real clock here).
    expect(report.daily).toHaveLength(366);
    expect(report.daily.at(-1).date).toBe(new Date().toISOString().slice(0, 10));
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('Signed in since import</th><td>3</td>');
    expect(html).not.toMatch(/<script|<link|src="http/); // self-contained
    const text = await runCli(['report', '--target-share', '0.5'], env);
    expect(text.stdout).toContain('imported 10  conflicts 2  disabled 1');
    expect((await runCli(['report', '--target-share', '2'], env)).code).toBe(2);
  });
});
