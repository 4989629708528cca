// What every successful sign-in (link, code, passkey) hands back before tokens or a session are made of it.
import type { Client } from '../ports/clients.ts';
import type { LegacyIdentity, User } from '../ports/users.ts';
import type { PreparedFamily } from '../tokens/issue-tokens.ts';

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
  /** the user's legacy identity when the sign-in's own statement read it (the token issuer need not ask again) */
  legacy?: LegacyIdentity;
  /** the refresh family the sign-in made ready (verifyEmailCode's startFamily), stored with it where the database could */
  family?: PreparedFamily;
}
