// InitiateAuth: USER_AUTH without passwords (EMAIL_OTP, WEB_AUTHN or a choice of both) and REFRESH_TOKEN_AUTH.
import type { Deps } from '../shared/deps.ts';
import type { z } from 'zod';
import type { Locale } from '../shared/locale.ts';
import { isPlausibleEmail, normalizeEmail } from '../shared/email.ts';
import { requireCognitoApiClient } from './cognito-client.ts';
import { invalidParameter } from './cognito-api-error.ts';
import { FIRST_FACTORS, selectChallenge, startUserAuthChallenge, type ChallengeAnswer, type FirstFactor } from './start-user-auth-challenge.ts';
import { refreshCognitoTokens } from './refresh-cognito-tokens.ts';
import type { AuthenticationResult } from './authentication-result.ts';
import type { initiateAuthRequest } from './requests.ts';

/** Cognito's flows that need a password (or a Lambda-driven custom flow): never enabled here, as Cognito says it. */
const NOT_ENABLED_FLOWS = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'CUSTOM_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'];

export type InitiateAuthAnswer = ChallengeAnswer | { AuthenticationResult: AuthenticationResult; ChallengeParameters: Record<string, string> };

export async function initiateAuth(
  deps: Deps,
  input: z.output<typeof initiateAuthRequest>,
  context: { ip: string; locale?: Locale },
): Promise<InitiateAuthAnswer> {
  const flow = input.AuthFlow;
  if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
    const refreshToken = input.AuthParameters.REFRESH_TOKEN;
    if (!refreshToken) throw invalidParameter('Missing required parameter REFRESH_TOKEN');
    return { AuthenticationResult: await refreshCognitoTokens(deps, { clientId: input.ClientId, refreshToken }), ChallengeParameters: {} };
  }
  if (NOT_ENABLED_FLOWS.includes(flow)) throw invalidParameter(`${flow} flow not enabled for this client`);
  if (flow !== 'USER_AUTH') throw invalidParameter(`1 validation error detected: Value '${flow.slice(0, 64)}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set`);

  const client = await requireCognitoApiClient(deps, input.ClientId);
  const username = input.AuthParameters.USERNAME;
  if (!username) throw invalidParameter('Missing required parameter USERNAME');
  // People sign in with their email address (the pool's username or its email alias); nothing else can get a code.
  const email = normalizeEmail(username);
  if (!isPlausibleEmail(email)) throw invalidParameter('USERNAME: must be the email address the person signs in with');
  const preferred = input.AuthParameters.PREFERRED_CHALLENGE;
  if (preferred === undefined || preferred === '') return selectChallenge(deps, { client, email });
  if (!FIRST_FACTORS.includes(preferred as FirstFactor)) throw invalidParameter(`${preferred.slice(0, 64)} is not an enabled first factor here: use EMAIL_OTP or WEB_AUTHN (passwords are not enabled)`);
  return startUserAuthChallenge(deps, { factor: preferred as FirstFactor, client, email, ...context });
}
