// StartWebAuthnRegistration and CompleteWebAuthnRegistration: the house's passkey enrolment behind Cognito's two calls.
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { passkeyRegistrationOptions } from '../passkeys/passkey-registration-options.ts';
import { verifyPasskeyRegistration } from '../passkeys/verify-passkey-registration.ts';
import { requirePasskeyEnrolmentGrant } from '../passkeys/require-enrolment-grant.ts';
import { authenticateCognitoAccess } from './cognito-access.ts';
import { CognitoApiError, notAuthorized } from './cognito-api-error.ts';

/** The same rule as /v1/passkeys: the self-service scope, from a sign-in at most 10 minutes old. */
async function enrollingUser(deps: Deps, accessToken: string) {
  const { user, payload } = await authenticateCognitoAccess(deps, accessToken);
  try {
    requirePasskeyEnrolmentGrant(deps, payload);
  } catch (e) {
    if (e instanceof AuthError) throw notAuthorized(e.message);
    throw e;
  }
  return user;
}

export async function startWebAuthnRegistration(deps: Deps, accessToken: string): Promise<{ CredentialCreationOptions: PublicKeyCredentialCreationOptionsJSON }> {
  const user = await enrollingUser(deps, accessToken);
  try {
    return { CredentialCreationOptions: await passkeyRegistrationOptions(deps, user) };
  } catch (e) {
    if (e instanceof AuthError && e.code === 'conflict') throw new CognitoApiError('LimitExceededException', e.message);
    if (e instanceof AuthError && e.code === 'forbidden') throw notAuthorized(e.message);
    throw e;
  }
}

export async function completeWebAuthnRegistration(deps: Deps, input: { accessToken: string; credential: RegistrationResponseJSON }): Promise<void> {
  const user = await enrollingUser(deps, input.accessToken);
  try {
    await verifyPasskeyRegistration(deps, user, { response: input.credential });
  } catch (e) {
    if (e instanceof AuthError && e.code === 'invalid_grant') throw new CognitoApiError('WebAuthnChallengeNotFoundException', e.message);
    if (e instanceof AuthError && e.code === 'conflict') throw new CognitoApiError('WebAuthnCredentialNotSupportedException', e.message);
    if (e instanceof AuthError && e.code === 'forbidden') throw notAuthorized(e.message);
    throw e;
  }
}
