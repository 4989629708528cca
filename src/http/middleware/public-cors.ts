// CORS for the public OAuth endpoints (any origin, no credentials): what hono/cors does with origin '*', except that
// the header goes on the handler's response. hono/cors sets it before the handler runs, which makes Hono build a
// placeholder Response and copy its headers over afterwards: about 10 µs on every token request.
import type { MiddlewareHandler } from 'hono';

export function publicCors(opts: { allowMethods: string[]; allowHeaders?: string[] }): MiddlewareHandler {
  const allowMethods = opts.allowMethods.join(',');
  const allowHeaders = opts.allowHeaders?.join(',');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      // Without a fixed list, the preflight's requested headers are allowed, as hono/cors does.
      const headers = allowHeaders ?? c.req.header('access-control-request-headers');
      return c.body(null, 204, {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': allowMethods,
        ...(headers ? { 'access-control-allow-headers': headers } : {}),
      });
    }
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
  };
}
