// Client secrets: generated with 256 bits, stored as SHA-256, checked in constant time (with a rotation overlap).
import { constantTimeEqual, randomToken, sha256 } from '../shared/crypto.ts';
import type { Client } from '../ports/clients.ts';

/** 32 random bytes: a bearer credential sent on every token request, so far beyond guessing (RFC 6749 §10.10). */
export const newClientSecret = (): string => randomToken(32);

/** A fast hash is enough: secrets are high-entropy (ours, and Cognito's 51-character ones), not passwords. */
export const hashClientSecret = (secret: string): Promise<string> => sha256(secret);

/** The current secret, or the previous one while its overlap lasts. Both are compared, so timing says nothing. */
export async function secretMatches(client: Client, secret: string, now: number): Promise<boolean> {
  const hash = await hashClientSecret(secret);
  const current = client.secretHash !== null && constantTimeEqual(hash, client.secretHash);
  const previousLive = client.previousSecretHash !== null && (client.previousSecretExpiresAt ?? 0) > now;
  const previous = constantTimeEqual(hash, client.previousSecretHash ?? '') && previousLive;
  return current || previous;
}
