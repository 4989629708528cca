// OIDC discovery and the JWKS, with cache headers API Gateway and apps can rely on.
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';

export function wellKnownRoutes(deps: Deps) {
  const app = new Hono();
  const issuer = deps.config.issuer;
  const discovery = JSON.stringify({
    issuer,
    authorization_endpoint: `${issuer}/login`,
    token_endpoint: `${issuer}/v1/token`,
    userinfo_endpoint: `${issuer}/v1/userinfo`,
    revocation_endpoint: `${issuer}/v1/revoke`,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'email', 'profile'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'email', 'email_verified', 'amr', 'freshly_migrated', 'groups', 'cognito:groups', 'legacy_sub', 'name', 'given_name', 'family_name', 'locale', 'zoneinfo', 'picture'],
  });
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
