// The HTTP end of a hosted sign-in: the core's finishSignIn, then its session cookie and a 303 to the client.
import type { Context } from 'hono';
import type { Deps } from '../core/shared/deps.ts';
import type { SignInResult } from '../core/sign-in/sign-in-result.ts';
import { finishSignIn } from '../core/sign-in/finish-sign-in.ts';
import { setSessionCookie } from './session-cookie.ts';

export async function finishHostedSignIn(c: Context, deps: Deps, result: SignInResult): Promise<Response> {
  const { sessionCookie, redirectTo } = await finishSignIn(deps, result);
  setSessionCookie(c, deps.config, sessionCookie);
  return c.redirect(redirectTo, 303);
}
