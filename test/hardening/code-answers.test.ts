// Issue 18 item 3, over real HTTP: wrong codes get the same answers, 5th and 11th included, whoever the address belongs to.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { codeOf, postJson } from '../helpers/email-flow.ts';

const clock = testClock();
let open: TestServer;
let closed: TestServer;

beforeAll(async () => {
  open = await startTestServer({}, { clock });
  closed = await startTestServer({ CUTOVER_SELF_SIGNUP: 'false' }, { clock });
});
afterAll(async () => {
  await open?.close();
  await closed?.close();
});

/** Asks for a code, then tries 11 wrong ones (never the code really sent, if one was): every answer, in order. */
async function wrongCodeAnswers(s: TestServer, email: string): Promise<{ status: number; body: unknown }[]> {
  expect((await postJson(s.url, '/v1/auth/otp', { email, clientId: 'account' })).status).toBe(202);
  await processPendingMail(s.deps);
  const kept = (await (await fetch(`${s.url}/dev/mail.json`)).json()) as { to: string; text: string }[];
  const sent = kept.find((m) => m.to === email);
  const wrong = String((Number(sent ? codeOf(sent.text) : '0') + 1) % 1_000_000).padStart(6, '0');
  const answers = [];
  for (let i = 0; i < 11; i++) {
    const res = await postJson(s.url, '/v1/auth/otp/verify', { email, code: wrong, clientId: 'account' });
    answers.push({ status: res.status, body: await res.json() });
  }
  return answers;
}

it('answers a known, an unknown, a disabled and (self sign-up off) a registered or unknown address alike', async () => {
  const known = await seedUser(open.deps);
  const disabled = await seedUser(open.deps, { enabled: false });
  const registered = await seedUser(closed.deps);
  const runs = {
    known: await wrongCodeAnswers(open, known.email!),
    unknown: await wrongCodeAnswers(open, 'nobody-here@example.com'),
    disabled: await wrongCodeAnswers(open, disabled.email!),
    registeredSignupOff: await wrongCodeAnswers(closed, registered.email!),
    unknownSignupOff: await wrongCodeAnswers(closed, 'nobody-there@example.com'),
  };
  // The shape every address gets: wrong ×4, dead on the 5th, wrong ×4, dead on the 10th, then locked (429).
  expect(runs.known.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 429]);
  expect(runs.known[4].body).toMatchObject({ error: 'invalid_code', message: expect.stringMatching(/no longer works/) });
  expect(runs.known[5].body).toMatchObject({ error: 'invalid_code', message: 'the code is wrong or expired' });
  for (const [name, answers] of Object.entries(runs)) expect(answers, name).toEqual(runs.known);
  // Only the open server mailed codes (to the known address and the unknown one signing up): the answers did not tell.
  const mailed = (await open.deps.stores.audit.list({ type: 'email.sign_in.mailed', limit: 10 })).length;
  expect(mailed).toBe(2);
});
