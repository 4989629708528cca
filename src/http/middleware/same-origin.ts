// CSRF for the hosted pages' JSON calls made with the session cookie: the browser's Origin must be the issuer's.
import { createMiddleware } from 'hono/factory';
import type { Config } from '../../core/config.ts';
import { AuthError } from '../../core/errors.ts';

/**
 * Browsers always send Origin on fetch POSTs; a cross-site page cannot forge it. SameSite=Lax already keeps the
 * cookie off cross-site POSTs: this is the second lock (pageCsrf only looks at form content types).
 */
export const sameOrigin = (config: Config) => {
  const origin = new URL(config.issuer).origin;
  return createMiddleware(async (c, next) => {
    if (c.req.header('origin') !== origin) throw new AuthError('forbidden', 'cross-origin request refused');
    await next();
  });
};
