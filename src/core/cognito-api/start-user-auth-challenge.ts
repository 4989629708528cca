// The first-factor challenges of USER_AUTH without passwords: EMAIL_OTP (a mailed code) or WEB_AUTHN (a passkey).
import type { Deps } from '../shared/deps.ts';
import type { Client } from '../ports/clients.ts';
import type { Locale } from '../shared/locale.ts';
import { sha256 } from '../shared/crypto.ts';
import { requestEmailSignIn } from '../sign-in/request-email-sign-in.ts';
import { passkeyAuthenticationOptions } from '../passkeys/passkey-authentication-options.ts';
import { issueAuthSession } from './auth-session.ts';
import { maskEmail } from './mask-email.ts';

export type FirstFactor = 'EMAIL_OTP' | 'WEB_AUTHN';
export const FIRST_FACTORS: readonly FirstFactor[] = ['EMAIL_OTP', 'WEB_AUTHN'];

export interface ChallengeAnswer {
  ChallengeName: FirstFactor | 'SELECT_CHALLENGE';
  Session: string;
  ChallengeParameters: Record<string, string>;
  AvailableChallenges?: string[];
}

/**
 * Starts one challenge for `email` (normalized). Both run the house's own machinery, so an unknown address gets the
 * same answer as a known one (a code that is never mailed; decoy passkey options), the mail limits hold, and the
 * code and the WebAuthn challenge are single use.
 */
export async function startUserAuthChallenge(
  deps: Deps,
  input: { factor: FirstFactor; client: Client; email: string; ip: string; locale?: Locale },
): Promise<ChallengeAnswer> {
  const { client, email } = input;
  if (input.factor === 'EMAIL_OTP') {
    await requestEmailSignIn(deps, { email, clientId: client.id, ip: input.ip, locale: input.locale });
    const session = await issueAuthSession(deps, { clientId: client.id, username: email, challenge: 'EMAIL_OTP' });
    return {
      ChallengeName: 'EMAIL_OTP', Session: session,
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: maskEmail(email) },
    };
  }
  const options = await passkeyAuthenticationOptions(deps, { email, clientId: client.id, ip: input.ip });
  // The session names the WebAuthn challenge it offered, so an assertion made for another sign-in does not answer it.
  const session = await issueAuthSession(deps, { clientId: client.id, username: email, challenge: 'WEB_AUTHN', data: { challenge: await sha256(options.challenge) } });
  return { ChallengeName: 'WEB_AUTHN', Session: session, ChallengeParameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) } };
}

/** No preferred challenge: the caller picks; the same list for everyone, so it tells nobody who has a passkey. */
export async function selectChallenge(deps: Deps, input: { client: Client; email: string }): Promise<ChallengeAnswer> {
  const session = await issueAuthSession(deps, { clientId: input.client.id, username: input.email, challenge: 'SELECT_CHALLENGE' });
  return { ChallengeName: 'SELECT_CHALLENGE', Session: session, ChallengeParameters: {}, AvailableChallenges: [...FIRST_FACTORS] };
}
