// `cutover clients create --confidential`, `clients list`, `clients rotate-secret`: the real CLI against a real database.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { startTestServer, tempDbPath } from '../helpers/app.ts';

// Each CLI run starts a fresh Node process (several seconds on a loaded machine): these tests get room for that.
describe('cutover clients', { timeout: 180_000 }, () => {
  const env = { CUTOVER_DB: tempDbPath() };

  it('creates a confidential client whose secret (shown once) works at the token endpoint, rotates it, lists it', async () => {
    const created = await runCli(['clients', 'create', '--name', 'Batch', '--confidential', '--grant-type', 'client_credentials', '--scope', 'api/read', '--access-token-ttl', '600', '--json'], env);
    expect(created.code).toBe(0);
    const c = created.json();
    expect(c).toMatchObject({ confidential: true, grantTypes: ['client_credentials'], scopes: ['api/read'], accessTokenTtl: 600, clientSecret: expect.any(String) });

    const listed = await runCli(['clients', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(c.clientId);
    expect(listed.stdout).not.toContain(c.clientSecret);

    const rotated = await runCli(['clients', 'rotate-secret', c.clientId, '--overlap', '0', '--json'], env);
    expect(rotated.code).toBe(0);
    const { clientSecret } = rotated.json();

    const s = await startTestServer({ CUTOVER_DB: env.CUTOVER_DB });
    try {
      const grant = (secret: string) => fetch(`${s.url}/oauth2/token`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: secret }),
      });
      const ok = await grant(clientSecret);
      expect(ok.status).toBe(200);
      expect((await ok.json()).expires_in).toBe(600);
      expect((await grant(c.clientSecret)).status).toBe(401); // --overlap 0: the old secret died at once
    } finally {
      await s.close();
    }
  });

  it('names the flag when an option is wrong', async () => {
    const r = await runCli(['clients', 'create', '--name', 'X', '--redirect-uri', 'https://x.example/cb', '--scope', 'not a scope'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scope');
    const pub = await runCli(['clients', 'rotate-secret', 'account'], env);
    expect(pub.code).toBe(1);
    expect(pub.stderr).toContain('public client');
  });
});
