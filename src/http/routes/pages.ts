// Routes: hosted pages: /login, /account (SPEC §6), their CSRF and security headers, and the scripts they load.
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { pageCsrf } from '../middleware/csrf.ts';
import { federationRoutes } from './federation.tsx';
import { BASE_PAGE_CSP, pageCsp } from '../page-csp.ts';
import { PAGES_SCRIPT } from '../pages/script.ts';
import { loginPageRoutes } from './login-pages.tsx';
import { accountPageRoutes } from './account-pages.tsx';
import { authorizeRoutes } from './authorize.tsx';
import { logoutRoutes } from './logout.tsx';
import { accountDeleteRoutes } from './account-delete.tsx';

export interface PageOptions {
  /** The @simplewebauthn/browser UMD bundle's text; without it the pages still work by email. */
  webauthnBrowserScript?: string;
}

// Pages outside the sign-in flow (no form leads off this origin) use the base policy with `form-action 'self'`.
export const PAGE_CSP = `${BASE_PAGE_CSP}; form-action 'self'`;

export function pageRoutes(deps: Deps, options: PageOptions = {}) {
  const app = new Hono();
  const pages = ['/login', '/login/*', '/account', '/account/*'];
  // The OAuth pages take cross-site requests by design (an app sends the browser there), so no CSRF check; same headers.
  // The federated callback (/oauth2/idpresponse) is posted to by Apple and SAML IdPs from their own sites.
  const oauthPages = ['/oauth2/authorize', '/logout', '/oauth2/idpresponse'];
  for (const path of [...pages, ...oauthPages]) {
    if (pages.includes(path)) app.use(path, pageCsrf(deps.config));
    app.use(path, async (c, next) => {
      await next();
      if (c.res.headers.get('content-type')?.startsWith('text/html')) {
        c.res.headers.set('Content-Security-Policy', pageCsp(c));
        // Pages show personal data and carry one-time form state: never cached.
        c.res.headers.set('Cache-Control', 'no-store');
      }
    });
  }
  app.route('/', loginPageRoutes(deps));
  app.route('/', authorizeRoutes(deps));
  app.route('/', federationRoutes(deps));
  app.route('/', logoutRoutes(deps));
  app.route('/', accountPageRoutes(deps));
  app.route('/', accountDeleteRoutes(deps));

  const js = (body: string) => new Response(body, {
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600', 'x-content-type-options': 'nosniff' },
  });
  app.get('/assets/pages.js', () => js(PAGES_SCRIPT));
  const bundle = options.webauthnBrowserScript;
  if (bundle) app.get('/assets/simplewebauthn-browser.js', () => js(bundle));
  return app;
}
