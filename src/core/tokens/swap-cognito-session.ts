// RFC 8693 token exchange (SPEC §12): a live Cognito session becomes a cutover token set for the same person, no sign-in.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { Client } from '../ports/clients.ts';
import type { User } from '../ports/users.ts';
import type { SwapTokenType } from '../ports/cognito-sessions.ts';
import { normalizeEmail } from '../shared/email.ts';
import { issueTokenSet, type TokenSet } from './issue-tokens.ts';

/** RFC 8693 §2.1 */
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const TOKEN_TYPE_PREFIX = 'urn:ietf:params:oauth:token-type:';
/** The `amr` of a swapped session: not an RFC 8176 method (none fits), it says how this sign-in came to be. */
export const SWAP_AMR = 'cognito_session_swap';

export interface SessionSwapInput {
  client: Client;
  subjectToken: string;
  subjectTokenType: string;
  /** the access token of the same Cognito sign-in, which proves an ID token live */
  actorToken?: string;
  ip: string;
}

export type SwappedTokenSet = TokenSet & { issued_token_type: string };

export async function swapCognitoSession(deps: Deps, input: SessionSwapInput): Promise<SwappedTokenSet> {
  const { client } = input;
  if (!client.allowCognitoSessionSwap) throw new AuthError('unauthorized_client', 'this client may not swap Cognito sessions (allowCognitoSessionSwap is off)');
  const verifier = deps.cognitoSessions;
  if (!verifier) throw new AuthError('invalid_request', 'no Cognito user pool is configured (CUTOVER_COGNITO_USER_POOL_ID)');
  const type = input.subjectTokenType.startsWith(TOKEN_TYPE_PREFIX) ? input.subjectTokenType.slice(TOKEN_TYPE_PREFIX.length) : '';
  if (type !== 'access_token' && type !== 'id_token' && type !== 'refresh_token') {
    throw new AuthError('invalid_request', `subject_token_type: must be ${TOKEN_TYPE_PREFIX}access_token, id_token or refresh_token`);
  }
  if (type === 'id_token' && !input.actorToken) throw new AuthError('invalid_request', 'actor_token: an ID token is proven live by the access token of the same sign-in');
  const session = await verifier.verify({ token: input.subjectToken, type: type as SwapTokenType, clientId: client.id, accessToken: input.actorToken });

  const user = await personOf(deps, verifier.userPoolId, client.tenant, session.sub, session.email);
  if (!user) throw new AuthError('invalid_grant', 'nobody here is linked to this Cognito user');
  if (!user.enabled) throw new AuthError('invalid_grant', 'this account is disabled');
  const now = deps.clock.now();
  const set = await issueTokenSet(deps, { user, client, amr: [SWAP_AMR] });
  await deps.stores.audit.record({
    type: 'cognito.session_swapped', tenant: user.tenant, userId: user.id, clientId: client.id, ip: input.ip,
    detail: { userPoolId: verifier.userPoolId, legacySub: session.sub, tokenType: type },
  }, now);
  // RFC 8693 §2.2.1: the answer names what was issued.
  return { ...set, issued_token_type: `${TOKEN_TYPE_PREFIX}access_token` };
}

/** The person linked to (pool, sub) in the client's tenant; else imported just in time by the session's email. */
async function personOf(deps: Deps, userPoolId: string, tenant: string, sub: string, email: string | null): Promise<User | null> {
  const isLinked = (links: { userPoolId: string; sub: string }[]) => links.some((l) => l.userPoolId === userPoolId && l.sub === sub);
  const [found] = (await deps.stores.adminUsers.list({ tenant, legacySub: sub, limit: 5 })).filter((r) => isLinked(r.legacyLinks));
  if (found) return found.user;
  if (!email || !deps.jitImport) return null;
  const imported = await deps.jitImport(tenant, normalizeEmail(email));
  return imported && isLinked(await deps.stores.users.legacyLinks(imported.id)) ? imported : null;
}
