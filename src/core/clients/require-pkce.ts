// SPEC §8 and RFC 9700 §2.1.1: a public client's authorization request must carry a PKCE challenge.
import { AuthError } from '../shared/errors.ts';
import type { Client } from '../ports/clients.ts';
import { ACCOUNT_CLIENT_ID } from './clients.ts';

/**
 * Throws for a public client that asks for a code without a challenge. The built-in `account` client is the one
 * exception (SPEC §6: a bare `/login` must keep working): its only redirect is our own /account page, which the
 * session cookie signs in; its code, like every public client's code without a challenge, can never be redeemed.
 */
export function requirePkceIfPublic(client: Client, codeChallenge: string | null | undefined): void {
  if (!codeChallenge && !client.confidential && client.id !== ACCOUNT_CLIENT_ID) {
    throw new AuthError('invalid_request', 'code_challenge: required for a public client (PKCE, S256)');
  }
}
