// Issue 18 item 10, over real HTTP: malformed multipart bodies are a 4xx on every form route, and an aborted body is one log line.
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createSession } from '../../src/core/sign-in/sessions.ts';
import { SESSION_COOKIE } from '../../src/http/session-cookie.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';

let s: TestServer;
let cookie: string;
beforeAll(async () => {
  s = await startTestServer();
  const user = await seedUser(s.deps);
  cookie = `${SESSION_COOKIE}=${(await createSession(s.deps, { userId: user.id, amr: ['otp'] })).cookieValue}`;
});
afterAll(() => s?.close());
afterEach(() => vi.restoreAllMocks());

const ROUTES = ['/v1/token', '/v1/revoke', '/auth/magic-link', '/login/email', '/login/code', '/login/passkey', '/account/passkeys/abc/rename'];
const BROKEN = [
  ['no closing boundary', 'multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'],
  ['garbage', 'multipart/form-data; boundary=xyz', 'not multipart at all'],
  ['no boundary', 'multipart/form-data', '--xyz\r\n\r\n--xyz--'],
] as const;

it('answers every form route a 4xx JSON error, never a 500 or a stack', async () => {
  const errors = vi.spyOn(console, 'error');
  for (const path of ROUTES) {
    for (const [name, type, body] of BROKEN) {
      const res = await fetch(`${s.url}${path}`, { method: 'POST', headers: { 'content-type': type, origin: s.url, cookie }, body });
      const text = await res.text();
      expect(res.status, `${path} with ${name}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${path} with ${name}: ${text}`).toBeLessThan(500);
      expect(text).not.toMatch(/\bat \S+:\d+:\d+/); // no stack frame
    }
  }
  expect(errors).not.toHaveBeenCalled();
});

it('logs a body the client aborted as one line, without a stack', async () => {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  vi.spyOn(console, 'error').mockImplementation(capture);
  vi.spyOn(console, 'warn').mockImplementation(capture);
  const port = Number(new URL(s.url).port);
  await new Promise<void>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`POST /v1/token HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=refr`);
      setTimeout(() => { socket.destroy(); resolve(); }, 200);
    });
  });
  await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0), { timeout: 5000 });
  await new Promise((r) => setTimeout(r, 300));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/POST \/v1\/token: the client aborted the request body/);
  expect(lines[0]).not.toMatch(/\n\s+at /);
});
