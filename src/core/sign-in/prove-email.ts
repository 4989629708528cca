// The end of every email sign-in (link or code): the address is proven, so the account exists, is verified and no longer freshly migrated.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { newUserId } from '../shared/crypto.ts';
import type { Client } from '../ports/clients.ts';
import type { EmailChallenge, SignInAudit } from '../ports/email-challenges.ts';
import type { SignInResult } from './sign-in-result.ts';
import type { ProvenSignIn, User } from '../ports/users.ts';

/** The event of an email sign-in that succeeded: written here, or by the code try's own statement (signInAudit). */
export const EMAIL_SIGN_IN_SUCCEEDED = 'email.sign_in.succeeded';

/** What the code try's statement should write when it records the sign-in; its detail gains challengeId and purpose, as below. */
export function signInAudit(client: Client, amr: string[], ip: string): SignInAudit {
  return { type: EMAIL_SIGN_IN_SUCCEEDED, clientId: client.id, ip, detail: { method: amr[0] } };
}

/** What the code try's own statement already did (verifyEmailCode), and the instant of the sign-in. */
export interface ProvenByTry {
  /** the sign-in it recorded for `challenge.userId` (null: the account is disabled or gone; undefined: none was) */
  recorded?: ProvenSignIn | null;
  /** it also wrote the sign-in's audit event (signInAudit) */
  audited?: boolean;
  now?: number;
}

export async function proveEmail(deps: Deps, challenge: EmailChallenge, client: Client, amr: string[], ip: string, tried: ProvenByTry = {}): Promise<SignInResult> {
  const { recorded, audited = false } = tried;
  const now = tried.now ?? deps.clock.now();
  const audit = (type: string, userId: string | null, detail: Record<string, unknown> = {}) => deps.stores.audit.record(
    { type, tenant: challenge.tenant, clientId: client.id, userId, ip, detail: { method: amr[0], challengeId: challenge.id, ...detail } }, now);

  let user: User | null;
  let signedIn: ProvenSignIn | null = null;
  if (challenge.userId) {
    // The usual case is one statement: the sign-in is recorded only if the account exists and is enabled.
    signedIn = recorded !== undefined ? recorded : await deps.stores.users.recordProvenSignIn(challenge.userId, now);
    user = signedIn?.user ?? (await deps.stores.users.findById(challenge.userId));
  } else {
    // Self sign-up (SPEC §3): a new user, not freshly migrated, without legacy link. If the address was
    // imported or signed up meanwhile, the insert loses and that account is the one proven.
    user = await deps.stores.users.insert({
      id: newUserId(), tenant: challenge.tenant, email: challenge.emailNormalized, emailVerified: true, freshlyMigrated: false,
    }, now);
    if (user) await audit('user.signed_up', user.id);
    else user = await deps.stores.users.findByEmail(challenge.tenant, challenge.emailNormalized);
  }
  if (!user || !user.enabled) {
    await audit('email.sign_in.failed', user?.id ?? null, { reason: user ? 'disabled' : 'no_user' });
    throw new AuthError('invalid_grant', 'this account cannot sign in');
  }
  signedIn ??= await deps.stores.users.recordProvenSignIn(user.id, now);
  // The address is proven now: provider links imported from an unverified Cognito email may open the account. The
  // sign-in's statement said whether there are any; a sign-in it did not record (disabled meanwhile) asks anyway.
  if (signedIn?.hasUntrustedLinks ?? true) await deps.stores.federation.trustLinks(user.id, now);
  if (!(audited && signedIn)) await audit(EMAIL_SIGN_IN_SUCCEEDED, user.id, { purpose: challenge.purpose });
  // The redirect, state and PKCE challenge belong to the client that asked for the mail.
  const sameClient = challenge.clientId === client.id;
  return {
    user: signedIn?.user ?? user,
    client,
    amr,
    authTime: Math.floor(now / 1000),
    redirectUri: sameClient ? challenge.redirectUri : null,
    state: sameClient ? challenge.state : null,
    codeChallenge: sameClient ? challenge.codeChallenge : null,
    scope: sameClient ? challenge.scope ?? null : null,
    nonce: sameClient ? challenge.nonce ?? null : null,
    ...(signedIn ? { legacy: signedIn.legacy } : {}),
  };
}
