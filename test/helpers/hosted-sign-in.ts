// Drives the hosted sign-in over real HTTP as a browser without JavaScript would: the authorization URL's page, the
// email form, the code read from the `log` mailer's mailbox, the code form; returns the redirect and the session cookie.
import { expect } from 'vitest';
import { processPendingMail } from '../../src/core/sign-in/process-pending-mail.ts';
import type { TestServer } from './app.ts';
import { codeOf, linkOf, tokenOf } from './email-flow.ts';

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The hidden fields of the first form posting to `action` on a page. */
export function hiddenFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}`);
  expect(start, `a form posting to ${action}`).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf('</form>', start));
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g)) out[m[1]] = unescape(m[2]);
  return out;
}

export interface HostedSignIn {
  /** where the sign-in sent the browser (the client's redirect URI with code, state and iss) */
  location: string;
  /** `cutover_session=...`, to send on later requests */
  cookie: string;
}

/**
 * Opens `authorizationUrl`, signs `email` in with the code from the mail (or, `via: 'link'`, by the link's button, as on
 * another device: no cookie, no form state), and returns the final redirect.
 */
export async function signInByEmailCode(s: TestServer, authorizationUrl: string | URL, email: string, via: 'code' | 'link' = 'code'): Promise<HostedSignIn> {
  const page = await fetch(authorizationUrl, { redirect: 'manual' });
  expect(page.status, 'the authorization URL shows the sign-in page').toBe(200);
  const html = await page.text();
  const post = (path: string, body: Record<string, string>) => fetch(`${s.url}${path}`, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(body),
    // a browser submitting the page's own form sends its origin (the pages refuse cross-site form posts)
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: s.url },
  });
  const codePage = await post('/login/email', { ...hiddenFields(html, '/login/email'), email });
  expect(codePage.status).toBe(200);
  const codeHtml = await codePage.text();
  await processPendingMail(s.deps);
  const mail = (await (await fetch(`${s.url}/dev/mail.json`)).json()) as { to: string; text: string }[];
  const text = mail.find((m) => m.to === email)!.text;
  const code = codeOf(text);
  expect(code).toMatch(/^\d{6}$/);
  const done = via === 'code'
    ? await post('/login/code', { ...hiddenFields(codeHtml, '/login/code'), email, code: code! })
    : await post('/auth/magic-link', { token: tokenOf(linkOf(text)!) });
  expect(done.status).toBe(303);
  const cookie = /cutover_session=[^;]+/.exec(done.headers.get('set-cookie') ?? '')?.[0];
  expect(cookie).toBeDefined();
  return { location: done.headers.get('location')!, cookie: cookie! };
}
