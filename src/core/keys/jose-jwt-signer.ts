// The JWT signer every runtime has: jose over WebCrypto (on Node, WebCrypto signs on libuv's thread pool).
import { importJWK, SignJWT, type JWK } from 'jose';
import type { JwtSigner } from '../ports/jwt-signer.ts';

export function createJoseJwtSigner(): JwtSigner {
  // Importing a JWK costs more than a signature: once per key and process.
  const imported = new Map<string, Promise<CryptoKey>>();
  const cryptoKeyOf = (kid: string, privateJwk: JsonWebKey) => {
    let key = imported.get(kid);
    if (!key) {
      key = importJWK(privateJwk as JWK, 'RS256') as Promise<CryptoKey>;
      imported.set(kid, key);
    }
    return key;
  };
  return {
    async sign({ kid, privateJwk }, tokens) {
      const key = await cryptoKeyOf(kid, privateJwk);
      return Promise.all(tokens.map(({ header, claims }) => new SignJWT(claims).setProtectedHeader(header).sign(key)));
    },
  };
}
