// A person deletes their own account from /account (SPEC §11) over real HTTP: only after proving it again, CSRF-guarded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/core/sign-in/sessions.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { codeOf } from '../helpers/email-flow.ts';
import { rowsMentioning } from '../helpers/traces.ts';

const clock = testClock();
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({}, { clock });
});
afterAll(() => s.close());

const get = (path: string, cookie: string) => fetch(`${s.url}${path}`, { headers: { cookie }, redirect: 'manual' });
const post = (path: string, cookie: string, body: Record<string, string> = {}, origin = s.url) => fetch(`${s.url}${path}`, {
  method: 'POST', redirect: 'manual', headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body),
});
const cookieOf = (res: Response) => /cutover_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];

describe('/account/delete', () => {
  it('asks an older session to prove it again by email code, then deletes for good', async () => {
    const user = await seedUser(s.deps, { email: 'leaving@example.com' });
    const old = `cutover_session=${(await createSession(s.deps, { userId: user.id, amr: ['otp'] })).cookieValue}`;
    clock.advance(6 * 60_000);
    const account = await (await get('/account', old)).text();
    expect(account).toContain('href="/account/delete?lang=en"');

    const prove = await get('/account/delete', old);
    const proveHtml = await prove.text();
    expect(proveHtml).toContain('Email me a code');
    expect(proveHtml).not.toContain('id="confirm-delete"');
    // The old session cannot delete: the POST is refused and the person is still there.
    expect((await post('/account/delete', old)).status).toBe(403);
    expect(await s.deps.stores.users.findById(user.id)).not.toBeNull();

    const codePage = await post('/account/delete/code', old);
    expect(codePage.status).toBe(200);
    const form = await codePage.text();
    expect(form).toContain(`value="${s.url}/account/delete"`);
    await processPendingMail(s.deps);
    const mail = (await s.deps.stores.outbox.kept(10)).find((m) => m.to === 'leaving@example.com')!;
    const signedIn = await post('/login/code', old, { client_id: 'account', redirect_uri: `${s.url}/account/delete`, email: 'leaving@example.com', code: codeOf(mail.text)! });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toMatch(new RegExp(`^${s.url}/account/delete\\?code=`));
    const fresh = `cutover_session=${cookieOf(signedIn)}`;
    expect((await get('/account/delete?code=x', fresh)).headers.get('location')).toBe('/account/delete?lang=en');
    expect(await (await get('/account/delete', fresh)).text()).toContain('id="confirm-delete"');

    // Cross-site form posts are refused before anything happens.
    expect((await post('/account/delete', fresh, {}, 'https://evil.example')).status).toBe(403);
    expect(await s.deps.stores.users.findById(user.id)).not.toBeNull();

    const done = await post('/account/delete', fresh);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Your account was deleted.');
    expect(done.headers.get('set-cookie')).toMatch(/cutover_session=;/);
    expect(await s.deps.stores.users.findById(user.id)).toBeNull();
    const left = rowsMentioning(s.dbPath, [user.id, 'leaving@example.com']);
    expect(left.map((r) => r.table)).toEqual(['audit_events']);
    expect(left[0].row).toContain('"type":"user.deleted"');
    expect(left[0].row).toContain(`"actor":"user:${user.id}"`.toLowerCase());
    expect((await get('/account', fresh)).status).toBe(303);
  });

  it('speaks French and sends signed-out people to /login', async () => {
    const user = await seedUser(s.deps);
    const cookie = `cutover_session=${(await createSession(s.deps, { userId: user.id, amr: ['otp'] })).cookieValue}`;
    const fr = await get('/account/delete?lang=fr', cookie);
    expect(fr.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await fr.text()).toContain('Supprimer définitivement mon compte');
    expect((await get('/account/delete', 'cutover_session=nope')).headers.get('location')).toBe('/login?lang=en');
  });
});
