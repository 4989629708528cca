// The raw RS256 bound the throughput benches divide by: signatures per second this process makes with nothing
// around them, by each way it has (WebCrypto on libuv's pool, the service's signing threads); the faster counts.
import { importJWK, SignJWT, type JWK } from 'jose';
import type { StoredSigningKey } from '../src/core/ports/signing-keys.ts';
import { sharedThreadJwtSigner } from '../src/runtime/node/thread-jwt-signer.ts';

export async function rawSigners(key: StoredSigningKey, claims: Record<string, unknown>) {
  const cryptoKey = await importJWK(key.privateJwk as JWK, 'RS256');
  const threads = sharedThreadJwtSigner();
  const header = { alg: 'RS256', kid: key.kid, typ: 'JWT' } as const;
  const now = Math.floor(Date.now() / 1000);
  return {
    webCrypto: () => new SignJWT(claims).setProtectedHeader(header).setIssuedAt(now).setExpirationTime(now + 3600).sign(cryptoKey),
    threads: () => threads.sign(key, [{ header, claims: { ...claims, iat: now, exp: now + 3600 } }]),
  };
}
