// What every successful sign-in (link, code, passkey) hands back before tokens or a session are made of it.
import type { Client } from '../ports/clients.ts';
import type { User } from '../ports/users.ts';

export interface SignInResult {
  user: User;
  client: Client;
  /** RFC 8176: ["email"] link, ["otp"] code, ["hwk"] / ["swk"] passkey */
  amr: string[];
  /** epoch seconds */
  authTime: number;
  /** from the original request, already checked against the client's registered URIs */
  redirectUri: string | null;
  state: string | null;
  codeChallenge: string | null;
  /** OIDC scope and nonce of the request (null or absent: the client's scopes, no nonce) */
  scope?: string | null;
  nonce?: string | null;
}
