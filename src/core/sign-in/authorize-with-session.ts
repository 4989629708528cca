// OIDC Core §3.1.2.1 prompt and max_age against the hosted session: answer at once, ask to sign in, or login_required.
import type { Deps } from '../shared/deps.ts';
import type { Client } from '../ports/clients.ts';
import type { Session } from '../ports/sessions.ts';
import type { User } from '../ports/users.ts';
import { codeRedirect } from './finish-sign-in.ts';

export interface SessionAuthorizeInput {
  /** the live hosted session and its enabled user, or null */
  signedIn: { session: Session; user: User } | null;
  client: Client;
  redirectUri: string;
  state?: string;
  codeChallenge?: string;
  scope?: string;
  nonce?: string;
  /** space-separated prompt values */
  prompt?: string;
  /** seconds; the sign-in must be at most this old */
  maxAge?: number;
}

export type SessionAuthorizeOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'sign-in' }
  | { kind: 'login_required' };

export async function authorizeWithSession(deps: Deps, input: SessionAuthorizeInput): Promise<SessionAuthorizeOutcome> {
  const prompts = new Set((input.prompt ?? '').split(' ').filter(Boolean));
  const { signedIn } = input;
  const ageOk = (s: Session) => input.maxAge === undefined || deps.clock.now() - s.createdAt <= input.maxAge * 1000;
  // A person of another tenant is not signed in as far as this client is concerned.
  const usable = signedIn && signedIn.user.tenant === input.client.tenant && ageOk(signedIn.session) ? signedIn : null;
  if (prompts.has('none')) {
    if (!usable) return { kind: 'login_required' };
  } else if (prompts.has('login') || !usable) {
    return { kind: 'sign-in' };
  }
  const { session, user } = usable!;
  const location = await codeRedirect(deps, {
    user, client: input.client, amr: session.amr,
    // The session began with the sign-in, so its start is the auth_time (max_age is judged against it).
    authTime: Math.floor(session.createdAt / 1000),
    redirectUri: input.redirectUri, state: input.state ?? null, codeChallenge: input.codeChallenge ?? null,
    scope: input.scope ?? null, nonce: input.nonce ?? null,
  });
  return { kind: 'redirect', location };
}
