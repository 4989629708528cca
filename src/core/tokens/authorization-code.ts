// Authorization codes: minted when a hosted sign-in ends, traded once at the token endpoint (PKCE S256).
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { constantTimeEqual, randomToken, sha256 } from '../shared/crypto.ts';
import { issueTokenSet, type TokenSet } from './issue-tokens.ts';
import { newRefreshFamilyId } from './refresh-token-text.ts';
import type { Client } from '../ports/clients.ts';
import { requirePkceIfPublic } from '../clients/require-pkce.ts';
import { allowedScopes } from '../clients/scopes.ts';

/** RFC 6749 §4.1.2 recommends at most 10 minutes; a code is traded by a redirect, so one minute is plenty. */
export const AUTH_CODE_TTL_MS = 60_000;

export async function createAuthorizationCode(
  deps: Pick<Deps, 'stores' | 'clock'>,
  input: { userId: string; client: Client; redirectUri: string; codeChallenge?: string | null; amr: string[]; authTime: number; scope?: string; nonce?: string | null },
): Promise<string> {
  // SPEC §8, RFC 9700 §2.1.1: a public client's code is bound to a PKCE challenge (`account` aside: see requirePkceIfPublic).
  requirePkceIfPublic(input.client, input.codeChallenge);
  const code = randomToken();
  const now = deps.clock.now();
  await deps.stores.authCodes.insert({
    codeHash: await sha256(code),
    clientId: input.client.id,
    userId: input.userId,
    redirectUri: input.redirectUri,
    codeChallenge: input.codeChallenge ?? null,
    scope: input.scope ?? allowedScopes(input.client).join(' '),
    amr: input.amr,
    authTime: input.authTime,
    nonce: input.nonce ?? null,
    createdAt: now,
    expiresAt: now + AUTH_CODE_TTL_MS,
  });
  return code;
}

/** RFC 7636 S256: base64url(SHA-256(verifier)), which is what sha256() returns. */
export const pkceChallenge = (verifier: string): Promise<string> => sha256(verifier);

/** `client` has already authenticated at the token endpoint (or named itself, when public). */
export async function redeemAuthorizationCode(
  deps: Deps,
  input: { code: string; client: Client; redirectUri: string; codeVerifier?: string },
): Promise<TokenSet> {
  const codeHash = await sha256(input.code);
  const now = deps.clock.now();
  // The refresh family is reserved in the same UPDATE that consumes the code, so a replay knows what to revoke.
  const familyId = newRefreshFamilyId();
  const stored = await deps.stores.authCodes.consume(codeHash, now, familyId);
  if (!stored) {
    // RFC 6749 §4.1.2: a code used twice was stolen or replayed; what its first exchange issued is revoked.
    const spent = await deps.stores.authCodes.spentFamily(codeHash);
    if (spent) {
      // The first exchange may not have stored its family yet: it is revoked ahead, in one statement, either way.
      await deps.stores.refreshTokens.revokeStartedFamily(spent, now, 'code_replay');
      await deps.stores.audit.record({ type: 'authorization_code.replay', clientId: input.client.id, detail: { familyId: spent.id } }, now);
    }
    throw new AuthError('invalid_grant', 'authorization code is invalid, expired or already used');
  }
  const client = input.client;
  if (stored.clientId !== client.id) throw new AuthError('invalid_grant', 'authorization code was issued to another client');
  if (stored.redirectUri !== input.redirectUri) throw new AuthError('invalid_grant', 'redirect_uri does not match the authorization request');
  if (stored.codeChallenge) {
    if (!input.codeVerifier) throw new AuthError('invalid_grant', 'code_verifier is required (PKCE)');
    if (!constantTimeEqual(await pkceChallenge(input.codeVerifier), stored.codeChallenge)) {
      throw new AuthError('invalid_grant', 'code_verifier does not match the code challenge');
    }
  } else if (input.codeVerifier) {
    // RFC 9700 §2.1.1: a verifier without a challenge is a PKCE downgrade attempt.
    throw new AuthError('invalid_grant', 'code_verifier given but the authorization request had no code_challenge');
  } else if (!client.confidential) {
    // Issue 18 item 8: a public client has no secret, so without PKCE anyone holding the code could redeem it.
    throw new AuthError('invalid_grant', 'a public client\'s code must have been requested with a code_challenge');
  }
  if (!client.grantTypes.includes('authorization_code')) throw new AuthError('unauthorized_client', 'this client may not use the authorization_code grant');
  const user = await deps.stores.users.findById(stored.userId);
  if (!user || !user.enabled) throw new AuthError('invalid_grant', 'the user is no longer active');
  return issueTokenSet(deps, { user, client, amr: stored.amr, authTime: stored.authTime, scope: stored.scope, nonce: stored.nonce ?? undefined, familyId });
}
