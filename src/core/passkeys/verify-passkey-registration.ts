// Finishes adding a passkey: checks the browser's attestation against our challenge, origin and RP id, stores the key.
import { verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { base64url, newId } from '../shared/crypto.ts';
import { localeOf } from '../shared/locale.ts';
import type { Passkey } from '../ports/passkeys.ts';
import type { User } from '../ports/users.ts';
import { cleanPasskeyName, defaultPasskeyName } from './passkey-names.ts';
import { consumeChallenge, passkeyRefused, requirePasskeyEligible, rpOf } from './webauthn.ts';

export async function verifyPasskeyRegistration(
  deps: Pick<Deps, 'config' | 'stores' | 'clock'>,
  user: User,
  input: { response: RegistrationResponseJSON; name?: string },
): Promise<Passkey> {
  requirePasskeyEligible(user);
  const challenge = await consumeChallenge(deps, 'registration', input.response.response.clientDataJSON);
  // The challenge was issued to this person: a response relayed from someone else's ceremony does not fit.
  if (challenge.userId !== user.id) throw passkeyRefused('this challenge was issued to another account');
  const { rpID, origins } = rpOf(deps);
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge.value,
      expectedOrigin: origins,
      expectedRPID: rpID,
      requireUserVerification: true,
    });
  } catch (e) {
    // SimpleWebAuthn reports every failed check (origin, RP id, type, flags, signature) as an Error.
    throw passkeyRefused((e as Error).message);
  }
  if (!verification.verified) throw passkeyRefused('the attestation did not verify');
  const info = verification.registrationInfo;
  const transports = input.response.response.transports ?? info.credential.transports ?? [];
  const multiDevice = info.credentialDeviceType === 'multiDevice';
  const now = deps.clock.now();
  const passkey: Passkey = {
    id: info.credential.id,
    userId: user.id,
    publicKey: base64url(info.credential.publicKey),
    counter: info.credential.counter,
    transports: [...transports],
    aaguid: info.aaguid,
    deviceType: info.credentialDeviceType,
    backupEligible: multiDevice,
    backedUp: info.credentialBackedUp,
    name: cleanPasskeyName(input.name ?? '') || defaultPasskeyName(info.aaguid, multiDevice, transports),
    flaggedAt: null,
    createdAt: now,
    lastUsedAt: null,
  };
  if (!(await deps.stores.passkeys.insert(passkey))) throw new AuthError('conflict', 'this passkey is already registered');
  // SPEC §3: every new passkey tells the person, so one planted by someone else does not go unnoticed.
  await deps.stores.outbox.enqueueNotice(newId('out'), {
    kind: 'passkey-added', to: user.email as string, passkeyName: passkey.name, locale: localeOf(user.profile.locale), at: now,
  }, now);
  await deps.stores.audit.record({ type: 'passkey.registered', tenant: user.tenant, userId: user.id, detail: { passkeyId: passkey.id, aaguid: passkey.aaguid, deviceType: passkey.deviceType } }, now);
  return passkey;
}
