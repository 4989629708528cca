// Auth.js (@auth/core) with its Cognito provider pointed at a listening cutover: a full sign-in, the code read from the mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth } from '@auth/core';
import Cognito from '@auth/core/providers/cognito';
import { createClient } from '../../src/core/clients/create-client.ts';
import type { User } from '../../src/core/ports/users.ts';
import { startTestServer, type TestServer } from '../helpers/app.ts';
import { seedUser } from '../helpers/users.ts';
import { signInByEmailCode } from '../helpers/hosted-sign-in.ts';

const APP = 'http://localhost:3999';
let s: TestServer;
let user: User;
let config: Parameters<typeof Auth>[1];

/** A tiny cookie jar: what a browser would send back to the app. */
const jar = new Map<string, string>();
const remember = (res: Response) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
};
const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const app = async (path: string, init: RequestInit = {}) => {
  const res = await Auth(new Request(`${APP}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() } }), config);
  remember(res);
  return res;
};

beforeAll(async () => {
  s = await startTestServer();
  user = await seedUser(s.deps, { profile: { name: 'Ada Lovelace' } });
  const client = await createClient(s.deps, { name: 'Next app', redirectUris: [`${APP}/auth/callback/cognito`], confidential: true });
  config = {
    providers: [Cognito({ clientId: client.id, clientSecret: client.clientSecret!, issuer: s.url })],
    secret: 'authjs-test-secret-authjs-test-secret-0123',
    trustHost: true,
    basePath: '/auth',
  };
});
afterAll(() => s.close());

describe('Auth.js Cognito provider against cutover', () => {
  it('signs in with the code from the mail and ends with a session naming the person', async () => {
    const { csrfToken } = await (await app('/auth/csrf')).json();
    const start = await app('/auth/signin/cognito', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrfToken, callbackUrl: `${APP}/home` }),
    });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${s.url}/oauth2/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');

    const { location } = await signInByEmailCode(s, authorize, user.email!);
    const callback = new URL(location);
    expect(callback.origin + callback.pathname).toBe(`${APP}/auth/callback/cognito`);
    const done = await app(callback.pathname + callback.search);
    // Auth.js answers an error by redirecting to its error page; success goes to the callbackUrl
    expect(done.headers.get('location')).toBe(`${APP}/home`);

    const session = await (await app('/auth/session')).json();
    expect(session.user).toMatchObject({ email: user.email, name: 'Ada Lovelace' });
  });
});
