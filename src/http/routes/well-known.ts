// OIDC discovery and the JWKS, with cache headers API Gateway and apps can rely on.
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { discoveryDocument } from '../discovery.ts';

export function wellKnownRoutes(deps: Deps) {
  const app = new Hono();
  const issuer = deps.config.issuer;
  const discovery = JSON.stringify(discoveryDocument(issuer));
  // Public documents: any origin may read them (no credentials involved). Responses are built directly (Hono's c.body()
  // copies more than one header through an extra Headers object), each with a header record of its own:
  // @hono/node-server writes Content-Length into the record it is given.
  const json = (body: string, maxAge: number) => new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': `public, max-age=${maxAge}`, 'access-control-allow-origin': '*' },
  });
  app.get('/.well-known/openid-configuration', () => json(discovery, 3600));

  // The JWKS is serialized once per keyring change, and served without awaiting while the keyring's copy is fresh:
  // this is the most fetched URL of all.
  let lastDoc: object | null = null;
  let jwksBody = '';
  const serveJwks = (doc: object): Response => {
    if (doc !== lastDoc) {
      lastDoc = doc;
      jwksBody = JSON.stringify(doc);
    }
    // Short enough for clients to see a newly published key well before it signs (the rotation delay).
    return json(jwksBody, 600);
  };
  app.get('/.well-known/jwks.json', (): Response | Promise<Response> => {
    const cached = deps.keyring.cachedJwks();
    return cached ? serveJwks(cached) : deps.keyring.jwks().then(serveJwks);
  });
  return app;
}
