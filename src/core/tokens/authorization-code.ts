// Authorization codes: minted when a hosted sign-in ends, traded once at /v1/token (PKCE S256).
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { constantTimeEqual, randomToken, sha256 } from '../shared/crypto.ts';
import { DEFAULT_SCOPE, issueTokenSet, type TokenSet } from './issue-tokens.ts';
import type { Client } from '../ports/clients.ts';

/** RFC 6749 §4.1.2 recommends at most 10 minutes; a code is traded by a redirect, so one minute is plenty. */
export const AUTH_CODE_TTL_MS = 60_000;

export async function createAuthorizationCode(
  deps: Pick<Deps, 'stores' | 'clock'>,
  input: { userId: string; client: Client; redirectUri: string; codeChallenge?: string | null; amr: string[]; authTime: number; scope?: string },
): Promise<string> {
  const code = randomToken();
  const now = deps.clock.now();
  await deps.stores.authCodes.insert({
    codeHash: await sha256(code),
    clientId: input.client.id,
    userId: input.userId,
    redirectUri: input.redirectUri,
    codeChallenge: input.codeChallenge ?? null,
    scope: input.scope ?? DEFAULT_SCOPE,
    amr: input.amr,
    authTime: input.authTime,
    createdAt: now,
    expiresAt: now + AUTH_CODE_TTL_MS,
  });
  return code;
}

/** RFC 7636 S256: base64url(SHA-256(verifier)), which is what sha256() returns. */
export const pkceChallenge = (verifier: string): Promise<string> => sha256(verifier);

export async function redeemAuthorizationCode(
  deps: Deps,
  input: { code: string; clientId: string; redirectUri: string; codeVerifier?: string },
): Promise<TokenSet> {
  const stored = await deps.stores.authCodes.consume(await sha256(input.code), deps.clock.now());
  if (!stored) throw new AuthError('invalid_grant', 'authorization code is invalid, expired or already used');
  if (stored.clientId !== input.clientId) throw new AuthError('invalid_grant', 'authorization code was issued to another client');
  if (stored.redirectUri !== input.redirectUri) throw new AuthError('invalid_grant', 'redirect_uri does not match the authorization request');
  if (stored.codeChallenge) {
    if (!input.codeVerifier) throw new AuthError('invalid_grant', 'code_verifier is required (PKCE)');
    if (!constantTimeEqual(await pkceChallenge(input.codeVerifier), stored.codeChallenge)) {
      throw new AuthError('invalid_grant', 'code_verifier does not match the code challenge');
    }
  } else if (input.codeVerifier) {
    // RFC 9700 §2.1.1: a verifier without a challenge is a PKCE downgrade attempt.
    throw new AuthError('invalid_grant', 'code_verifier given but the authorization request had no code_challenge');
  }
  const [user, client] = await Promise.all([deps.stores.users.findById(stored.userId), deps.stores.clients.findById(stored.clientId)]);
  if (!user || !user.enabled || !client) throw new AuthError('invalid_grant', 'the user or client is no longer active');
  return issueTokenSet(deps, { user, client, amr: stored.amr, authTime: stored.authTime, scope: stored.scope });
}
