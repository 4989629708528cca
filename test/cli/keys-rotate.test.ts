// Issue 18 #18: `keys rotate --now` run by the real CLI against a running server's database: the server signs with the
// new key within a second, and keeps publishing the old one until every token it may still have signed has expired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtectedHeader } from 'jose';
import { createClient } from '../../src/core/clients/create-client.ts';
import { issueTokenSet } from '../../src/core/tokens/issue-tokens.ts';
import type { Client } from '../../src/core/ports/clients.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { testClock } from '../helpers/clock.ts';
import { seedUser } from '../helpers/users.ts';
import { runCli } from '../helpers/cli.ts';

const clock = testClock();
let s: TestServer;
let client: Client;
beforeAll(async () => {
  s = await startTestServer({}, { clock });
  client = await createClient(s.deps, { name: 'App', redirectUris: ['https://app.example.com/cb'] });
});
afterAll(() => s.close());

const kidOf = (jwt: string) => decodeProtectedHeader(jwt).kid;
const jwksKids = async () => (await (await fetch(`${s.url}/.well-known/jwks.json`)).json()).keys.map((k: { kid: string }) => k.kid);

describe('keys rotate --now from the CLI', () => {
  it('the server signs with the new key within a second and publishes the old one while its tokens may live', async () => {
    const user = await seedUser(s.deps);
    let refresh = (await issueTokenSet(s.deps, { user, client, amr: ['otp'] })).refresh_token;
    const grant = async () => {
      const res = await fetch(`${s.url}/v1/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refresh, client_id: client.id }),
      });
      expect(res.status).toBe(200);
      const set = await res.json();
      refresh = set.refresh_token;
      return set.access_token as string;
    };
    const oldKid = kidOf(await grant());

    const cli = await runCli(['keys', 'rotate', '--now', '--json'], { CUTOVER_DB: s.dbPath, CUTOVER_ISSUER: s.url });
    expect(cli.code).toBe(0);
    const { kid: newKid, activateAt } = cli.json();
    expect(newKid).not.toBe(oldKid);

    // the server's clock reaches the CLI's activation, then a little over a second passes: the new key signs
    clock.set(Date.parse(activateAt) + 1_100);
    const after = await grant();
    expect(kidOf(after)).toBe(newKid);
    expect(await jwksKids()).toEqual(expect.arrayContaining([oldKid, newKid]));

    // a token the old key signed just before the switch lives an hour; an instance that had not yet reloaded may have
    // signed one a little later: the old key is still published a minute after the hour
    clock.set(Date.parse(activateAt) + 3600_000 + 60_000);
    expect(await jwksKids()).toEqual(expect.arrayContaining([oldKid, newKid]));
    // and leaves once no instance's token can need it
    clock.set(Date.parse(activateAt) + 3600_000 + 6 * 60_000);
    expect(await jwksKids()).not.toContain(oldKid);
  });
});
