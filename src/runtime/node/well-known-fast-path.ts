// Node's fast path for the well-known documents: GET of the JWKS or discovery answered from the socket's request, before Hono.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { DISCOVERY_PATH, JWKS_PATH, type WellKnownDocument, type WellKnownDocuments } from '../../http/well-known-documents.ts';

/**
 * Wraps the app's listener: a plain GET of a well-known document (no query) is written straight to the response, the
 * same bytes and headers the Hono route gives; anything else (HEAD, a query, a JWKS not yet cached) goes to the app.
 * Why: verifiers fetch the JWKS more than any other URL, and @hono/node-server's Request and Response adapters cost
 * more than the document itself. Over real sockets (npm run bench, 50 connections; medians of 8 rounds on a busy
 * 2-core machine) a JWKS request cost the server 102 µs of CPU through Hono, 77 µs here, 68 µs for a bare Hono route.
 */
export function withWellKnownFastPath(documents: WellKnownDocuments, listener: RequestListener): RequestListener {
  // Content-Length is computed once per body (the JWKS's changes with each rotation, its object with it).
  const lengths = new WeakMap<WellKnownDocument, string>();
  const lengthOf = (d: WellKnownDocument) => {
    let n = lengths.get(d);
    if (n === undefined) lengths.set(d, (n = String(Buffer.byteLength(d.body))));
    return n;
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && (req.url === JWKS_PATH || req.url === DISCOVERY_PATH)) {
      const d = documents.lookup(req.url);
      if (d && !(d instanceof Promise)) {
        res.writeHead(200, { ...d.headers, 'content-length': lengthOf(d) });
        res.end(d.body);
        return;
      }
    }
    listener(req, res);
  };
}
