// Finishes a passkey sign-in: the assertion against our challenge, origin, RP id and stored key; counter regressions flag the key.
import { verifyAuthenticationResponse, type AuthenticationResponseJSON, type AuthenticatorTransportFuture } from '@simplewebauthn/server';
import { limitSignInAttempts } from '../rate-limits/limit-sign-in-attempts.ts';
import type { Deps } from '../shared/deps.ts';
import { requireClient, requireRegisteredRedirect } from '../clients/clients.ts';
import type { SignInResult } from '../sign-in/sign-in-result.ts';
import { amrFor, consumeChallenge, fromBase64url, passkeyRefused, rpOf, userIdFromHandle } from './webauthn.ts';

export interface PasskeyAuthenticationInput {
  response: AuthenticationResponseJSON;
  clientId: string;
  redirectUri?: string;
  state?: string;
  codeChallenge?: string;
  ip?: string;
}

export async function verifyPasskeyAuthentication(deps: Pick<Deps, 'config' | 'stores' | 'clock'>, input: PasskeyAuthenticationInput): Promise<SignInResult> {
  await limitSignInAttempts(deps, input.ip);
  const client = await requireClient(deps, input.clientId);
  const redirectUri = input.redirectUri === undefined ? null : requireRegisteredRedirect(client, input.redirectUri);
  const { response } = input;
  const challenge = await consumeChallenge(deps, 'authentication', response.response.clientDataJSON);

  const passkey = response.id === response.rawId ? await deps.stores.passkeys.findById(response.id) : null;
  if (!passkey) throw passkeyRefused('this passkey is not registered here');
  // Options named an email: only the passkeys they listed may answer. The same words whether that email has
  // passkeys or not (the challenge is then bound to nobody), so refusals never tell who owns passkeys.
  if (challenge.userId && challenge.userId !== passkey.userId) throw passkeyRefused('this passkey was not offered for this sign-in');
  if (response.response.userHandle && safeUserId(response.response.userHandle) !== passkey.userId) {
    throw passkeyRefused('the user handle does not match this passkey');
  }
  if (passkey.flaggedAt) throw passkeyRefused('this passkey was blocked after a signature counter went backwards; sign in by email and remove it');
  const user = await deps.stores.users.findById(passkey.userId);
  if (!user || !user.enabled || user.tenant !== client.tenant || !user.emailVerified) throw passkeyRefused('no active account here uses this passkey');

  const { rpID, origins } = rpOf(deps);
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.value,
      expectedOrigin: origins,
      expectedRPID: rpID,
      // The counter is checked below, by us, so a regression can be flagged rather than merely refused.
      credential: { id: passkey.id, publicKey: fromBase64url(passkey.publicKey), counter: 0, transports: passkey.transports as AuthenticatorTransportFuture[] },
      requireUserVerification: true,
    });
  } catch (e) {
    throw passkeyRefused((e as Error).message);
  }
  if (!verification.verified) throw passkeyRefused('the signature did not verify');
  const info = verification.authenticationInfo;
  const now = deps.clock.now();

  // WebAuthn §6.1.1: a counter that does not grow (when either side is non-zero) hints at a cloned
  // authenticator. The conditional UPDATE also settles two racing assertions: only one moves the counter.
  const regressed = (info.newCounter > 0 || passkey.counter > 0) && info.newCounter <= passkey.counter;
  if (regressed || !(await deps.stores.passkeys.recordUse(passkey.id, { counter: info.newCounter, backedUp: info.credentialBackedUp, now }))) {
    await deps.stores.passkeys.flag(passkey.id, now);
    await deps.stores.audit.record({ type: 'passkey.counter_regression', tenant: user.tenant, userId: user.id, ip: input.ip ?? null, detail: { passkeyId: passkey.id, stored: passkey.counter, received: info.newCounter } }, now);
    throw passkeyRefused('the signature counter went backwards, so this passkey may have been copied; it is now blocked');
  }

  const signedIn = (await deps.stores.users.recordSignIn(user.id, now, false)) ?? user;
  const amr = amrFor(info.credentialDeviceType);
  await deps.stores.audit.record({ type: 'passkey.sign_in.succeeded', tenant: user.tenant, userId: user.id, clientId: client.id, ip: input.ip ?? null, detail: { passkeyId: passkey.id, amr } }, now);
  return {
    user: signedIn, client, amr, authTime: Math.floor(now / 1000),
    redirectUri, state: input.state ?? null, codeChallenge: input.codeChallenge ?? null,
  };
}

function safeUserId(handle: string): string | null {
  try {
    return userIdFromHandle(handle);
  } catch {
    return null;
  }
}
