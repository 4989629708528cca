// RevokeToken: ends a refresh token's sign-in (its family), and so the access tokens it issued (their origin_jti).
import type { Deps } from '../shared/deps.ts';
import { revokeRefreshToken } from '../tokens/revoke-refresh-token.ts';
import { requireCognitoApiClient } from './cognito-client.ts';
import { CognitoApiError } from './cognito-api-error.ts';

/** Cognito revokes refresh tokens only; an access or ID token (a JWT) is UnsupportedTokenTypeException. */
export async function revokeCognitoToken(deps: Deps, input: { token: string; clientId: string }): Promise<void> {
  const client = await requireCognitoApiClient(deps, input.clientId);
  if (input.token.split('.').length === 3) throw new CognitoApiError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
  // Unknown tokens and tokens of another client are answered alike (RFC 7009 §2.2), as the OAuth endpoint does.
  await revokeRefreshToken(deps, { token: input.token, clientId: client.id });
}
