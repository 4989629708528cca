// Email codes over real HTTP and the real SES v2 SDK (aws-ses-v2-local): tries, resends, who gets mail, send limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../src/core/ports/clients.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import type { TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import type { SesLocal } from '../helpers/ses-local.ts';
import { seedUser } from '../helpers/users.ts';
import { codeOf, lastMailTo, mailCount, postJson } from '../helpers/email-flow.ts';
import { idClaims, startSesServer, wrongCode as wrong, type SesServer } from '../helpers/ses-server.ts';

const clock = testClock();
let t: SesServer;
let s: TestServer;
let ses: SesLocal;
let client: Client;
const signInMail: SesServer['signInMail'] = (...args) => t.signInMail(...args);
const verify = (email: string, code: string) => t.verify(email, code);

beforeAll(async () => {
  t = await startSesServer(clock);
  ({ s, ses, client } = t);
});
afterAll(() => t?.close());

describe('the code', () => {

  it('POST /v1/auth/otp mails a code that verifies for a token set with amr ["otp"]', async () => {
    const user = await seedUser(s.deps, { freshlyMigrated: true, emailVerified: false });
    const res = await postJson(s.url, '/v1/auth/otp', { email: user.email!.toUpperCase(), clientId: client.id });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({});
    await processPendingMail(s.deps);
    const code = codeOf((await lastMailTo(ses, user.email!))!.body.text!)!;
    const ok = await verify(user.email!, code);
    expect(ok.status).toBe(200);
    expect(await idClaims(ok)).toMatchObject({ sub: user.id, amr: ['otp'], email_verified: true, freshly_migrated: false });
    expect((await verify(user.email!, code)).status).toBe(400); // single use
  });

  it('dies after 5 wrong tries, and resends never reset the per-email failure count', async () => {
    const user = await seedUser(s.deps);
    const { code: a } = await signInMail(user.email!);
    for (let i = 0; i < 5; i++) {
      const r = await verify(user.email!, wrong(a));
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ error: 'invalid_code' });
    }
    expect((await verify(user.email!, a)).status).toBe(400); // dead, even with the right code: failure 6
    const { code: b } = await signInMail(user.email!);
    // The new code has its own 5 tries, but the address has only 4 failures left of its 10.
    for (let i = 0; i < 4; i++) expect((await verify(user.email!, wrong(b))).status).toBe(400);
    expect((await verify(user.email!, wrong(b))).status).toBe(429);
    // The third code is refused however right it is, until the window ends.
    const { code: c } = await signInMail(user.email!);
    const locked = await verify(user.email!, c);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const events = await s.deps.stores.audit.list({ type: 'email.code.locked', userId: user.id, limit: 10 });
    expect(events.length).toBeGreaterThanOrEqual(2);
    clock.advance(15 * 60_000 + 1000);
    const { code: d } = await signInMail(user.email!);
    expect((await verify(user.email!, d)).status).toBe(200);
  });

  it('after a code dies, a freshly requested code still signs in', async () => {
    const user = await seedUser(s.deps);
    const { code: a } = await signInMail(user.email!);
    for (let i = 0; i < 5; i++) expect((await verify(user.email!, wrong(a))).status).toBe(400);
    const { code: b } = await signInMail(user.email!);
    expect((await verify(user.email!, a)).status).toBe(400); // only the newest code counts
    expect((await verify(user.email!, b)).status).toBe(200);
  });

  it('20 parallel guesses on one code get at most 5 tries checked', async () => {
    const user = await seedUser(s.deps);
    const { code } = await signInMail(user.email!);
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(user.email!, wrong(code))));
    expect(answers.every((r) => r.status === 400 || r.status === 429)).toBe(true);
    const rows = (await s.deps.stores.audit.list({ type: 'email.code.failed', userId: user.id, limit: 50 }));
    expect(rows.filter((e) => e.detail?.attempt !== null)).toHaveLength(5);
    expect((await verify(user.email!, code)).status).not.toBe(200);
  });
});

describe('who gets mail', () => {
  it('a disabled user gets the same 202 and no mail; a link made for them does not work', async () => {
    const user = await seedUser(s.deps, { enabled: false });
    const res = await postJson(s.url, '/v1/auth/magic-link', { email: user.email, clientId: client.id });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({});
    expect(await processPendingMail(s.deps)).toMatchObject({ skipped: 1, sent: 0 });
    expect(await mailCount(ses, user.email!)).toBe(0);
  });

  it('an unknown email signs up (self sign-up on): mail out, account created only when proven', async () => {
    const email = `new-${Date.now()}@example.com`;
    const { code } = await signInMail(email);
    expect(await s.deps.stores.users.findByEmail('default', email)).toBeNull();
    const ok = await verify(email, code);
    expect(ok.status).toBe(200);
    const user = (await s.deps.stores.users.findByEmail('default', email))!;
    expect(user).toMatchObject({ emailVerified: true, freshlyMigrated: false, enabled: true });
    expect(await s.deps.stores.users.legacyLinks(user.id)).toEqual([]);
  });
});

describe('limits', () => {
  it('limits mails per email (CUTOVER_RATE_LIMIT_EMAIL) with 429 and Retry-After', async () => {
    const user = await seedUser(s.deps);
    for (let i = 0; i < 3; i++) expect((await postJson(s.url, '/v1/auth/otp', { email: user.email, clientId: client.id })).status).toBe(202);
    const res = await postJson(s.url, '/v1/auth/otp', { email: user.email, clientId: client.id });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: 'rate_limited' });
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(900);
    // The same for an address nobody has: no enumeration through the limiter.
    const ghost = `ghost-${Date.now()}@example.com`;
    for (let i = 0; i < 3; i++) await postJson(s.url, '/v1/auth/otp', { email: ghost, clientId: client.id });
    expect((await postJson(s.url, '/v1/auth/otp', { email: ghost, clientId: client.id })).status).toBe(429);
    clock.advance(retry * 1000);
    expect((await postJson(s.url, '/v1/auth/otp', { email: user.email, clientId: client.id })).status).toBe(202);
    await processPendingMail(s.deps);
  });
});
