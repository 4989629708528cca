// Paging at 60, throttling and pacing, through the real AWS SDK against a Cognito stand-in that does both.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/core/shared/config.ts';
import { createCognitoCaller } from '../../src/cognito/client.ts';
import { describePool, poolSource } from '../../src/cognito/pool-source.ts';
import { createJitImporter } from '../../src/cognito/jit-import.ts';
import { importUsers } from '../../src/core/import/import-users.ts';
import { makeTestApp } from '../helpers/app.ts';
import { startCognitoStandIn, type StandIn, type StandInUser } from '../helpers/cognito-stand-in.ts';

const POOL = 'us-east-1_StandIn';
const users: StandInUser[] = Array.from({ length: 150 }, (_, i) => ({
  Username: `user-${i}`,
  Attributes: [{ Name: 'sub', Value: `sub-${i}` }, { Name: 'email', Value: `user${i}@example.com` }, { Name: 'email_verified', Value: 'true' }],
}));
users.push({ Username: 'quote', Attributes: [{ Name: 'sub', Value: 'sub-q' }, { Name: 'email', Value: 'o"brien\\x@example.com' }, { Name: 'email_verified', Value: 'true' }] });
const groups = { members: users.slice(0, 70).map((u) => u.Username), admins: ['user-1'] };

let standIn: StandIn;
beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
});
afterEach(() => standIn?.close());

const configFor = (endpoint: string, extra: Record<string, string> = {}) =>
  parseEnv({ AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoint, AWS_REGION: 'us-east-1', ...extra });

describe('live pool source', () => {
  it('pages users and group members 60 at a time, and retries throttling until every user is in', async () => {
    standIn = await startCognitoStandIn({ users, groups, throttleEvery: 3, poolId: POOL });
    const caller = createCognitoCaller(configFor(standIn.endpoint), { requestsPerSecond: 1000, baseDelayMs: 1 });
    const t = await makeTestApp();
    const info = await describePool(caller, POOL);
    expect(info).toEqual({ estimatedUsers: 151, customAttributes: ['custom:tier'] });
    const report = await importUsers(t.deps, poolSource(caller, POOL, info), { tenant: 'default' });
    expect(report).toMatchObject({ created: 151, conflicts: [], groups: 2, memberships: 71 });
    const listUsers = standIn.requests.filter((r) => r.op === 'ListUsers' && !r.throttled);
    expect(listUsers.map((r) => r.body.Limit)).toEqual([60, 60, 60]);
    expect(listUsers[0].body.PaginationToken).toBeUndefined();
    expect(listUsers[1].body.PaginationToken).toEqual(expect.any(String));
    expect(standIn.requests.filter((r) => r.op === 'ListUsersInGroup' && r.body.GroupName === 'members' && !r.throttled)).toHaveLength(2);
    expect(standIn.requests.some((r) => r.throttled)).toBe(true);
    expect((await t.deps.stores.users.findByEmail('default', 'user1@example.com'))?.roles).toEqual(['admins', 'members']);
  });

  it('gives up after its retries when throttling never ends, with the Cognito error', async () => {
    standIn = await startCognitoStandIn({ users, throttleEvery: 1, poolId: POOL });
    const caller = createCognitoCaller(configFor(standIn.endpoint), { requestsPerSecond: 1000, baseDelayMs: 1, maxRetries: 3 });
    await expect(describePool(caller, POOL)).rejects.toMatchObject({ name: 'TooManyRequestsException' });
    expect(standIn.requests).toHaveLength(4);
  });

  it('paces requests under the configured rate', async () => {
    standIn = await startCognitoStandIn({ users, poolId: POOL });
    const caller = createCognitoCaller(configFor(standIn.endpoint, { CUTOVER_COGNITO_RPS: '10' }));
    const start = Date.now();
    for (let i = 0; i < 6; i++) await describePool(caller, POOL);
    // Six requests at 10 per second: the last one may start 500 ms after the first.
    expect(Date.now() - start).toBeGreaterThanOrEqual(480);
  });
});

describe('just-in-time import', () => {
  it('sends a safely escaped exact email filter and imports only that user', async () => {
    standIn = await startCognitoStandIn({ users, groups, poolId: POOL });
    const t = await makeTestApp();
    const jit = createJitImporter(configFor(standIn.endpoint, { CUTOVER_COGNITO_USER_POOL_ID: POOL }), t.deps.stores, t.deps.clock);
    const user = await jit('default', 'o"brien\\x@example.com');
    const filters = standIn.requests.filter((r) => r.op === 'ListUsers').map((r) => r.body.Filter);
    expect(filters).toEqual(['email = "o\\"brien\\\\x@example.com"']);
    expect(user).toMatchObject({ email: 'o"brien\\x@example.com', freshlyMigrated: true });
    expect(await jit('default', 'user1@example.com')).toMatchObject({ roles: ['admins', 'members'] });
    expect(await jit('default', 'x" or email ^= "')).toBeNull();
    expect((await t.deps.stores.adminUsers.list({ tenant: 'default', limit: 10 })).length).toBe(2);
  });
});
