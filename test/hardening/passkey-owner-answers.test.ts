// Issue 18 item 4, over real HTTP: answering someone's login options with one's own passkey says the same whether or not they have passkeys.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { User } from '../../src/core/ports/users.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { postJson } from '../helpers/email-flow.ts';
import { softAuthenticator, type SoftCredential } from '../helpers/soft-authenticator.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const authenticator = () => softAuthenticator({ origin: s.url, rpId: 'localhost' });
const call = async (path: string, body: unknown, bearer?: string) => {
  const res = await postJson(s.url, path, body, bearer ? { authorization: `Bearer ${bearer}` } : {});
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

async function enrol(user: User): Promise<SoftCredential> {
  const client = (await s.deps.stores.clients.findById('account'))!;
  const token = (await issueTokenSet(s.deps, { user, client, amr: ['otp'] })).access_token;
  const options = await call('/v1/passkeys/register/options', {}, token);
  const { credential, response } = authenticator().register(options.body as never);
  expect((await call('/v1/passkeys/register/verify', { response }, token)).status).toBe(200);
  return credential;
}

/** The attacker asks for `email`'s login options and answers them with their own passkey. */
async function answerWithOwn(email: string, own: SoftCredential) {
  const options = await call('/v1/passkeys/login/options', { email, clientId: 'account' });
  expect(options.status).toBe(200);
  return call('/v1/passkeys/login/verify', { response: authenticator().assert(own, options.body as never), clientId: 'account' });
}

it('refuses alike for a person with passkeys, one without, an unverified one and an unknown address', async () => {
  const attacker = await seedUser(s.deps);
  const own = await enrol(attacker);
  const withPasskeys = await seedUser(s.deps);
  await enrol(withPasskeys);
  const withoutPasskeys = await seedUser(s.deps);
  const unverified = await seedUser(s.deps, { emailVerified: false });
  const answers = [];
  for (const email of [withPasskeys.email!, withoutPasskeys.email!, unverified.email!, 'nobody@example.com']) answers.push(await answerWithOwn(email, own));
  expect(answers[0]).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  for (const a of answers) expect(a).toEqual(answers[0]);
  // Nobody was signed in as the attacker through someone else's options either.
  expect(await s.deps.stores.audit.list({ type: 'passkey.sign_in.succeeded', userId: attacker.id, limit: 5 })).toEqual([]);
  // Their own discoverable sign-in still works.
  const mine = await call('/v1/passkeys/login/options', {});
  expect((await call('/v1/passkeys/login/verify', { response: authenticator().assert(own, mine.body as never), clientId: 'account' })).status).toBe(200);
});
