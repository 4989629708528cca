// The HTTP end of a hosted sign-in: the core's finishSignIn, then its session cookie and a 303 to the client.
// A sign-in by another way in (not federated) also completes a pending provider link this browser holds.
import type { Context } from 'hono';
import type { Deps } from '../core/shared/deps.ts';
import type { SignInResult } from '../core/sign-in/sign-in-result.ts';
import { finishSignIn } from '../core/sign-in/finish-sign-in.ts';
import { completePendingLink } from '../core/federation/complete-pending-link.ts';
import { setSessionCookie } from './session-cookie.ts';
import { clearPendingLinkCookie, readPendingLinkCookie } from './federation-cookies.ts';
import { clientIp } from './client-ip.ts';

export async function finishHostedSignIn(c: Context, deps: Deps, result: SignInResult): Promise<Response> {
  const pending = readPendingLinkCookie(c);
  if (pending && !result.amr.includes('fed')) {
    await completePendingLink(deps, result.user.id, pending, clientIp(c));
    clearPendingLinkCookie(c, deps.config);
  }
  const { sessionCookie, redirectTo } = await finishSignIn(deps, result);
  setSessionCookie(c, deps.config, sessionCookie);
  return c.redirect(redirectTo, 303);
}
