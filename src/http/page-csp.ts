// The hosted pages' Content-Security-Policy, and where a page's forms may lead besides this origin.
import type { Context } from 'hono';

// No inline script (the page script reads data-* attributes); styles are inline; nothing may frame the pages.
export const BASE_PAGE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' https: data:; base-uri 'none'; frame-ancestors 'none'";
const KEY = 'cutover.formTarget';

/**
 * A sign-in form ends in a 303 to the app's registered redirect URI, and browsers hold `form-action` to the redirects
 * a submission follows: the page names that one origin (or a native app's scheme), nothing else.
 */
export function allowFormTarget(c: Context, redirectUri: string | null | undefined): void {
  if (!redirectUri || !URL.canParse(redirectUri)) return;
  const url = new URL(redirectUri);
  (c as Context<{ Variables: Record<string, string> }>).set(KEY, url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol);
}

/** The policy for the page `c` answers: `form-action 'self'` plus the target its sign-in may redirect to. */
export function pageCsp(c: Context): string {
  const target = (c as Context<{ Variables: Record<string, string | undefined> }>).get(KEY);
  return `${BASE_PAGE_CSP}; form-action 'self'${target ? ` ${target}` : ''}`;
}
