// The admin console in Chromium: an admin signs in with a passkey, disables and re-enables a freshly migrated person,
// runs an invitation campaign to the end, checks the report chart against the API; a person deletes their own account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { runBackgroundJobs } from '../../src/runtime/background.ts';
import { cliActor } from '../../src/core/admin/admin-actor.ts';
import { grantAdmin } from '../../src/core/admin/grant-admin.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import { ACCOUNT_CLIENT_ID, requireClient } from '../../src/core/clients/clients.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { arraySource } from '../helpers/import-source.ts';
import { importUsers } from '../../src/core/import/import-users.ts';
import { addVirtualAuthenticator, instrumentWebAuthn, launchChromium, newContext, screenshots, mailedCode, signInByEmailCode } from './browser.ts';

let t: TestServer;
let browser: Browser;
beforeAll(async () => {
  t = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});



const refresh = (token: string) => fetch(`${t.url}/v1/token`, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: ACCOUNT_CLIENT_ID }),
});

describe('the admin console in Chromium', () => {
  it('an admin signs in with a passkey, disables and re-enables a person, runs a campaign and reads the report', async () => {
    await grantAdmin(t.deps, cliActor(), 'chief@example.com');
    // Four people imported from a Cognito pool (freshly migrated), so the report has figures to draw.
    const rec = (sub: string, email: string) => ({ Username: sub, Enabled: true, UserStatus: 'CONFIRMED', Attributes: [{ Name: 'sub', Value: sub }, { Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }] });
    await importUsers(t.deps, arraySource([rec('s-new', 'newbie@shop.example'), rec('s-2', 'two@shop.example'), rec('s-3', 'three@shop.example'), rec('s-4', 'four@shop.example')], { pool: 'eu-west-1_E2e' }), { tenant: 'default' });
    const fresh = (await t.deps.stores.users.findByEmail('default', 'newbie@shop.example'))!;
    const tokens = await issueTokenSet(t.deps, { user: fresh, client: await requireClient(t.deps, ACCOUNT_CLIENT_ID), amr: ['otp'] });

    const context = await newContext(browser);
    const page = await context.newPage();
    await instrumentWebAuthn(page, { autofill: false });
    await addVirtualAuthenticator(page);
    // First visit: email code, then a passkey on /account; signed out, the console asks for a sign-in and the passkey does it.
    await signInByEmailCode(t, page, `${t.url}/login`, 'chief@example.com');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey added.').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.goto(`${t.url}/admin`);
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect_uri') === `${t.url}/admin`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.waitForURL((u) => u.pathname === '/admin' && !u.searchParams.has('code'));
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === 'cutover_admin')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });

    // Find the freshly migrated person and disable them: their refresh token stops working at once.
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByLabel('Email starts with').fill('newbie');
    await page.getByLabel('Freshly migrated').selectOption('true');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('link', { name: 'newbie@shop.example' }).click();
    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Done.').waitFor();
    expect(await page.locator('#status').textContent()).toBe('disabled');
    expect((await refresh(tokens.refresh_token)).status).toBe(400);
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByText('Done.').waitFor();
    expect(await page.locator('#status').textContent()).toBe('enabled');
    const personPath = new URL(page.url()).pathname;

    // A campaign: the dry-run count first, then live progress until done (the page refreshes itself).
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('button', { name: 'Count first (dry run)' }).click();
    expect(await page.locator('#would-queue').textContent()).toBe('This campaign would invite 4 people.');
    await page.getByRole('button', { name: 'Start the campaign' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/admin/invitations/inv_'));
    const campaignPath = new URL(page.url()).pathname;
    for (let i = 0; i < 100 && (await page.locator('#campaign-state').getAttribute('data-done')) !== 'true'; i++) {
      await runBackgroundJobs(t.deps);
      await page.waitForTimeout(500);
    }
    expect(await page.locator('#campaign-state').getAttribute('data-done')).toBe('true');
    expect(await page.locator('[data-count="sent"] .n').textContent()).toBe('4');

    // The report's chart says what the API says.
    await page.getByRole('link', { name: 'Report' }).click();
    const key = (await createAdminKey(t.deps, 'e2e')).key;
    const api = await (await fetch(`${t.url}/v1/admin/report`, { headers: { authorization: `Bearer ${key}` } })).json();
    const bars = await page.locator('#sign-ins-chart rect.bar').evaluateAll((els) => els.map((e) => ({ date: e.getAttribute('data-date'), signIns: Number(e.getAttribute('data-value')) })));
    expect(bars).toEqual(api.daily.slice(-60).map((d: { date: string; signIns: number }) => ({ date: d.date, signIns: d.signIns })));
    expect(bars.length).toBeGreaterThan(0);
    expect(await page.locator('[data-total="invited"] .n').textContent()).toBe(String(api.totals.invited));
    expect(await page.locator('[data-total="imported"] .n').textContent()).toBe('4');
    expect(await page.locator('#projection-chart').getAttribute('data-target')).toBe(String(api.projection.targetShare));

    // Screenshots of each console page, desktop and phone, English and French.
    const shots: string[] = [];
    for (const [name, path] of [['admin-overview', '/admin'], ['admin-people', '/admin/people'], ['admin-person', personPath], ['admin-imports', '/admin/imports'],
      ['admin-invitations', '/admin/invitations'], ['admin-campaign', campaignPath], ['admin-report', '/admin/report'], ['admin-clients', '/admin/clients'],
      ['admin-keys', '/admin/keys'], ['admin-audit', '/admin/audit']]) shots.push(...await screenshots(page, t.url, path, name));
    mkdirSync('/work/screens', { recursive: true });
    for (const f of shots.filter((f) => /admin-(report|person|people)-en-/.test(f))) copyFileSync(f, `/work/screens/${basename(f)}`);
    await context.close();
  }, 600_000);

  it('a person deletes their own account after proving it again', async () => {
    const leaving = await seedUser(t.deps, { email: 'bye@shop.example' });
    const context = await newContext(browser);
    const page = await context.newPage();
    await signInByEmailCode(t, page, `${t.url}/login`, 'bye@shop.example');
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await page.getByRole('link', { name: 'Delete my account' }).click();
    // Just signed in: that is the proof; the confirm button is there.
    await page.getByRole('button', { name: 'Delete my account for good' }).click();
    await page.getByRole('heading', { name: 'Your account was deleted.' }).waitFor();
    expect(await t.deps.stores.users.findById(leaving.id)).toBeNull();
    await page.goto(`${t.url}/account`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});
