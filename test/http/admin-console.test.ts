// The /admin console over real HTTP: its own Strict cookie, admins only, CSRF on every form, each page and action.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/core/admin/admin-actor.ts';
import { grantAdmin } from '../../src/core/admin/grant-admin.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { createSession } from '../../src/core/sign-in/sessions.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import { ACCOUNT_CLIENT_ID, requireClient } from '../../src/core/clients/clients.ts';
import { importUsers } from '../../src/core/import/import-users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { arraySource } from '../helpers/import-source.ts';
import { createClient } from '../../src/core/clients/create-client.ts';
import { secretMatches } from '../../src/core/clients/client-secret.ts';
import { saveProvider } from '../../src/core/federation/save-provider.ts';

let s: TestServer;
let adminCookie: string;
let adminId: string;
let outsider: string;
const PAGES = ['/admin', '/admin/people', '/admin/imports', '/admin/invitations', '/admin/report', '/admin/clients', '/admin/providers', '/admin/keys', '/admin/audit'];

const get = (path: string, cookie = adminCookie, headers: Record<string, string> = {}) => fetch(`${s.url}${path}`, { headers: { cookie, ...headers }, redirect: 'manual' });
const post = (path: string, body: Record<string, string>, cookie = adminCookie, origin = s.url) => fetch(`${s.url}${path}`, {
  method: 'POST', redirect: 'manual', headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body),
});
const csrfOf = async (path: string) => /name="_csrf" value="([^"]+)"/.exec(await (await get(path)).text())![1];
const refresh = (token: string) => fetch(`${s.url}/v1/token`, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: ACCOUNT_CLIENT_ID }),
});

beforeAll(async () => {
  s = await startTestServer();
  adminId = (await grantAdmin(s.deps, cliActor(), 'root@example.com')).userId;
  const page = (await createSession(s.deps, { userId: adminId, amr: ['otp'] })).cookieValue;
  // The pages' session becomes a console session on a same-origin navigation.
  const entered = await get('/admin?code=abc', `cutover_session=${page}`, { 'sec-fetch-site': 'same-origin' });
  expect(entered.status).toBe(303);
  expect(entered.headers.get('location')).toBe('/admin');
  const setCookie = entered.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/^cutover_admin=[^;]+; Max-Age=\d+; Path=\/admin; HttpOnly; SameSite=Strict$/);
  adminCookie = setCookie.split(';')[0];
  const plain = await seedUser(s.deps, { roles: ['staff'] });
  outsider = `cutover_admin=${(await createSession(s.deps, { userId: plain.id, amr: ['otp'] })).cookieValue}; cutover_session=${(await createSession(s.deps, { userId: plain.id, amr: ['otp'] })).cookieValue}`;
  await importUsers(s.deps, arraySource([{ Username: 'mia', Enabled: true, UserStatus: 'CONFIRMED', Attributes: [{ Name: 'sub', Value: 'sub-mia' }, { Name: 'email', Value: 'mia@shop.example' }, { Name: 'email_verified', Value: 'true' }] }], { pool: 'eu-west-1_Con' }), { tenant: 'default' });
});
afterAll(() => s.close());

describe('/admin', () => {
  it('sends the signed-out to /login for the account client, back to /admin; a cross-site link mints no console session', async () => {
    const res = await get('/admin', '');
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!, s.url);
    expect(to.pathname).toBe('/login');
    expect(to.searchParams.get('redirect_uri')).toBe(`${s.url}/admin`);
    expect((await get(to.pathname + to.search, '')).status).toBe(200);
    const page = (await createSession(s.deps, { userId: adminId, amr: ['otp'] })).cookieValue;
    const crossSite = await get('/admin', `cutover_session=${page}`, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.headers.get('set-cookie')).toBeNull();
  });

  it('serves every page to an admin under the strict CSP, in English and French', async () => {
    for (const path of PAGES) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      const html = await res.text();
      expect(html).toContain('aria-label="Admin console"');
      expect(html).not.toMatch(/<script(?![^>]*src=)/);
    }
    expect(await (await get('/admin/people?lang=fr')).text()).toContain('Personnes');
  });

  it('answers 403 to a signed-in person without the admin role, on every page and action', async () => {
    for (const path of PAGES) expect((await get(path, outsider)).status, path).toBe(403);
    const mia = (await s.deps.stores.users.findByEmail('default', 'mia@shop.example'))!;
    for (const path of [`/admin/people/${mia.id}`, '/admin/invitations/inv_x']) expect((await get(path, outsider)).status).toBe(403);
    for (const path of [`/admin/people/${mia.id}/enabled`, `/admin/people/${mia.id}/delete`, '/admin/keys/rotate', '/admin/invitations', '/admin/clients/account/rotate-secret']) {
      expect((await post(path, { enabled: 'false', confirm: 'yes', _csrf: 'x' }, outsider)).status, path).toBe(403);
    }
    expect((await s.deps.stores.users.findById(mia.id))!.enabled).toBe(true);
  });

  it('refuses a form without the CSRF token, with a wrong one or from another origin; with it, disabling ends the refresh token', async () => {
    const mia = (await s.deps.stores.users.findByEmail('default', 'mia@shop.example'))!;
    const set = await issueTokenSet(s.deps, { user: mia, client: await requireClient(s.deps, ACCOUNT_CLIENT_ID), amr: ['otp'] });
    const path = `/admin/people/${mia.id}/enabled`;
    const token = await csrfOf(`/admin/people/${mia.id}`);
    expect((await post(path, { enabled: 'false' })).status).toBe(403);
    expect((await post(path, { enabled: 'false', _csrf: token.slice(1) + 'x' })).status).toBe(403);
    expect((await post(path, { enabled: 'false', _csrf: token }, adminCookie, 'https://evil.example')).status).toBe(403);
    expect((await s.deps.stores.users.findById(mia.id))!.enabled).toBe(true);
    const ok = await post(path, { enabled: 'false', _csrf: token });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/admin/people/${mia.id}?done=ok&lang=en`);
    expect((await s.deps.stores.users.findById(mia.id))!.enabled).toBe(false);
    expect((await refresh(set.refresh_token)).status).toBe(400);
    const page = await (await get(`/admin/people/${mia.id}`)).text();
    expect(page).toContain('id="status">disabled');
    expect(await (await get('/admin/audit?type=user.disabled')).text()).toContain(`user:${adminId}`);
    expect((await post(path, { enabled: 'true', _csrf: token })).status).toBe(303);
  });

  it('lists a person\'s sign-ins by method: email, passkey, and federated with its provider', async () => {
    const theo = await seedUser(s.deps, { email: 'theo@shop.example' });
    const at = Date.now();
    // The events the sign-in use cases write (prove-email.ts, verify-passkey-authentication.ts, resolve-federated-identity.ts).
    for (const [i, [type, detail]] of ([
      ['email.sign_in.succeeded', { method: 'otp' }], ['passkey.sign_in.succeeded', { passkeyId: 'pk_1' }], ['federated.sign_in.succeeded', { provider: 'Google' }],
    ] as const).entries()) await s.deps.stores.audit.record({ type, tenant: 'default', userId: theo.id, clientId: 'account', ip: '203.0.113.5', detail }, at + i);
    const page = await (await get(`/admin/people/${theo.id}`)).text();
    const methods = [...page.matchAll(/<tr><td>[\d-]+ [\d:]+<\/td><td>([^<]+)<\/td>/g)].map((m) => m[1]);
    expect(methods).toEqual(['federated (Google)', 'passkey', 'email']); // newest first
  });

  it('edits, searches and deletes through forms, naming the bad field', async () => {
    const mia = (await s.deps.stores.users.findByEmail('default', 'mia@shop.example'))!;
    const token = await csrfOf('/admin/people');
    expect((await post(`/admin/people/${mia.id}/edit`, { given_name: 'Mia', family_name: '', roles: 'vip, beta', _csrf: token })).status).toBe(303);
    expect((await s.deps.stores.users.findById(mia.id))!).toMatchObject({ roles: ['vip', 'beta'], profile: { given_name: 'Mia' } });
    const found = await (await get('/admin/people?emailPrefix=MIA&role=vip&freshlyMigrated=true')).text();
    expect(found).toContain('mia@shop.example');
    const bad = await get('/admin/people?signedIn=perhaps');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('signedIn');
    const unconfirmed = await post(`/admin/people/${mia.id}/delete`, { _csrf: token });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('confirm');
    expect((await post(`/admin/people/${mia.id}/delete`, { confirm: 'yes', _csrf: token })).headers.get('location')).toBe('/admin/people?done=deleted&lang=en');
    expect(await s.deps.stores.users.findById(mia.id)).toBeNull();
    expect((await post(`/admin/people/${mia.id}/edit`, { roles: 'x', _csrf: token })).status).toBe(404);
  });

  it('counts a campaign before starting it, then shows its progress refreshing until done', async () => {
    await seedUser(s.deps, { freshlyMigrated: true });
    const token = await csrfOf('/admin/invitations');
    const counted = await (await post('/admin/invitations/count', { clientId: 'account', _csrf: token })).text();
    expect(counted).toMatch(/would invite 1 people/);
    const started = await post('/admin/invitations', { clientId: 'account', _csrf: token });
    expect(started.status).toBe(303);
    const campaign = await (await get(started.headers.get('location')!)).text();
    expect(campaign).toMatch(/data-count="queued"><div class="n">1</);
    expect(campaign.includes('http-equiv="refresh"')).toBe(!campaign.includes('data-done="true"'));
    expect((await post('/admin/invitations/count', { clientId: '', _csrf: token })).status).toBe(400);
  });

  it('draws the report charts from the same figures the API answers', async () => {
    const key = (await createAdminKey(s.deps, 'check')).key;
    const api = await (await fetch(`${s.url}/v1/admin/report`, { headers: { authorization: `Bearer ${key}` } })).json();
    const html = await (await get('/admin/report')).text();
    const bars = [...html.matchAll(/data-date="([\d-]+)" data-value="(\d+)"/g)].map((m) => ({ date: m[1], signIns: Number(m[2]) }));
    expect(bars).toEqual(api.daily.slice(-60).map((d: { date: string; signIns: number }) => ({ date: d.date, signIns: d.signIns })));
    expect(html).toContain(`data-target="${api.projection.targetShare}"`);
    expect(html).toContain(`data-total="imported"><div class="n">${api.totals.imported}<`);
  });

  it('rotates a confidential client\'s secret from the clients page: shown once, audited with who and from where', async () => {
    const app = await createClient(s.deps, { name: 'Shop backend', redirectUris: ['https://shop.example/cb'], confidential: true });
    const list = await (await get('/admin/clients')).text();
    expect(list).toContain(`/admin/clients/${app.id}/rotate-secret`);
    expect(list).not.toContain('/admin/clients/account/rotate-secret'); // a public client has no secret to rotate
    const token = await csrfOf('/admin/clients');
    expect((await post(`/admin/clients/${app.id}/rotate-secret`, { _csrf: 'wrong' })).status).toBe(403);
    const res = await post(`/admin/clients/${app.id}/rotate-secret`, { _csrf: token });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const secret = /<code class="secret">([^<]+)<\/code>/.exec(await res.text())![1];
    const stored = (await s.deps.stores.clients.findById(app.id))!;
    const now = s.deps.clock.now();
    expect(await secretMatches(stored, secret, now)).toBe(true);
    expect(await secretMatches(stored, app.clientSecret!, now)).toBe(true); // the overlap: apps roll without downtime
    expect(await (await get('/admin/clients')).text()).not.toContain(secret);
    // With no overlap the old secret stops at once.
    const again = await post(`/admin/clients/${app.id}/rotate-secret`, { _csrf: token, overlap: 'none' });
    const newest = /<code class="secret">([^<]+)<\/code>/.exec(await again.text())![1];
    const after = (await s.deps.stores.clients.findById(app.id))!;
    expect(await secretMatches(after, newest, now)).toBe(true);
    expect(await secretMatches(after, secret, now)).toBe(false);
    const events = await s.deps.stores.audit.list({ type: 'client.secret_rotated', limit: 10 });
    expect(events.filter((e) => e.clientId === app.id).map((e) => e.actor)).toEqual([`user:${adminId}`, `user:${adminId}`]);
    expect((await post('/admin/clients/account/rotate-secret', { _csrf: token })).status).toBe(400);
    expect((await post('/admin/clients/nope/rotate-secret', { _csrf: token })).status).toBe(404);
  });

  it('lists federated providers with their callback URL and never a secret', async () => {
    expect(await (await get('/admin/providers')).text()).toContain('No federated provider yet.');
    await saveProvider(s.deps, { name: 'Google', type: 'google', clientId: 'g-client', clientSecret: 'g-secret-value-never-shown' });
    const html = await (await get('/admin/providers?lang=fr')).text();
    expect(html).toContain('<code>Google</code>');
    expect(html).toContain(`${s.deps.config.issuer}/oauth2/idpresponse`);
    expect(html).toContain('Fournisseurs');
    expect(html).not.toContain('g-secret-value-never-shown');
  });

  it('rotates keys from the keys page and signs out of the console', async () => {
    const token = await csrfOf('/admin/keys');
    const before = (await s.deps.stores.signingKeys.all()).length;
    expect((await post('/admin/keys/rotate', { _csrf: token })).status).toBe(303);
    expect((await s.deps.stores.signingKeys.all()).length).toBe(before + 1);
    expect(await (await get('/admin/keys')).text()).toContain('next');
    const out = await post('/admin/sign-out', { _csrf: token });
    expect(out.status).toBe(303);
    expect((await get('/admin')).status).toBe(303);
  });
});
