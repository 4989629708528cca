// Issue 18 item 6: a CLI run without the server's CUTOVER_ISSUER leaves the built-in `account` client's redirect URI alone.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients } from '../../db/sqlite/schema.ts';
import { makeTestApp, startTestServer, type TestServer } from '../helpers/app.ts';
import { runCli } from '../helpers/cli.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

// The account client's redirects: /account, and (issue 15) the account deletion step and the admin console.
const uris = (base: string) => [`${base}/account`, `${base}/account/delete`, `${base}/admin`];
const accountRedirects = async () => {
  const [row] = await s.db.select({ redirectUris: clients.redirectUris }).from(clients).where(eq(clients.id, 'account'));
  return JSON.parse(row.redirectUris) as string[];
};

it('an operator command with the default issuer does not rewrite what the server set', async () => {
  expect(await accountRedirects()).toEqual(uris(s.url));
  // No CUTOVER_ISSUER: the CLI's own default (http://localhost:8787) differs from the server's.
  const r = await runCli(['admin-keys', 'create', '--name', 'ops', '--json'], { CUTOVER_DB: s.dbPath, CUTOVER_ISSUER: '' });
  expect(r.code).toBe(0);
  expect(await accountRedirects()).toEqual(uris(s.url));
  // /login without a client_id still ends on this server's /account.
  const page = await fetch(`${s.url}/login`);
  expect(page.status).toBe(200);
});

it('a CLI run on a fresh database still creates the account client, and the server then owns its redirect', async () => {
  const fresh = await startTestServer();
  try {
    await fresh.db.delete(clients).where(eq(clients.id, 'account'));
    const r = await runCli(['admin-keys', 'create', '--name', 'ops', '--json'], { CUTOVER_DB: fresh.dbPath, CUTOVER_ISSUER: 'http://localhost:8787' });
    expect(r.code).toBe(0);
    const [row] = await fresh.db.select().from(clients).where(eq(clients.id, 'account'));
    expect(JSON.parse(row.redirectUris)).toEqual(uris('http://localhost:8787'));
    // The next server start keeps the client in step with its own issuer.
    await makeTestApp({ CUTOVER_DB: fresh.dbPath, CUTOVER_ISSUER: fresh.url });
    const [after] = await fresh.db.select().from(clients).where(eq(clients.id, 'account'));
    expect(JSON.parse(after.redirectUris)).toEqual(uris(fresh.url));
  } finally {
    await fresh.close();
  }
});
