// Which routes into an account an unproven email leaves closed (issue 4: imported unverified Cognito emails).

interface SignInSubject {
  email: string | null;
  emailVerified: boolean;
  enabled: boolean;
}

/**
 * Rule: an imported user whose Cognito email was unverified may sign in by email (the mail itself
 * proves the address and sets emailVerified), but every other route — federated provider links
 * carried over from Cognito, passkeys — stays closed until it is proven. Otherwise whoever created the
 * Cognito account with someone else's address (Cognito never checked it) could link their own Google
 * account or passkey and later walk into the account the real owner claims.
 *
 * A user without an email has no address anyone could have pre-registered, so the rule does not apply.
 * Disabled users have no route at all.
 */
export function canUseNonEmailSignIn(user: SignInSubject): boolean {
  if (!user.enabled) return false;
  return user.email === null || user.emailVerified;
}
