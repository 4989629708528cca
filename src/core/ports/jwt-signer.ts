// Port: turns headers and claims into compact RS256 JWTs with a stored signing key.
import type { StoredSigningKey } from './signing-keys.ts';

export interface JwtToSign {
  header: { alg: 'RS256'; kid: string; typ: string };
  claims: Record<string, unknown>;
}

export interface JwtSigner {
  /** Signs each of `tokens` with `key`'s private half; the compact JWTs come back in the same order. */
  sign(key: StoredSigningKey, tokens: JwtToSign[]): Promise<string[]>;
}
