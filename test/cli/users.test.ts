// `cutover users …`, `admins grant`, `clients list` as an operator runs them, on a real database file.
// Each run spawns the real CLI (a second or more per start under load): timeouts are generous.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeTestApp, tempDbPath, type TestApp } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import { familyIdOf } from '../../src/core/tokens/refresh-token-text.ts';
import { ACCOUNT_CLIENT_ID, requireClient } from '../../src/core/clients/clients.ts';

const env = { CUTOVER_DB: tempDbPath() };
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ CUTOVER_DB: env.CUTOVER_DB });
});

describe('cutover users', () => {
  it('admins grant makes the first admin (creating the account), then is idempotent', async () => {
    const first = await runCli(['admins', 'grant', 'Boss@Example.com', '--json'], env);
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({ created: true, userId: expect.stringMatching(/^usr_/) });
    const again = (await runCli(['admins', 'grant', 'boss@example.com', '--json'], env)).json();
    expect(again).toMatchObject({ created: false, userId: first.json().userId });
    expect((await t.deps.stores.users.findById(again.userId))!.roles).toEqual(['admin']);
    const bad = await runCli(['admins', 'grant', 'not-an-email'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('email');
  }, 180_000);

  it('lists with filters, shows by email, disables (refresh token dies), enables, signs out and deletes', async () => {
    const user = await seedUser(t.deps, { email: 'carol@shop.example', roles: ['support'] });
    const client = await requireClient(t.deps, ACCOUNT_CLIENT_ID);
    const set = await issueTokenSet(t.deps, { user, client, amr: ['otp'] });
    const list = (await runCli(['users', 'list', '--role', 'support', '--json'], env)).json();
    expect(list.users.map((u: { email: string }) => u.email)).toEqual(['carol@shop.example']);
    const shown = (await runCli(['users', 'show', 'CAROL@shop.example', '--json'], env)).json();
    expect(shown).toMatchObject({ id: user.id, roles: ['support'], enabled: true });

    expect((await runCli(['users', 'disable', user.id, '--json'], env)).json()).toMatchObject({ enabled: false });
    const family = await t.deps.stores.refreshTokens.findFamily(familyIdOf(set.refresh_token)!);
    expect(family?.revokedAt).not.toBeNull();
    expect((await runCli(['users', 'enable', user.id, '--json'], env)).json()).toMatchObject({ enabled: true });
    expect((await runCli(['users', 'sign-out', user.id, '--json'], env)).json()).toEqual({ revokedRefreshTokens: 0 });

    const audit = await t.deps.stores.audit.list({ userId: user.id, limit: 10 });
    expect(audit.filter((e) => e.actor === 'cli').map((e) => e.type)).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled', 'user.signed_out']));
    expect((await runCli(['users', 'delete', 'carol@shop.example', '--json'], env)).json()).toEqual({ id: user.id, deleted: true });
    const gone = await runCli(['users', 'show', user.id], env);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('no user');
  }, 300_000);

  it('refuses bad flags naming them; clients list shows the built-in account client', async () => {
    const bad = await runCli(['users', 'list', '--signed-in', 'maybe'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--signed-in');
    expect((await runCli(['users', 'disable'], env)).code).toBe(2);
    const clients = (await runCli(['clients', 'list', '--json'], env)).json();
    expect(clients.clients.map((c: { clientId: string }) => c.clientId)).toContain('account');
  }, 180_000);
});
