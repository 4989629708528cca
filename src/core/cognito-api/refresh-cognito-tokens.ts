// GetTokensFromRefreshToken and InitiateAuth REFRESH_TOKEN_AUTH: the house's rotating refresh grant, in Cognito's words.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { redeemRefreshToken } from '../tokens/refresh-grant.ts';
import { requireCognitoApiClient } from './cognito-client.ts';
import { notAuthorized } from './cognito-api-error.ts';
import { authenticationResult, type AuthenticationResult } from './authentication-result.ts';

/**
 * Refresh tokens rotate here (a reused one revokes its family), so the answer always carries the next one, as
 * Cognito's does when refresh-token rotation is on; Amplify keeps it.
 */
export async function refreshCognitoTokens(deps: Deps, input: { clientId: string; refreshToken: string }): Promise<AuthenticationResult> {
  const client = await requireCognitoApiClient(deps, input.clientId);
  try {
    return authenticationResult(await redeemRefreshToken(deps, { refreshToken: input.refreshToken, client }));
  } catch (e) {
    if (e instanceof AuthError && e.code === 'invalid_grant') throw notAuthorized(/revoked|used/.test(e.message) ? 'Refresh Token has been revoked' : 'Invalid Refresh Token');
    if (e instanceof AuthError && e.code === 'unauthorized_client') throw notAuthorized('Refresh token flow is not enabled for this client');
    throw e;
  }
}
