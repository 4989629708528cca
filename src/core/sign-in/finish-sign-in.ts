// Ends a hosted sign-in: a session for the pages, and the client's redirect URI carrying a single-use code and the state.
import type { Deps } from '../shared/deps.ts';
import type { SignInResult } from './sign-in-result.ts';
import { createSession } from './sessions.ts';
import { createAuthorizationCode } from '../tokens/authorization-code.ts';
import { requireRegisteredRedirect } from '../clients/clients.ts';

export interface FinishedSignIn {
  /** the session cookie's value (the caller sets the cookie: that is HTTP's business) */
  sessionCookie: string;
  /** where the browser goes next */
  redirectTo: string;
}

export async function finishSignIn(deps: Deps, result: SignInResult): Promise<FinishedSignIn> {
  const { cookieValue } = await createSession(deps, { userId: result.user.id, amr: result.amr });
  return { sessionCookie: cookieValue, redirectTo: await codeRedirect(deps, result) };
}

/**
 * The authorization response (a sign-in that just happened, or a live session reused): the registered redirect URI
 * with a single-use code, the state and `iss` (RFC 9207, so a client talking to several issuers can tell them apart).
 */
export async function codeRedirect(deps: Deps, result: SignInResult): Promise<string> {
  // Re-checked here too: only a registered redirect URI ever receives a code (no open redirect).
  const redirectUri = requireRegisteredRedirect(result.client, result.redirectUri ?? undefined);
  const code = await createAuthorizationCode(deps, {
    userId: result.user.id, client: result.client, redirectUri, codeChallenge: result.codeChallenge, amr: result.amr, authTime: result.authTime,
    scope: result.scope ?? undefined, nonce: result.nonce ?? null,
  });
  const target = new URL(redirectUri);
  target.searchParams.set('code', code);
  if (result.state) target.searchParams.set('state', result.state);
  target.searchParams.set('iss', deps.config.issuer);
  return target.toString();
}
