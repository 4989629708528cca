// Ends a hosted sign-in: a session for the pages, then a redirect to the client with a single-use code and the state.
import type { Context } from 'hono';
import type { Deps } from '../core/shared/deps.ts';
import type { SignInResult } from '../core/sign-in/sign-in-result.ts';
import { createSession } from '../core/sign-in/sessions.ts';
import { createAuthorizationCode } from '../core/tokens/authorization-code.ts';
import { requireRegisteredRedirect } from '../core/clients/clients.ts';
import { setSessionCookie } from './session-cookie.ts';

export async function finishHostedSignIn(c: Context, deps: Deps, result: SignInResult): Promise<Response> {
  const { cookieValue } = await createSession(deps, { userId: result.user.id, amr: result.amr });
  setSessionCookie(c, deps.config, cookieValue);
  // Re-checked here too: only a registered redirect URI ever receives a code (no open redirect).
  const redirectUri = requireRegisteredRedirect(result.client, result.redirectUri ?? undefined);
  const code = await createAuthorizationCode(deps, {
    userId: result.user.id, client: result.client, redirectUri, codeChallenge: result.codeChallenge, amr: result.amr, authTime: result.authTime,
  });
  const target = new URL(redirectUri);
  target.searchParams.set('code', code);
  if (result.state) target.searchParams.set('state', result.state);
  return c.redirect(target.toString(), 303);
}
