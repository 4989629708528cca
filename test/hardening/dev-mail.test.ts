// Issue 18 item 2: /dev/mail answers only this machine (by socket address), and the log mailer refuses a public issuer.
import { spawnSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv, serverStartRefusal } from '../../src/core/shared/config.ts';
import { freePort, startTestServer, tempDbPath, type TestServer } from '../helpers/app.ts';

const ENTRY = resolve(import.meta.dirname, '../../src/runtime/node/main.ts');
const TSX = resolve(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs');

/** This machine's address on its network: how another host reaches the port. */
const lanAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

let s: TestServer;
beforeAll(async () => {
  // Listening on every interface, as `npm start` does.
  s = await startTestServer({}, {}, '0.0.0.0');
});
afterAll(() => s?.close());

const port = () => new URL(s.url).port;

describe('/dev/mail', () => {
  it('answers a browser on this machine', async () => {
    for (const path of ['/dev/mail', '/dev/mail.json']) expect((await fetch(`http://127.0.0.1:${port()}${path}`)).status).toBe(200);
  });

  it('refuses another host, whatever the Host header says', async () => {
    expect(lanAddress, 'this test needs a non-loopback IPv4 address').toBeTruthy();
    for (const path of ['/dev/mail', '/dev/mail.json']) {
      const res = await fetch(`http://${lanAddress}:${port()}${path}`, { headers: { host: `localhost:${port()}` } });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/this machine only/) });
    }
  });

  it('refuses what a reverse proxy on this machine relays', async () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const res = await fetch(`http://127.0.0.1:${port()}/dev/mail.json`, { headers: { [header]: '203.0.113.9' } });
      expect(res.status).toBe(403);
    }
  });
});

describe('the log mailer on a public issuer', () => {
  it('is allowed for localhost issuers only', () => {
    for (const issuer of ['http://localhost:8787', 'http://127.0.0.1:3000', 'http://app.localhost', 'http://[::1]:8787']) {
      expect(serverStartRefusal(parseEnv({ CUTOVER_ISSUER: issuer }))).toBeNull();
    }
    expect(serverStartRefusal(parseEnv({ CUTOVER_ISSUER: 'https://auth.example.com', CUTOVER_MAILER: 'ses' }))).toBeNull();
    expect(serverStartRefusal(parseEnv({ CUTOVER_ISSUER: 'https://auth.example.com' }))).toMatch(/CUTOVER_MAILER=log/);
  });

  it('stops `npm start` loudly, naming both variables', async () => {
    const r = spawnSync(process.execPath, [TSX, ENTRY], {
      env: { ...process.env, PORT: String(await freePort()), CUTOVER_DB: tempDbPath(), CUTOVER_ISSUER: 'https://auth.example.com', CUTOVER_MAILER: '' },
      encoding: 'utf8', timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/REFUSING TO START.*CUTOVER_MAILER=log.*CUTOVER_ISSUER is https:\/\/auth\.example\.com/);
  });
});
