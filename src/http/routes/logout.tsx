/** @jsxImportSource hono/jsx */
// GET|POST /logout: Cognito's logout and the OIDC end_session_endpoint; ends the hosted session, redirects only to registered URIs.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { parseInput } from '../../core/shared/input.ts';
import { logOut } from '../../core/sign-in/log-out.ts';
import { clearSessionCookie, readSessionCookie } from '../session-cookie.ts';
import { pickLocale } from '../pages/i18n.ts';
import { BadRequestPage } from '../pages/login.tsx';
import { SignedOutPage } from '../pages/signed-out.tsx';
import { bodyText } from '../request-body.ts';

const logoutParams = z.object({
  client_id: z.string().min(1).max(128).optional(),
  logout_uri: z.string().min(1).max(2048).optional(),
  id_token_hint: z.string().min(1).max(16_384).optional(),
  post_logout_redirect_uri: z.string().min(1).max(2048).optional(),
  state: z.string().max(1024).optional(),
});

export function logoutRoutes(deps: Deps) {
  const app = new Hono();
  const handler = async (c: Context) => {
    const raw = c.req.method === 'GET' ? c.req.query()
      : (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(await bodyText(c))) : {};
    try {
      const q = parseInput(logoutParams, raw);
      const { redirectTo } = await logOut(deps, {
        sessionCookie: readSessionCookie(c, deps.config), clientId: q.client_id, logoutUri: q.logout_uri,
        idTokenHint: q.id_token_hint, postLogoutRedirectUri: q.post_logout_redirect_uri, state: q.state,
      });
      clearSessionCookie(c, deps.config);
      c.header('Cache-Control', 'no-store');
      return redirectTo ? c.redirect(redirectTo, 303) : c.html(<SignedOutPage config={deps.config} locale={pickLocale(c)} />);
    } catch (e) {
      if (!(e instanceof AuthError)) throw e;
      // An unregistered URI is never followed: an error page instead (SPEC §8).
      return c.html(<BadRequestPage config={deps.config} locale={pickLocale(c)} detail={e.message} />, 400);
    }
  };
  app.get('/logout', handler);
  app.post('/logout', handler);
  return app;
}
