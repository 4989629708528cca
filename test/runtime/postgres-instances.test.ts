// SPEC §9: two server processes on one PostgreSQL database behave as one service: single use, attempt limits, the SES
// send pace, signing keys and background jobs hold across both, and a kill -9 of one loses or doubles nobody's mail.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { emailChallenges, invitations } from '../../db/sqlite/schema.ts';
import { parseEnv } from '../../src/core/shared/config.ts';
import type { Deps } from '../../src/core/shared/deps.ts';
import { createAdminKey } from '../../src/core/admin/admin-keys.ts';
import { createClient } from '../../src/core/clients/create-client.ts';
import { makeDeps } from '../../src/runtime/deps.ts';
import { openTestPostgres } from '../helpers/postgres.ts';
import { startSesLocal, type SesLocal } from '../helpers/ses-local.ts';
import { useDummyAwsCredentials } from '../helpers/invitations.ts';
import { seedUser } from '../helpers/users.ts';
import { codeOf, lastMailTo, linkOf, postJson, tokenOf } from '../helpers/email-flow.ts';
import { runCli } from '../helpers/cli.ts';
import { freePort } from '../helpers/app.ts';
import { startInstance, until, type Instance } from '../helpers/instances.ts';

const RATE = 20;
let ses: SesLocal;
let pg: Awaited<ReturnType<typeof openTestPostgres>>;
let env: Record<string, string>;
let deps: Deps;
let a: Instance;
let b: Instance;
let clientId: string;
let adminKey: string;

beforeAll(async () => {
  useDummyAwsCredentials();
  [ses, pg] = await Promise.all([startSesLocal(), openTestPostgres(2)]);
  const port = await freePort();
  env = {
    CUTOVER_DATABASE_URL: pg.url, CUTOVER_ISSUER: `http://localhost:${port}`, CUTOVER_SECRET: 'test-secret-test-secret-test-secret!',
    CUTOVER_MAILER: 'ses', AWS_ENDPOINT_URL_SESV2: ses.endpoint, AWS_REGION: 'us-east-1', CUTOVER_EMAIL_FROM: 'team@example.com',
    CUTOVER_SES_MAX_SEND_RATE: String(RATE), CUTOVER_RATE_LIMIT_IP: '100000/15m', CUTOVER_SIGN_IN_MAIL_SHARE: '0',
  };
  // This process seeds and inspects through the same stores (a third client of the database).
  deps = await makeDeps(parseEnv(env), pg.db);
  [a, b] = await Promise.all([startInstance(env, port), startInstance(env)]);
  clientId = (await createClient(deps, { name: 'App', redirectUris: ['https://app.example.com/cb'] })).id;
  adminKey = (await createAdminKey(deps, 'test')).key;
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await Promise.all([ses?.stop(), pg?.close()]);
});

const both = <T>(n: number, call: (base: string, i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => call(i % 2 ? b.url : a.url, i)));
const mailFor = async (email: string) => {
  await until(`mail to ${email}`, async () => (await lastMailTo(ses, email)) !== null, 20_000);
  return (await lastMailTo(ses, email))!;
};

it('20 concurrent redeems of one link, split across both instances, give exactly one token set', async () => {
  const user = await seedUser(deps);
  expect((await postJson(a.url, '/v1/auth/magic-link', { email: user.email, clientId })).status).toBe(202);
  const token = tokenOf(linkOf((await mailFor(user.email!)).body.text!)!);
  const answers = await both(20, (base) => postJson(base, '/v1/auth/magic-link/redeem', { token }));
  const ok = answers.filter((r) => r.status === 200);
  expect(ok).toHaveLength(1);
  expect(answers.filter((r) => r.status >= 500)).toHaveLength(0);
  expect(await ok[0]!.json()).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });
});

it('50 wrong codes split across both count at most 5 tries; the right code is refused after them', async () => {
  const user = await seedUser(deps);
  expect((await postJson(b.url, '/v1/auth/otp', { email: user.email, clientId })).status).toBe(202);
  const code = codeOf((await mailFor(user.email!)).body.text!)!;
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const answers = await both(50, (base) => postJson(base, '/v1/auth/otp/verify', { email: user.email, code: wrong, clientId }));
  expect(answers.every((r) => r.status >= 400 && r.status < 500)).toBe(true);
  const [challenge] = await pg.db.select({ attempts: emailChallenges.attempts }).from(emailChallenges)
    .where(and(eq(emailChallenges.emailNormalized, user.email!)));
  expect(challenge!.attempts).toBeLessThanOrEqual(5);
  const right = await postJson(a.url, '/v1/auth/otp/verify', { email: user.email, code, clientId });
  expect([400, 429]).toContain(right.status);
});

it('a key rotated on the shared database is in both instances\' JWKS within the keyring\'s one-second reread', async () => {
  const rotated = await runCli(['keys', 'rotate', '--json'], env);
  expect(rotated.code).toBe(0);
  const { kid } = rotated.json();
  const kids = async (base: string) => ((await (await fetch(`${base}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
  await until('both JWKS to publish the new key', async () => (await kids(a.url)).includes(kid) && (await kids(b.url)).includes(kid), 5_000);
});

async function inviteTenant(tenant: string, people: number) {
  const emails: string[] = [];
  for (let i = 0; i < people; i++) emails.push((await seedUser(deps, { tenant, freshlyMigrated: true })).email!);
  const client = await createClient(deps, { name: `Invitations to ${tenant}`, redirectUris: ['https://app.example.com/cb'], tenant });
  await ses.clear();
  const res = await fetch(`${a.url}/v1/admin/invitations`, {
    method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ freshlyMigrated: true, tenant, clientId: client.id }),
  });
  expect(res.status, await res.clone().text()).toBe(202);
  return { emails, batchId: ((await res.json()) as { batchId: string }).batchId };
}

const mailsPer = async (emails: string[]) => {
  const per = new Map(emails.map((e) => [e, 0]));
  const mails = (await ses.emails()).filter((m) => per.has(m.destination.to[0]!));
  for (const m of mails) per.set(m.destination.to[0]!, per.get(m.destination.to[0]!)! + 1);
  return { mails, per };
};
const sentBy = async (i: Instance) => Number(/cutover_mail_total\{result="sent"\} (\d+)/.exec(await (await fetch(`${i.url}/metrics`)).text())?.[1] ?? 0);

it('one invitation batch drained by both at once: everyone mailed once, at the one SES rate', async () => {
  const PEOPLE = 60;
  const before = [await sentBy(a), await sentBy(b)];
  const { emails, batchId } = await inviteTenant('campaign', PEOPLE);
  await until('the batch to finish', async () => {
    const res = await fetch(`${b.url}/v1/admin/invitations/${batchId}`, { headers: { authorization: `Bearer ${adminKey}` } });
    return ((await res.json()) as { done: boolean }).done;
  }, 60_000);
  const { mails, per } = await mailsPer(emails);
  expect([...per.values()].every((n) => n === 1)).toBe(true);
  // Both instances sent part of it...
  expect(await sentBy(a)).toBeGreaterThan(before[0]!);
  expect(await sentBy(b), b.output().split("\n").filter((l) => !l.includes("\"msg\":\"request\"")).join("\n").slice(-3000)).toBeGreaterThan(before[1]!);
  // ...under one schedule: paced separately, each at RATE, a second would see about twice RATE (the emulator stamps
  // mails to the second).
  const perSecond = new Map<number, number>();
  for (const m of mails) perSecond.set(m.at, (perSecond.get(m.at) ?? 0) + 1);
  expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(RATE * 1.25);
  expect(Math.max(...perSecond.keys()) - Math.min(...perSecond.keys())).toBeGreaterThanOrEqual(2);
}, 90_000);

it('kill -9 of one instance mid-batch: the other sends the rest, nobody twice', async () => {
  const PEOPLE = 60;
  const { emails, batchId } = await inviteTenant('second-wave', PEOPLE);
  await until('a third of the mails', async () => (await mailsPer(emails)).mails.length >= PEOPLE / 3, 30_000);
  a.child.kill('SIGKILL');
  await a.exited();
  // What the dead instance held stays `sending` until its lease ends (then `unknown`, never resent); the rest is b's.
  const rows = async () => pg.db.select({ status: invitations.status }).from(invitations).where(eq(invitations.batchId, batchId));
  await until('no queued row left', async () => (await rows()).every((r) => r.status !== 'queued'), 60_000);
  await until('every claim b holds settled', async () => {
    const { mails } = await mailsPer(emails);
    const sent = (await rows()).filter((r) => r.status === 'sent').length;
    return mails.length >= sent;
  }, 30_000);
  const statuses = await rows();
  const sent = statuses.filter((r) => r.status === 'sent').length;
  const inFlightAtKill = statuses.filter((r) => r.status === 'sending' || r.status === 'unknown').length;
  const { per } = await mailsPer(emails);
  expect([...per.values()].every((n) => n <= 1)).toBe(true);
  expect(sent + inFlightAtKill).toBe(PEOPLE);
  expect(inFlightAtKill).toBeLessThan(PEOPLE / 3);
  expect([...per.values()].filter((n) => n === 1).length).toBeGreaterThanOrEqual(sent);
  expect(await fetch(`${b.url}/readyz`).then((r) => r.status)).toBe(200);
  // SIGTERM: the survivor stops gracefully (in-flight work finished, claims released, pool closed) and exits 0.
  b.child.kill('SIGTERM');
  expect(await b.exited()).toBe(0);
}, 120_000);
