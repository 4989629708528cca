// Logout, Cognito's (/logout?client_id=&logout_uri=) and OIDC RP-initiated (id_token_hint, post_logout_redirect_uri, state):
// the hosted session ends on the server, and the browser goes back only to a URI the client registered.
import { compactVerify } from 'jose';
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { requireClient, requireRegisteredLogout } from '../clients/clients.ts';
import { endSession } from './sessions.ts';

export interface LogoutInput {
  sessionCookie: string | undefined;
  clientId?: string;
  /** Cognito's name */
  logoutUri?: string;
  /** OIDC RP-Initiated Logout 1.0 names */
  idTokenHint?: string;
  postLogoutRedirectUri?: string;
  state?: string;
}

/**
 * The client an ID token was issued to (its `aud`). An expired hint is still a hint (RP-Initiated Logout §2), so only
 * the signature, issuer and token type are checked.
 */
async function audienceOfHint(deps: Pick<Deps, 'keyring' | 'config'>, idToken: string): Promise<string> {
  try {
    const { payload } = await compactVerify(idToken, deps.keyring.verificationKeys(), { algorithms: ['RS256'] });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as { iss?: unknown; aud?: unknown; token_use?: unknown };
    if (claims.iss !== deps.config.issuer || claims.token_use !== 'id' || typeof claims.aud !== 'string') throw new Error('not our ID token');
    return claims.aud;
  } catch {
    throw new AuthError('invalid_request', 'id_token_hint: not an ID token issued here');
  }
}

/** Ends the session, then says where to go: a registered URI (with the state), or null for the signed-out page. */
export async function logOut(deps: Deps, input: LogoutInput): Promise<{ redirectTo: string | null }> {
  const target = input.logoutUri ?? input.postLogoutRedirectUri;
  let redirectTo: string | null = null;
  // Checked before anything ends, so a refused request changes nothing.
  if (target !== undefined || input.idTokenHint !== undefined) {
    const hinted = input.idTokenHint === undefined ? undefined : await audienceOfHint(deps, input.idTokenHint);
    if (hinted && input.clientId && hinted !== input.clientId) throw new AuthError('invalid_request', 'client_id: differs from the id_token_hint audience');
    const clientId = input.clientId ?? hinted;
    if (!clientId) throw new AuthError('invalid_request', 'client_id: Required with a logout redirect URI');
    const client = await requireClient(deps, clientId);
    if (target !== undefined) {
      const url = new URL(requireRegisteredLogout(client, target));
      if (input.postLogoutRedirectUri !== undefined && input.state !== undefined) url.searchParams.set('state', input.state);
      redirectTo = url.toString();
    }
  }
  await endSession(deps, input.sessionCookie);
  return { redirectTo };
}
