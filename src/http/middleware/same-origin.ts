// CSRF for the hosted pages' JSON calls made with the session cookie: the browser's Origin must be the issuer's.
import { createMiddleware } from 'hono/factory';
import type { Config } from '../../core/shared/config.ts';
import { AuthError } from '../../core/shared/errors.ts';

/**
 * Browsers send Origin (and Sec-Fetch-Site) on fetch POSTs; a cross-site page can forge neither. SameSite=Lax already keeps the
 * cookie off cross-site POSTs: this is the second lock (pageCsrf only looks at form content types).
 */
export const sameOrigin = (config: Config) => {
  const origin = new URL(config.issuer).origin;
  return createMiddleware(async (c, next) => {
    // Either proof will do, as in hono/csrf: some browsers send Origin "null" under a no-referrer policy.
    const ok = c.req.header('origin') === origin || c.req.header('sec-fetch-site') === 'same-origin';
    if (!ok) throw new AuthError('forbidden', 'cross-origin request refused');
    await next();
  });
};
