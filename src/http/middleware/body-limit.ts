// Request body size limit: a body over the limit is refused (413) before any handler reads it, on any runtime.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';

/**
 * hono/body-limit, with one addition: the 413 says `Connection: close`. The refusal is sent before the body is read,
 * so the rest of that body is still on its way; a keep-alive client that reuses the connection would have its next
 * request read as (or behind) those bytes and see the socket die (RFC 9110 §15.5.14: the server may close it).
 */
export const bodyLimit = (maxSize: number, onError: (c: Context) => Response | Promise<Response>): MiddlewareHandler =>
  honoBodyLimit({
    maxSize,
    onError: async (c) => {
      c.header('connection', 'close');
      const res = await onError(c);
      if (res.headers.get('connection') !== 'close') res.headers.set('connection', 'close');
      return res;
    },
  });
