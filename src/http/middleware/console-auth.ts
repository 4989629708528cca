// The console's door: its own SameSite=Strict cookie, the admin role, and (for every POST) Origin plus a CSRF token.
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Deps } from '../../core/shared/deps.ts';
import type { User } from '../../core/ports/users.ts';
import { createSession, findSession } from '../../core/sign-in/sessions.ts';
import { isConsoleAdmin } from '../../core/admin/console-access.ts';
import { checkCsrfToken, csrfTokenFor } from '../../core/admin/console-csrf.ts';
import { consoleActor } from '../../core/admin/admin-actor.ts';
import { clientIp } from '../client-ip.ts';
import { readSessionCookie } from '../session-cookie.ts';
import { pickLocale } from '../pages/i18n.ts';

export const CONSOLE_COOKIE = 'cutover_admin';

export type ConsoleVars = { Variables: { consoleUser: User; csrf: string; consoleSessionHash: string } };

/**
 * Strict, not Lax like the pages' cookie: no request started by another site carries it, not even a top-level GET.
 * Path /admin keeps it off every other route.
 */
function setConsoleCookie(c: Context, deps: Deps, value: string) {
  setCookie(c, CONSOLE_COOKIE, value, { httpOnly: true, secure: deps.config.issuer.startsWith('https://'), sameSite: 'Strict', path: '/admin', maxAge: deps.config.sessionTtl });
}

export function consoleAuth(deps: Deps) {
  return createMiddleware<ConsoleVars>(async (c, next) => {
    const locale = pickLocale(c);
    let found = await findSession(deps, getCookie(c, CONSOLE_COOKIE));
    if (!found) {
      if (c.req.method !== 'GET') return c.text('sign in to the console first', 403);
      // Signed in to the hosted pages (e.g. just back from /login): the console gets a session of its own, but only
      // on a navigation this site started or the person typed (a cross-site link must not mint one).
      const site = c.req.header('sec-fetch-site');
      const page = await findSession(deps, readSessionCookie(c));
      if (!page || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
        const login = new URLSearchParams({ client_id: 'account', redirect_uri: `${deps.config.issuer}/admin`, lang: locale });
        return c.redirect(`/login?${login}`, 303);
      }
      if (!isConsoleAdmin(page.user)) return forbidden(c);
      const { cookieValue } = await createSession(deps, { userId: page.user.id, amr: page.session.amr });
      setConsoleCookie(c, deps, cookieValue);
      const url = new URL(c.req.url);
      url.searchParams.delete('code');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    if (!isConsoleAdmin(found.user)) return forbidden(c);
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody();
      await checkCsrfToken(deps, found.session.idHash, body._csrf);
    }
    c.set('consoleUser', found.user);
    c.set('consoleSessionHash', found.session.idHash);
    c.set('csrf', await csrfTokenFor(deps, found.session.idHash));
    c.set('adminActor', consoleActor(found.user.id, clientIp(c)));
    await next();
  });
}

/** A plain 403 page; the shell is not used so nothing of the console shows to a non-admin. */
function forbidden(c: Context) {
  return c.html('<!doctype html><html><head><meta charset="utf-8"><title>403</title></head><body><h1>403: not an admin</h1><p>This console is for people with the admin role of the default tenant.</p></body></html>', 403);
}
