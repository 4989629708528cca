// OIDC discovery and the JWKS, with cache headers API Gateway and apps can rely on.
import { Hono } from 'hono';
import { DISCOVERY_PATH, JWKS_PATH, type WellKnownDocument, type WellKnownDocuments } from '../well-known-documents.ts';

export function wellKnownRoutes(documents: WellKnownDocuments) {
  const app = new Hono();
  // Responses are built directly (Hono's c.body() copies more than one header through an extra Headers object), each
  // with a header record of its own: @hono/node-server writes Content-Length into the record it is given.
  const respond = (d: WellKnownDocument) => new Response(d.body, { status: 200, headers: { ...d.headers } });
  for (const path of [DISCOVERY_PATH, JWKS_PATH]) {
    app.get(path, (): Response | Promise<Response> => {
      const d = documents.lookup(path)!;
      return d instanceof Promise ? d.then(respond) : respond(d);
    });
  }
  return app;
}
