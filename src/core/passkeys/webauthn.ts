// Shared WebAuthn pieces: relying-party settings, single-use challenges, user handles, AMR and refusals.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { base64url as jose64 } from 'jose';
import { base64url, sha256 } from '../shared/crypto.ts';
import type { User } from '../ports/users.ts';
import type { PasskeyDeviceType, WebAuthnCeremony, WebAuthnChallenge } from '../ports/passkeys.ts';

/**
 * Five minutes: WebAuthn L3 §5.4.6 recommends 300 000–600 000 ms when user verification is required;
 * the browser gets the same number as its `timeout`, the database keeps the challenge no longer.
 */
export const CHALLENGE_TTL_MS = 300_000;
/** A person rarely owns more; the cap keeps excludeCredentials and the account page small. */
export const MAX_PASSKEYS_PER_USER = 25;
/** ES256 first (every authenticator), then EdDSA and RS256 (Windows Hello). */
export const SUPPORTED_ALGORITHMS = [-7, -8, -257];

/** The owner a challenge is bound to when the options named an email without usable passkeys: no user id ever equals it. */
export const NO_LISTED_OWNER = 'nobody';

export const rpOf = (deps: Pick<Deps, 'config'>) => ({ rpID: deps.config.webauthn.rpId, origins: deps.config.webauthn.origins });

/** A failed ceremony: one typed error, message meant for the person and the developer. */
export const passkeyRefused = (message: string) => new AuthError('invalid_grant', `passkey refused: ${message}`);

/**
 * Passkeys are only for people who proved their email here: an imported, unverified address may belong
 * to someone who pre-registered it in the old pool, and they must get nothing from it.
 */
export function requirePasskeyEligible(user: User): void {
  if (!user.enabled) throw new AuthError('forbidden', 'this account is disabled');
  if (!user.email || !user.emailVerified) {
    throw new AuthError('forbidden', 'confirm your email address (sign in with an email link or code) before using passkeys');
  }
}

/**
 * Issues a challenge: 32 random bytes (WebAuthn §13.4.3 asks for at least 16), sent base64url to the
 * browser; only its SHA-256 is stored, so a database reader cannot answer a pending ceremony.
 */
export async function issueChallenge(deps: Pick<Deps, 'stores' | 'clock'>, kind: WebAuthnCeremony, userId: string | null): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const now = deps.clock.now();
  await deps.stores.passkeys.insertChallenge({ challengeHash: await sha256(base64url(bytes)), kind, userId, createdAt: now, expiresAt: now + CHALLENGE_TTL_MS });
  // Expired challenges are useless; about one call in 64 sweeps them, which bounds the table on Node and
  // Workers alike without a scheduled job.
  if ((bytes[0] & 63) === 0) await deps.stores.passkeys.purgeChallenges(now - CHALLENGE_TTL_MS);
  return bytes;
}

/**
 * Consumes the challenge the browser signed, found by the hash of the value in clientDataJSON: that is what
 * ties a verify call to its options call. Returns the challenge and its value, or refuses.
 */
export async function consumeChallenge(
  deps: Pick<Deps, 'stores' | 'clock'>, kind: WebAuthnCeremony, clientDataJSON: string,
): Promise<WebAuthnChallenge & { value: string }> {
  const value = challengeFromClientData(clientDataJSON);
  const challenge = await deps.stores.passkeys.consumeChallenge(await sha256(value), kind, deps.clock.now());
  if (!challenge) throw passkeyRefused('the challenge is unknown, expired or already used; start again');
  return { ...challenge, value };
}

export function challengeFromClientData(clientDataJSON: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(fromBase64url(clientDataJSON)));
  } catch {
    throw passkeyRefused('response.clientDataJSON is not base64url JSON');
  }
  const challenge = (parsed as { challenge?: unknown } | null)?.challenge;
  if (typeof challenge !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(challenge)) throw passkeyRefused('clientDataJSON has no valid challenge');
  return challenge;
}

export function fromBase64url(value: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) throw new AuthError('invalid_request', 'value is not base64url');
  return jose64.decode(value) as Uint8Array<ArrayBuffer>;
}

/** The WebAuthn user handle: the internal user id (opaque, no personal data, WebAuthn §14.6.1). */
export const userHandleOf = (userId: string) => new TextEncoder().encode(userId);
export const userIdFromHandle = (handle: string) => new TextDecoder().decode(fromBase64url(handle));

/**
 * RFC 8176 method for a passkey sign-in: say only what is known. `hwk` claims the key cannot leave its hardware, and
 * only a verified attestation from a trusted authenticator model shows that; registration asks for attestation `none`
 * (no model gating), so a device-bound flag (BE = 0) is the authenticator's own word, and a software authenticator can
 * say it as easily. Every passkey is therefore `swk`, the claim that holds for synced and device-bound keys alike;
 * an app that needs hardware-bound keys is not told it has them when nobody checked.
 */
export const amrFor = (_deviceType: PasskeyDeviceType): string[] => ['swk'];
