// The well-known documents (OIDC discovery, the JWKS) as bytes and headers, shared by the Hono routes and Node's fast path.
import type { Deps } from '../core/shared/deps.ts';
import { discoveryDocument } from './discovery.ts';

export const DISCOVERY_PATH = '/.well-known/openid-configuration';
export const JWKS_PATH = '/.well-known/jwks.json';

export interface WellKnownDocument {
  body: string;
  /** content-type, cache-control and CORS: public documents any origin may read (no credentials involved) */
  headers: Record<string, string>;
}

export interface WellKnownDocuments {
  /** The document at `path`, synchronously while the keyring's JWKS is cached; undefined for any other path. */
  lookup(path: string): WellKnownDocument | Promise<WellKnownDocument> | undefined;
}

const document = (body: string, maxAge: number): WellKnownDocument => ({
  body,
  headers: { 'content-type': 'application/json', 'cache-control': `public, max-age=${maxAge}`, 'access-control-allow-origin': '*' },
});

export function wellKnownDocuments(deps: Deps): WellKnownDocuments {
  const discovery = document(JSON.stringify(discoveryDocument(deps.config.issuer)), 3600);
  // The JWKS is serialized once per keyring change: this is the most fetched URL of all. Its max-age is short enough
  // for clients to see a newly published key well before it signs (the rotation delay).
  let lastDoc: object | null = null;
  let jwks = document('', 600);
  const jwksOf = (doc: object): WellKnownDocument => {
    if (doc !== lastDoc) {
      lastDoc = doc;
      jwks = document(JSON.stringify(doc), 600);
    }
    return jwks;
  };
  return {
    lookup(path) {
      if (path === JWKS_PATH) {
        const cached = deps.keyring.cachedJwks();
        return cached ? jwksOf(cached) : deps.keyring.jwks().then(jwksOf);
      }
      return path === DISCOVERY_PATH ? discovery : undefined;
    },
  };
}
