// What a federated sign-in derives from its state: the PKCE verifier and the nonce are HMACs of it under the
// instance secret, so the database keeps nothing an attacker could replay, and the state alone is not enough.
import { hmacSha256 } from '../shared/crypto.ts';

/** RFC 7636 §4.1: 43-128 unreserved characters; an HMAC-SHA-256 in base64url is 43. */
export const pkceVerifier = (secret: string, state: string) => hmacSha256(secret, `federated-pkce:${state}`);
export const upstreamNonce = (secret: string, state: string) => hmacSha256(secret, `federated-nonce:${state}`);
/** A sign-in under way lasts at most this long (time to sign in upstream, with a second factor). */
export const FEDERATED_REQUEST_TTL_MS = 10 * 60_000;
