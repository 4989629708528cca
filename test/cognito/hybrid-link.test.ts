// `cutover hybrid link` through the real CLI and AWS SDK against a stand-in of AdminLinkProviderForUser with its
// documented errors and injected throttling (TooManyRequestsException, LimitExceededException): every imported
// person linked with Cognito_Subject = their cutover sub, paced, failures named, and a re-run links nobody twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/core/shared/config.ts';
import { createCognitoCaller } from '../../src/cognito/client.ts';
import { describePool, poolSource } from '../../src/cognito/pool-source.ts';
import { importUsers } from '../../src/core/import/import-users.ts';
import { makeTestApp, tempDbPath, type TestApp } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { startCognitoStandIn, type StandIn, type StandInUser } from '../helpers/cognito-stand-in.ts';

const POOL = 'us-east-1_Hybrid';
const users: StandInUser[] = Array.from({ length: 25 }, (_, i) => ({
  Username: `u${i}`,
  Attributes: [{ Name: 'sub', Value: `cognito-sub-${i}` }, { Name: 'email', Value: `u${i}@example.com` }, { Name: 'email_verified', Value: 'true' }],
}));
let standIn: StandIn;
let t: TestApp;
const dbPath = tempDbPath();
const idOf = async (email: string) => (await t.deps.stores.users.findByEmail('default', email))!.id;

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  standIn = await startCognitoStandIn({ users, poolId: POOL, providers: ['cutover'] });
  t = await makeTestApp({ CUTOVER_DB: dbPath });
  const caller = createCognitoCaller(parseEnv({ AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: standIn.endpoint, AWS_REGION: 'us-east-1' }), { requestsPerSecond: 1000 });
  expect(await importUsers(t.deps, poolSource(caller, POOL, await describePool(caller, POOL)), { tenant: 'default' })).toMatchObject({ created: 25 });
  caller.client.destroy();
});
afterAll(() => standIn?.close());

const link = (...extra: string[]) => runCli(['hybrid', 'link', '--user-pool-id', POOL, '--provider-name', 'cutover', '--rps', '40', '--json', ...extra], {
  CUTOVER_DB: dbPath, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: standIn.endpoint, AWS_REGION: 'us-east-1',
});
const linkCalls = () => standIn.requests.filter((r) => r.op === 'AdminLinkProviderForUser');

describe('cutover hybrid link', () => {
  it('links every imported person through throttling, names who it could not link, and a re-run links nobody twice', async () => {
    const dry = await link('--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json()).toMatchObject({ dryRun: true, wouldLink: 25, linked: 0, previouslyLinked: 0 });
    expect(linkCalls()).toHaveLength(0);

    // Since the import: u0 was deleted in Cognito, u1 was linked by hand already, and u3 holds u2's cutover identity.
    users.splice(users.findIndex((u) => u.Username === 'u0'), 1);
    standIn.links.push({ username: 'u1', providerName: 'cutover', attributeName: 'Cognito_Subject', subject: await idOf('u1@example.com') });
    standIn.links.push({ username: 'u3', providerName: 'cutover', attributeName: 'Cognito_Subject', subject: await idOf('u2@example.com') });
    const start = standIn.requests.length;
    standIn.setThrottle(4, 7);
    const run = await link();
    standIn.setThrottle(0, 0);
    expect(run.code, run.stderr).toBe(0);
    const report = run.json();
    expect(report).toMatchObject({ dryRun: false, linked: 21, alreadyLinked: 1, previouslyLinked: 0 });
    expect(report.failed.map((f: { email: string; username: string; reason: string }) => [f.email, f.username, f.reason]).sort()).toEqual([
      ['u0@example.com', 'u0', expect.stringMatching(/^UserNotFoundException/)],
      ['u2@example.com', 'u2', expect.stringMatching(/^InvalidParameterException: Merging is not currently supported/)],
      ['u3@example.com', 'u3', expect.stringMatching(/^AliasExistsException/)],
    ]);

    // Each Cognito user carries its own person's cutover sub, as Cognito_Subject.
    for (const l of standIn.links) {
      expect(l.attributeName).toBe('Cognito_Subject');
      if (l.username !== 'u3') expect(l.subject).toBe(await idOf(`${l.username}@example.com`));
    }
    expect(new Set(standIn.links.map((l) => l.username)).size).toBe(standIn.links.length);
    const calls = standIn.requests.slice(start);
    expect(calls.filter((r) => r.throttled).length).toBeGreaterThan(3);
    // Paced at --rps 40: the calls spread over at least (n - 1) / 40 seconds.
    expect(calls[calls.length - 1].at - calls[0].at).toBeGreaterThanOrEqual(((calls.length - 1) / 40) * 1000 * 0.9);

    const before = linkCalls().length;
    const again = await link();
    expect(again.code, again.stderr).toBe(0);
    expect(again.json()).toMatchObject({ linked: 0, alreadyLinked: 0, previouslyLinked: 22 });
    const retried = linkCalls().slice(before).map((r) => (r.body.DestinationUser as { ProviderAttributeValue: string }).ProviderAttributeValue);
    expect(retried.sort()).toEqual(['u0', 'u2', 'u3']);
    expect(await t.deps.stores.hybridLinks.count(POOL, 'cutover')).toBe(22);
  }, 90_000);

  it('refuses a provider the pool does not have, before linking anyone', async () => {
    const res = await runCli(['hybrid', 'link', '--user-pool-id', POOL, '--provider-name', 'nope'], {
      CUTOVER_DB: dbPath, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: standIn.endpoint, AWS_REGION: 'us-east-1',
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/no identity provider "nope"/);
  });
});
