// Live-pool import against the real cognito-local emulator, through the real CLI and the AWS SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDisableUserCommand, AdminSetUserPasswordCommand, CreateGroupCommand, CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { startCognitoLocal, type CognitoLocal } from '../helpers/cognito-local.ts';
import { makeTestApp, tempDbPath } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';
import { createJitImporter } from '../../src/cognito/jit-import.ts';

let cognito: CognitoLocal;
let poolA: string;
let poolB: string;
const subs: Record<string, string> = {};

async function createPool(name: string): Promise<string> {
  const res = await cognito.client.send(new CreateUserPoolCommand({
    PoolName: name,
    Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: true }, { Name: 'tenant_id', AttributeDataType: 'String', Mutable: true }],
  }));
  return res.UserPool!.Id!;
}

async function addUser(pool: string, username: string, attrs: Record<string, string>, opts: { confirm?: boolean; disable?: boolean; groups?: string[] } = {}) {
  const res = await cognito.client.send(new AdminCreateUserCommand({
    UserPoolId: pool, Username: username, MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-Passw0rd!',
    UserAttributes: Object.entries(attrs).map(([Name, Value]) => ({ Name, Value })),
  }));
  subs[`${pool}/${username}`] = res.User!.Attributes!.find((a) => a.Name === 'sub')!.Value!;
  if (opts.confirm) await cognito.client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool, Username: username, Password: 'Final-Passw0rd!', Permanent: true }));
  if (opts.disable) await cognito.client.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: username }));
  for (const g of opts.groups ?? []) await cognito.client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: username, GroupName: g }));
}

beforeAll(async () => {
  cognito = await startCognitoLocal();
  poolA = await createPool('legacy-a');
  poolB = await createPool('legacy-b');
  for (const g of ['admins', 'staff', 'empty-group']) await cognito.client.send(new CreateGroupCommand({ UserPoolId: poolA, GroupName: g }));
  await addUser(poolA, 'ada', { email: 'Ada@Example.com', email_verified: 'true', given_name: 'Ada', family_name: 'Lovelace', 'custom:tier': 'gold', 'custom:tenant_id': 'acme' }, { confirm: true, groups: ['admins', 'staff'] });
  await addUser(poolA, 'grace', { email: 'grace@example.com', email_verified: 'false', name: 'Grace Hopper' }, { groups: ['staff'] });
  await addUser(poolA, 'zoe', { email: 'zoe@example.org', email_verified: 'true', given_name: 'Zoë', family_name: 'Saldaña', name: '李雷 Zoë' }, { confirm: true });
  await addUser(poolA, 'phone-only', { phone_number: '+14155550123', given_name: 'No', family_name: 'Email' });
  await addUser(poolA, 'dee', { email: 'dee@example.com', email_verified: 'true' }, { confirm: true, disable: true });
  await addUser(poolB, 'ada-b', { email: 'ada@example.com', email_verified: 'true', 'custom:tier': 'silver' }, { confirm: true });
  await addUser(poolB, 'grace-b', { email: 'Grace@example.com', email_verified: 'true' }, { confirm: true });
  await addUser(poolB, 'only-b', { email: 'only-b@example.com', email_verified: 'true' }, { confirm: true });
}, 120_000);
afterAll(() => cognito?.stop());

const env = (dbPath: string) => ({ CUTOVER_DB: dbPath, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint, AWS_REGION: 'local' });

describe('cutover import cognito against cognito-local', () => {
  it('imports a realistic pool, merges a second pool sharing emails, and re-runs to created 0', async () => {
    const dbPath = tempDbPath();
    const a = await runCli(['import', 'cognito', '--user-pool-id', poolA, '--json'], env(dbPath));
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ source: `cognito:${poolA}`, created: 5, updated: 0, unchanged: 0, merged: 0, conflicts: [], groups: 3, memberships: 3 });
    expect(a.stderr).toMatch(/custom attributes: .*custom:tier/);

    const b = await runCli(['import', 'cognito', '--user-pool-id', poolB, '--json'], env(dbPath));
    expect(JSON.parse(b.stdout)).toMatchObject({
      created: 1, merged: 1, conflicts: [{ legacySub: subs[`${poolB}/grace-b`], reason: expect.stringMatching(/^email_unverified_in_tenant/) }],
    });

    const t = await makeTestApp({ CUTOVER_DB: dbPath });
    const ada = (await t.deps.stores.users.findByEmail('default', 'ada@example.com'))!;
    expect(ada).toMatchObject({ email: 'Ada@Example.com', emailVerified: true, freshlyMigrated: true, roles: ['admins', 'staff'],
      profile: { given_name: 'Ada', family_name: 'Lovelace' }, attributes: { 'custom:tier': 'gold', 'custom:tenant_id': 'acme' } });
    const links = await t.deps.stores.users.legacyLinks(ada.id);
    expect(links.map((l) => [l.userPoolId, l.username, l.status]).sort()).toEqual([[poolA, 'ada', 'CONFIRMED'], [poolB, 'ada-b', 'CONFIRMED']].sort());
    expect(await t.deps.stores.users.findByEmail('default', 'grace@example.com')).toMatchObject({ emailVerified: false, roles: ['staff'] });
    expect((await t.deps.stores.users.legacyLinks((await t.deps.stores.users.findByEmail('default', 'grace@example.com'))!.id))[0].status).toBe('FORCE_CHANGE_PASSWORD');
    expect(await t.deps.stores.users.findByEmail('default', 'zoe@example.org')).toMatchObject({ profile: { given_name: 'Zoë', family_name: 'Saldaña', name: '李雷 Zoë' } });
    expect(await t.deps.stores.users.findByEmail('default', 'dee@example.com')).toMatchObject({ enabled: false });
    const phone = await t.deps.stores.adminUsers.findByLegacySub(subs[`${poolA}/phone-only`]);
    expect(phone?.user).toMatchObject({ email: null, profile: { phone_number: '+14155550123' } });

    const again = await runCli(['import', 'cognito', '--user-pool-id', poolA, '--json'], env(dbPath));
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    const dry = await runCli(['import', 'cognito', '--user-pool-id', poolB, '--dry-run', '--json'], env(dbPath));
    expect(JSON.parse(dry.stdout)).toMatchObject({ created: 0, unchanged: 2, conflicts: [expect.anything()] });
  }, 120_000);

  it('a missing pool fails with one line and a non-zero exit', async () => {
    const r = await runCli(['import', 'cognito', '--user-pool-id', 'local_Missing1'], env(tempDbPath()));
    expect(r.code).toBe(1);
    // (The AWS SDK may print its own Node version warning first; cutover's reason is one line, last.)
    expect(r.stderr.trim().split('\n').pop()).toMatch(new RegExp(`^cutover import cognito: .*${'local_Missing1'}`));
    expect((await runCli(['import', 'cognito'], env(tempDbPath()))).stderr).toMatch(/--user-pool-id is required/);
  }, 60_000);

  it('just-in-time import finds a late sign-up by email and imports it with its groups', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'local';
    process.env.AWS_SECRET_ACCESS_KEY = 'local';
    const t = await makeTestApp({ CUTOVER_COGNITO_USER_POOL_ID: poolA, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint, AWS_REGION: 'local' });
    expect(t.deps.jitImport).toBeTypeOf('function');
    // cognito-local's email filter is case-sensitive (Cognito's is not), so the late user's address is lower-case here.
    await addUser(poolA, 'late', { email: 'late.comer@example.com', email_verified: 'true', given_name: 'Late' }, { confirm: true, groups: ['staff'] });
    const user = await t.deps.jitImport!('default', 'late.comer@example.com');
    expect(user).toMatchObject({ email: 'late.comer@example.com', freshlyMigrated: true, roles: ['staff'], profile: { given_name: 'Late' } });
    expect(await t.deps.jitImport!('default', 'nobody@example.com')).toBeNull();
    // Imported once: asking again finds the same user, no duplicate.
    expect((await t.deps.jitImport!('default', 'late.comer@example.com'))?.id).toBe(user!.id);
    const jit = createJitImporter(t.deps.config, t.deps.stores, t.deps.clock);
    expect(await jit('other-tenant', 'zoe@example.org')).toMatchObject({ tenant: 'other-tenant', email: 'zoe@example.org' });
  }, 60_000);
});
