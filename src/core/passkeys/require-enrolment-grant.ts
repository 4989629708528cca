// Who may add a passkey with a bearer token: the self-service scope, from a sign-in at most 10 minutes old (SPEC §3).
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { SELF_SERVICE_SCOPE } from '../tokens/claims.ts';

/**
 * Ten minutes, as SPEC §3 says: a passkey outlives sign-out and refresh revocation, so only a sign-in the
 * person just made may add one (the step-up window GitHub and Google use for security settings is similar).
 */
export const PASSKEY_ENROLMENT_MAX_AGE_SECONDS = 600;

/** Refuses a token issued to an app without the self-service scope, or whose sign-in (`auth_time`) is too old. */
export function requirePasskeyEnrolmentGrant(deps: Pick<Deps, 'clock'>, token: { scope?: unknown; auth_time?: unknown }): void {
  const scopes = typeof token.scope === 'string' ? token.scope.split(' ') : [];
  if (!scopes.includes(SELF_SERVICE_SCOPE)) {
    throw new AuthError('insufficient_scope', `adding a passkey needs an access token with the ${SELF_SERVICE_SCOPE} scope`);
  }
  const age = Math.floor(deps.clock.now() / 1000) - (typeof token.auth_time === 'number' ? token.auth_time : -Infinity);
  if (!(age <= PASSKEY_ENROLMENT_MAX_AGE_SECONDS)) {
    throw new AuthError('login_required', `adding a passkey needs a sign-in at most ${PASSKEY_ENROLMENT_MAX_AGE_SECONDS / 60} minutes old; sign in again`);
  }
}
