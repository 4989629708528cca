// Starts a passkey sign-in: WebAuthn request options, discoverable (no email) or listing one person's passkeys.
import { generateAuthenticationOptions, type AuthenticatorTransportFuture, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { limitPasskeyOptions } from '../rate-limits/limit-sign-in-attempts.ts';
import type { Deps } from '../shared/deps.ts';
import { base64url, hmacSha256 } from '../shared/crypto.ts';
import { ACCOUNT_CLIENT_ID, requireClient } from '../clients/clients.ts';
import { normalizeEmail } from '../shared/email.ts';
import { CHALLENGE_TTL_MS, NO_LISTED_OWNER, fromBase64url, issueChallenge, rpOf } from './webauthn.ts';

export interface PasskeyAuthenticationOptionsInput {
  /** When given, the person's passkeys are listed (allowCredentials); otherwise any discoverable passkey may answer. */
  email?: string;
  /** Whose tenant the email is looked up in; default the built-in `account` client. */
  clientId?: string;
  /** Client IP: each options call stores a challenge, so it counts in a per-IP options budget (not the attempt budget). */
  ip?: string;
}

export async function passkeyAuthenticationOptions(
  deps: Pick<Deps, 'config' | 'stores' | 'clock' | 'secret'>,
  input: PasskeyAuthenticationOptionsInput,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  await limitPasskeyOptions(deps, input.ip);
  let allowCredentials: { id: string; transports?: AuthenticatorTransportFuture[] }[] = [];
  let userId: string | null = null;
  if (input.email) {
    const client = await requireClient(deps, input.clientId ?? ACCOUNT_CLIENT_ID);
    const email = normalizeEmail(input.email);
    const user = await deps.stores.users.findByEmail(client.tenant, email);
    // Same queries whether or not the email exists, so timing tells little more than the answer does.
    const passkeys = await deps.stores.passkeys.listByUser(user?.id ?? '');
    const usable = user && user.enabled && user.emailVerified ? passkeys.filter((p) => !p.flaggedAt) : [];
    if (usable.length > 0 && user) {
      allowCredentials = usable.map((p) => ({ id: p.id, transports: p.transports as AuthenticatorTransportFuture[] }));
      userId = user.id;
    } else {
      // No enumeration: an unknown email, or one without passkeys, gets a stable decoy credential id that
      // looks like a real one (no authenticator will hold it), never an empty list that would tell them apart.
      allowCredentials = [{ id: await decoyCredentialId(deps.secret, client.tenant, email), transports: ['internal', 'hybrid'] }];
      // …and the challenge is bound all the same, to nobody: answering it with any passkey is refused exactly as
      // answering a real person's listed passkeys with someone else's, so the answer tells no owner apart.
      userId = NO_LISTED_OWNER;
    }
  }
  const challenge = await issueChallenge(deps, 'authentication', userId);
  return generateAuthenticationOptions({
    rpID: rpOf(deps).rpID,
    allowCredentials,
    challenge,
    timeout: CHALLENGE_TTL_MS,
    userVerification: 'required',
  });
}

/** 32 bytes derived with the server secret: the same for the same email, unpredictable without the secret. */
async function decoyCredentialId(secret: string, tenant: string, email: string): Promise<string> {
  const mac = await hmacSha256(secret, `webauthn-decoy\n${tenant}\n${email}`);
  return base64url(fromBase64url(mac).slice(0, 32));
}
