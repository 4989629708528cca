// RespondToAuthChallenge: SELECT_CHALLENGE (pick EMAIL_OTP or WEB_AUTHN), EMAIL_OTP (the mailed code), WEB_AUTHN (a passkey).
import type { z } from 'zod';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Deps } from '../shared/deps.ts';
import type { Locale } from '../shared/locale.ts';
import { AuthError } from '../shared/errors.ts';
import { normalizeEmail } from '../shared/email.ts';
import { sha256 } from '../shared/crypto.ts';
import { verifyEmailCode } from '../sign-in/verify-email-code.ts';
import { verifyPasskeyAuthentication } from '../passkeys/verify-passkey-authentication.ts';
import { challengeFromClientData } from '../passkeys/webauthn.ts';
import { issueTokenSet } from '../tokens/issue-tokens.ts';
import type { SignInResult } from '../sign-in/sign-in-result.ts';
import { openAuthSession, spendAuthSession } from './auth-session.ts';
import { requireCognitoApiClient } from './cognito-client.ts';
import { CognitoApiError, invalidParameter, notAuthorized } from './cognito-api-error.ts';
import { FIRST_FACTORS, startUserAuthChallenge, type ChallengeAnswer, type FirstFactor } from './start-user-auth-challenge.ts';
import { authenticationResult, type AuthenticationResult } from './authentication-result.ts';
import type { respondToAuthChallengeRequest } from './requests.ts';

export type RespondAnswer = ChallengeAnswer | { AuthenticationResult: AuthenticationResult; ChallengeParameters: Record<string, string> };

export async function respondToAuthChallenge(
  deps: Deps,
  input: z.output<typeof respondToAuthChallengeRequest> & { credential?: AuthenticationResponseJSON },
  context: { ip: string; locale?: Locale },
): Promise<RespondAnswer> {
  const client = await requireCognitoApiClient(deps, input.ClientId);
  const responses = input.ChallengeResponses;
  if (!responses.USERNAME) throw invalidParameter('Missing required parameter USERNAME');
  const username = normalizeEmail(responses.USERNAME);
  const name = input.ChallengeName;
  if (name !== 'SELECT_CHALLENGE' && name !== 'EMAIL_OTP' && name !== 'WEB_AUTHN') {
    throw invalidParameter(`${name.slice(0, 64)} is not a challenge this user pool issues (passwords and MFA are not enabled)`);
  }
  const session = await openAuthSession(deps, input.Session, { clientId: client.id, challenge: name, username });

  if (name === 'SELECT_CHALLENGE') {
    const answer = responses.ANSWER;
    if (!FIRST_FACTORS.includes(answer as FirstFactor)) throw invalidParameter(`ANSWER must be one of ${FIRST_FACTORS.join(', ')} (passwords are not enabled)`);
    await spendAuthSession(deps, session);
    return startUserAuthChallenge(deps, { factor: answer as FirstFactor, client, email: username, ...context });
  }

  let result: SignInResult;
  if (name === 'EMAIL_OTP') {
    const code = responses.EMAIL_OTP_CODE;
    if (!code) throw invalidParameter('Missing required parameter EMAIL_OTP_CODE');
    // A wrong code leaves the session as it was (Cognito lets the person retype); the code's own tries still count.
    try {
      result = await verifyEmailCode(deps, { email: username, code, clientId: client.id, ip: context.ip }, { startFamily: true });
    } catch (e) {
      if (e instanceof AuthError && e.code === 'invalid_code') throw new CognitoApiError('CodeMismatchException', 'Invalid code received for user', 'invalid_code');
      throw e;
    }
  } else {
    if (!input.credential) throw invalidParameter('Missing required parameter CREDENTIAL');
    // Only an assertion over the challenge this session offered answers it.
    if (await sha256(challengeFromClientData(input.credential.response.clientDataJSON)) !== session.data.challenge) {
      throw notAuthorized('The passkey answered another sign-in\'s challenge.');
    }
    try {
      result = await verifyPasskeyAuthentication(deps, { response: input.credential, clientId: client.id, ip: context.ip });
    } catch (e) {
      if (e instanceof AuthError && e.code === 'invalid_grant') throw notAuthorized(e.message);
      throw e;
    }
  }
  await spendAuthSession(deps, session);
  const set = await issueTokenSet(deps, { user: result.user, client, amr: result.amr, authTime: result.authTime, legacy: result.legacy, family: result.family });
  return { AuthenticationResult: authenticationResult(set), ChallengeParameters: {} };
}
