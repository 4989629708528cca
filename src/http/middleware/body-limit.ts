// Request body size limit: a body over the limit is refused (413) before any handler reads it, on any runtime.
import type { Context, MiddlewareHandler } from 'hono';

/**
 * Like hono/body-limit, but a body without a declared length (chunked, or an in-process Request) is handed to
 * Hono's body cache once read, instead of being wrapped in a new Request: on a small JSON API call that rebuild
 * (Request, stream, AbortSignal) cost more than reading the body. Handlers still use c.req.json/text/parseBody.
 */
export const bodyLimit = (maxSize: number, onError: (c: Context) => Response | Promise<Response>): MiddlewareHandler =>
  async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const length = raw.headers.get('content-length');
    if (length !== null && !raw.headers.has('transfer-encoding')) return Number.parseInt(length, 10) > maxSize ? onError(c) : next();

    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxSize) {
        await reader.cancel();
        return onError(c);
      }
      chunks.push(value);
    }
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    // Hono keeps promises in bodyCache (its type says values) and serves c.req.text/json/arrayBuffer/parseBody from it.
    const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
    // arrayBuffer first: Hono derives formData and blob from the first cached entry, and multipart must stay binary.
    cache.arrayBuffer = Promise.resolve(bytes.buffer);
    // What Request.text() returns: UTF-8 decoded, BOM stripped, invalid bytes replaced.
    cache.text = Promise.resolve(new TextDecoder().decode(bytes));
    return next();
  };
