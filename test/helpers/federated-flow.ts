// Drives a federated sign-in over real HTTP as a browser would (cookies carried by hand): the app's authorize URL with
// identity_provider, the upstream's authorize, the callback; and trades the resulting code for a token set.
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestServer } from './app.ts';

/** A tiny cookie jar: name → value from Set-Cookie headers (deletions drop the name). */
export class Jar {
  readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export interface FederatedAttempt {
  /** the app's answer at the callback (303 to the client with a code, 303 to /login for a pending link, or 400) */
  callback: Response;
  verifier: string;
  jar: Jar;
  callbackUrl: string;
}

export async function federatedSignIn(s: TestServer, provider: string, jar = new Jar(), bendCallback?: (url: URL) => void): Promise<FederatedAttempt> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const q = new URLSearchParams({
    identity_provider: provider, response_type: 'code', client_id: 'account', redirect_uri: `${s.url}/account`,
    code_challenge: challenge, code_challenge_method: 'S256', state: 'app-state', nonce: 'app-nonce', scope: 'openid email profile',
  });
  const start = await fetch(`${s.url}/oauth2/authorize?${q}`, { redirect: 'manual', headers: { cookie: jar.header() } });
  expect(start.status, 'authorize goes straight to the provider').toBe(302);
  jar.take(start);
  const upstream = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  if (upstream.status === 200) {
    // response_mode=form_post (Apple): the upstream's page posts the answer cross-site to the callback
    const { formPost, fields } = (await upstream.json()) as { formPost: string; fields: Record<string, string> };
    const callback = await fetch(formPost, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(start.headers.get('location')!).origin, cookie: jar.header() },
    });
    jar.take(callback);
    return { callback, verifier, jar, callbackUrl: formPost };
  }
  expect(upstream.status, 'the upstream sends the browser back').toBe(302);
  const back = new URL(upstream.headers.get('location')!);
  bendCallback?.(back);
  const callback = await fetch(back, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(callback);
  return { callback, verifier, jar, callbackUrl: back.toString() };
}

/** The app's code from a successful callback, traded at /v1/token. */
export async function tradeCode(s: TestServer, attempt: FederatedAttempt): Promise<{ access_token: string; id_token: string; refresh_token: string }> {
  expect(attempt.callback.status).toBe(303);
  const location = new URL(attempt.callback.headers.get('location')!);
  expect(location.origin + location.pathname).toBe(`${s.url}/account`);
  expect(location.searchParams.get('state')).toBe('app-state');
  const res = await fetch(`${s.url}/v1/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: `${s.url}/account`, client_id: 'account', code_verifier: attempt.verifier }),
  });
  expect(res.status).toBe(200);
  return res.json();
}
