// Routes: the admin console at /admin (SPEC §11): the pages' CSP and Origin check, the console's own session and CSRF token.
import { Hono } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import type { Deps } from '../../../core/shared/deps.ts';
import { endSession } from '../../../core/sign-in/sessions.ts';
import { pageCsrf } from '../../middleware/csrf.ts';
import { CONSOLE_COOKIE, consoleAuth, type ConsoleVars } from '../../middleware/console-auth.ts';
import { consoleErrorPage } from './console-error.ts';
import { consolePeopleRoutes } from './people.tsx';
import { consoleOperationRoutes } from './operations.tsx';
import { PAGE_CSP } from '../pages.ts';

export function adminConsoleRoutes(deps: Deps) {
  const app = new Hono<ConsoleVars>();
  for (const path of ['/admin', '/admin/*']) {
    app.use(path, async (c, next) => {
      await next();
      if (c.res.headers.get('content-type')?.startsWith('text/html')) {
        c.res.headers.set('Content-Security-Policy', PAGE_CSP);
        c.res.headers.set('Cache-Control', 'no-store');
      }
    });
    // Origin first (refuses cross-site form posts before the body is read), then the session, role and token.
    app.use(path, pageCsrf(deps.config));
    app.use(path, consoleAuth(deps));
  }
  app.onError(consoleErrorPage);
  app.post('/admin/sign-out', async (c) => {
    await endSession(deps, getCookie(c, CONSOLE_COOKIE));
    deleteCookie(c, CONSOLE_COOKIE, { path: '/admin', secure: deps.config.issuer.startsWith('https://') });
    return c.redirect('/account', 303);
  });
  app.route('/', consolePeopleRoutes(deps));
  app.route('/', consoleOperationRoutes(deps));
  return app;
}
