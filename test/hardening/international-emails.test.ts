// Issue 18 item 9, over real HTTP: SMTPUTF8 and IDN addresses import and sign in everywhere; quoted ones are import conflicts with a reason.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importUsers } from '../../src/core/import/import-users.ts';
import type { CognitoUserRecord } from '../../src/core/import/import-mapping.ts';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { arraySource } from '../helpers/import-source.ts';
import { codeOf, linkOf, postJson, tokenOf } from '../helpers/email-flow.ts';
import { decodeJwt } from 'jose';

const record = (sub: string, email: string): CognitoUserRecord => ({
  Username: sub, Enabled: true, UserStatus: 'CONFIRMED',
  Attributes: [{ Name: 'sub', Value: sub }, { Name: 'email', Value: email }, { Name: 'email_verified', Value: 'true' }],
});

const PEOPLE = {
  jose: 'josé@example.com', // SMTPUTF8 local part
  ana: 'ana@exämple.com', // IDN domain
  zoe: 'zoe\u0308@example.com', // decomposed (NFD) "zoë"
  quoted: '"chris smith"@example.com',
};

let s: TestServer;
let imported: Awaited<ReturnType<typeof importUsers>>;
beforeAll(async () => {
  s = await startTestServer();
  imported = await importUsers(s.deps, arraySource(Object.entries(PEOPLE).map(([sub, email]) => record(sub, email))), { tenant: 'default' });
});
afterAll(() => s?.close());

const kept = async (): Promise<{ to: string; text: string }[]> => (await fetch(`${s.url}/dev/mail.json`)).json();

/** Asks for a code as `asked`, reads the newest mail, signs in with it: the token's subject. */
async function signInByCode(asked: string): Promise<string> {
  expect((await postJson(s.url, '/v1/auth/otp', { email: asked, clientId: 'account' })).status).toBe(202);
  expect(await processPendingMail(s.deps)).toMatchObject({ sent: 1 });
  const mail = (await kept())[0];
  const res = await postJson(s.url, '/v1/auth/otp/verify', { email: asked, code: codeOf(mail.text), clientId: 'account' });
  expect(res.status, `${asked}: ${JSON.stringify(await res.clone().json())}`).toBe(200);
  return String(decodeJwt(((await res.json()) as { id_token: string }).id_token).sub);
}

it('imports what mail systems deliver and reports a quoted address as a conflict with its reason', () => {
  expect(imported.created).toBe(3);
  expect(imported.conflicts).toEqual([{ legacySub: 'quoted', reason: expect.stringMatching(/^invalid_email: .*quoted/) }]);
});

it('signs each imported person in by code, whichever spelling of their address they type', async () => {
  const subs: Record<string, string> = {};
  for (const sub of ['jose', 'ana', 'zoe']) {
    subs[sub] = await signInByCode(PEOPLE[sub as keyof typeof PEOPLE]);
  }
  expect(new Set(Object.values(subs)).size).toBe(3);
  // The same people, typed another way: upper case, the punycode domain, the precomposed "ë".
  expect(await signInByCode('JOSÉ@example.com')).toBe(subs.jose);
  expect(await signInByCode('ana@xn--exmple-cua.com')).toBe(subs.ana);
  expect(await signInByCode('zo\u00eb@example.com')).toBe(subs.zoe);
});

it('accepts them on the link, passkey and hosted-page endpoints too', async () => {
  expect((await postJson(s.url, '/v1/auth/magic-link', { email: PEOPLE.jose, clientId: 'account' })).status).toBe(202);
  await processPendingMail(s.deps);
  const link = linkOf((await kept())[0].text)!;
  expect((await postJson(s.url, '/v1/auth/magic-link/redeem', { token: tokenOf(link) })).status).toBe(200);
  expect((await postJson(s.url, '/v1/passkeys/login/options', { email: PEOPLE.ana, clientId: 'account' })).status).toBe(200);
  const page = await fetch(`${s.url}/login/email`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
    body: new URLSearchParams({ email: PEOPLE.zoe, client_id: 'account' }),
  });
  expect(page.status).toBe(200);
});

it('refuses a quoted address at every endpoint with the same reason the import gave', async () => {
  for (const path of ['/v1/auth/otp', '/v1/auth/magic-link', '/v1/passkeys/login/options']) {
    const res = await postJson(s.url, path, { email: PEOPLE.quoted, clientId: 'account' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/^email: .*quoted/) });
  }
});
