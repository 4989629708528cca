// The person behind an `AccessToken` member: our own live, unrevoked access token, refused in Cognito's words.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { User } from '../ports/users.ts';
import { authenticateBearer, type AccessTokenPayload } from '../tokens/verify-access-token.ts';
import { notAuthorized } from './cognito-api-error.ts';

export async function authenticateCognitoAccess(deps: Deps, accessToken: string): Promise<{ user: User; payload: AccessTokenPayload }> {
  try {
    return await authenticateBearer(deps, accessToken);
  } catch (e) {
    if (!(e instanceof AuthError) || e.code !== 'invalid_token') throw e;
    if (/expired/.test(e.message)) throw notAuthorized('Access Token has expired');
    if (/revoked/.test(e.message)) throw notAuthorized('Access Token has been revoked');
    if (/no longer active/.test(e.message)) throw notAuthorized('User is disabled.');
    throw notAuthorized('Invalid Access Token');
  }
}
