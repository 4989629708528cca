// The admin CLI: --json results, --help, one-line failures with non-zero exits.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeTestApp, tempDbPath } from '../helpers/app.ts';

describe('cutover CLI', () => {
  const env = { CUTOVER_DB: tempDbPath() };

  it('lists its commands with --help', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('admin-keys create');
    expect(r.stdout).toContain('keys rotate');
  });

  it('admin-keys create prints the key once; the API accepts it and stores only a hash', async () => {
    const r = runCli(['admin-keys', 'create', '--name', 'ops', '--json'], env);
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

  it('clients create registers an app', () => {
    const r = runCli(['clients', 'create', '--name', 'Shop', '--redirect-uri', 'https://shop.example.com/cb', '--tenant', 'acme', '--json'], env);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ clientId: expect.stringMatching(/^cli_/), tenant: 'acme', redirectUris: ['https://shop.example.com/cb'] });
  });

  it('keys rotate publishes a key that activates later; --now at once', () => {
    const later = runCli(['keys', 'rotate', '--json'], env).json();
    expect(Date.parse(later.activateAt)).toBeGreaterThan(Date.now() + 2 * 3600_000);
    const now = runCli(['keys', 'rotate', '--now', '--json'], env).json();
    expect(Date.parse(now.activateAt)).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    [['clients', 'create', '--name', 'x', '--redirect-uri', 'not a url'], /--redirect-uri/],
    [['clients', 'create', '--redirect-uri', 'https://x.example.com'], /--name/],
    [['admin-keys', 'create'], /--name is required/],
    [['keys', 'rotate', '--bogus'], /bogus/],
    [['frobnicate'], /unknown command/],
  ])('%j fails with one line naming the problem', (args, pattern) => {
    const r = runCli(args as string[], env);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });

  it('a bad environment variable is named', () => {
    const r = runCli(['keys', 'rotate'], { ...env, CUTOVER_ACCESS_TOKEN_TTL: 'forever' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CUTOVER_ACCESS_TOKEN_TTL/);
  });
});
