// An independent verifier (aws-jwt-verify, as API Gateway-like checks), fed from our discovery document over HTTP.
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';

/** aws-jwt-verify fetches only https; this fetcher lets it read the JWKS from the local http server. */
const httpFetcher = {
  async fetch(uri: string) {
    const res = await fetch(uri);
    if (res.status !== 200) throw new Error(`JWKS fetch ${uri}: ${res.status}`);
    return res.arrayBuffer();
  },
};

export async function verifierFor(baseUrl: string, audience: string | null, tokenUse: 'access' | 'id' | null = null) {
  const discovery = (await (await fetch(`${baseUrl}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
  return JwtRsaVerifier.create(
    { issuer: discovery.issuer, audience, jwksUri: discovery.jwks_uri, ...(tokenUse ? { customJwtCheck: ({ payload }) => {
      if (payload.token_use !== tokenUse) throw new Error(`token_use must be ${tokenUse}`);
    } } : {}) },
    { jwksCache: new SimpleJwksCache({ fetcher: httpFetcher }) },
  );
}
