// Starts adding a passkey: WebAuthn creation options for a signed-in person with a proven email.
import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { User } from '../ports/users.ts';
import type { AuthenticatorTransportFuture } from '@simplewebauthn/server';
import { CHALLENGE_TTL_MS, MAX_PASSKEYS_PER_USER, SUPPORTED_ALGORITHMS, issueChallenge, requirePasskeyEligible, rpOf, userHandleOf } from './webauthn.ts';

export async function passkeyRegistrationOptions(deps: Pick<Deps, 'config' | 'stores' | 'clock'>, user: User): Promise<PublicKeyCredentialCreationOptionsJSON> {
  requirePasskeyEligible(user);
  const existing = await deps.stores.passkeys.listByUser(user.id);
  if (existing.length >= MAX_PASSKEYS_PER_USER) {
    throw new AuthError('conflict', `at most ${MAX_PASSKEYS_PER_USER} passkeys per person; remove one first`);
  }
  const challenge = await issueChallenge(deps, 'registration', user.id);
  const displayName = user.profile.name ?? [user.profile.given_name, user.profile.family_name].filter(Boolean).join(' ');
  return generateRegistrationOptions({
    rpName: deps.config.brand.productName,
    rpID: rpOf(deps).rpID,
    userName: user.email as string,
    userDisplayName: displayName || (user.email as string),
    userID: userHandleOf(user.id),
    challenge,
    timeout: CHALLENGE_TTL_MS,
    // No attestation: we record the AAGUID for display, not to gate which authenticators are allowed.
    attestationType: 'none',
    // The authenticator refuses to make a second credential for the same account on itself.
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports as AuthenticatorTransportFuture[] })),
    // Discoverable (resident) keys make email-less and autofill sign-in possible; user verification
    // makes the passkey a whole sign-in on its own (something you have plus a PIN or biometric).
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
}
