// The admin CLI: --json results, --help, one-line failures with non-zero exits.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeTestApp, tempDbPath } from '../helpers/app.ts';

describe('cutover CLI', () => {
  const env = { CUTOVER_DB: tempDbPath() };

  it('lists its commands with --help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('admin-keys create');
    expect(r.stdout).toContain('keys rotate');
  });

  it('a command group answers --help (and a bare group) with its commands; an unknown one says so and lists them', async () => {
    const [clients, bare, imports, unknown] = await Promise.all([['clients', '--help'], ['keys'], ['import', '-h'], ['clients', 'frobnicate']].map((a) => runCli(a)));
    for (const [r, group] of [[clients, 'clients'], [bare, 'keys'], [imports, 'import']] as const) {
      expect([group, r.code]).toEqual([group, 0]);
      expect(r.stdout).toContain(`usage: cutover ${group} <command>`);
    }
    expect(clients.stdout).toContain('clients create');
    expect(imports.stdout).toMatch(/import cognito[\s\S]*import file[\s\S]*import conflicts/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^cutover: unknown command "clients frobnicate"\n[\s\S]*clients create/);
  }, 120_000); // four CLI processes, run at once

  it('clients create without --redirect-uri or --name says which flag, in one line', async () => {
    const [noUri, noName, bad] = await Promise.all([
      runCli(['clients', 'create', '--name', 'Shop'], env),
      runCli(['clients', 'create', '--redirect-uri', 'https://x.example.com/cb'], env),
      runCli(['clients', 'create', '--name', 'Shop', '--redirect-uri', 'javascript:alert(1)'], env),
    ]);
    expect(noUri.code).toBe(2);
    expect(noUri.stderr.trim().split('\n')).toEqual(['cutover clients create: --redirect-uri is required: where your app receives the sign-in code, e.g. https://app.example.com/callback (repeat it for several)']);
    expect(noUri.stderr).not.toMatch(/Too small|expected array|Invalid input/);
    expect(noName.stderr.trim()).toBe("cutover clients create: --name is required: the app's name, shown on the sign-in page");
    expect(bad.stderr.trim()).toBe('cutover clients create: --redirect-uri: must not use the javascript: scheme');
  }, 120_000);

  it('admin-keys create prints the key once; the API accepts it and stores only a hash', async () => {
    const r = await runCli(['admin-keys', 'create', '--name', 'ops', '--json'], env);
    expect(r.code).toBe(0);
    const { id, key } = r.json();
    expect(id).toMatch(/^adk_/);
    const t = await makeTestApp({ CUTOVER_DB: env.CUTOVER_DB });
    const res = await t.request('/v1/admin/clients', {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Shop', redirectUris: ['https://shop.example.com/cb'] }),
    });
    expect(res.status).toBe(201);
    const raw = JSON.stringify(await t.db.query.adminKeys.findMany());
    expect(raw).not.toContain(key);
  });

  it('clients create registers an app', async () => {
    const r = await runCli(['clients', 'create', '--name', 'Shop', '--redirect-uri', 'https://shop.example.com/cb', '--tenant', 'acme', '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ clientId: expect.stringMatching(/^cli_/), tenant: 'acme', redirectUris: ['https://shop.example.com/cb'] });
  });

  it('keys rotate publishes a key that activates later; --now at once', async () => {
    const later = (await runCli(['keys', 'rotate', '--json'], env)).json();
    expect(Date.parse(later.activateAt)).toBeGreaterThan(Date.now() + 2 * 3600_000);
    const now = (await runCli(['keys', 'rotate', '--now', '--json'], env)).json();
    expect(Date.parse(now.activateAt)).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    [['clients', 'create', '--name', 'x', '--redirect-uri', 'not a url'], /--redirect-uri/],
    [['clients', 'create', '--redirect-uri', 'https://x.example.com'], /--name/],
    [['admin-keys', 'create'], /--name is required/],
    [['keys', 'rotate', '--bogus'], /bogus/],
    [['frobnicate'], /unknown command/],
  ])('%j fails with one line naming the problem', async (args, pattern) => {
    const r = await runCli(args as string[], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });

  it('a bad environment variable is named', async () => {
    const r = await runCli(['keys', 'rotate'], { ...env, CUTOVER_ACCESS_TOKEN_TTL: 'forever' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CUTOVER_ACCESS_TOKEN_TTL/);
  });
});
