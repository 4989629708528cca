// Scopes: what a client may ask for, and what a request is granted (Cognito's rules for OIDC and custom scopes).
import { AuthError } from '../shared/errors.ts';
import type { Client } from '../ports/clients.ts';

/** Cognito's self-service scope (a person's own account calls; SPEC §3: passkey registration). */
export const SELF_SERVICE_SCOPE = 'aws.cognito.signin.user.admin';
export const OIDC_SCOPES = ['openid', 'email', 'profile'] as const;
/** Every scope that is not a resource server's `identifier/name`. */
export const USER_SCOPES = new Set<string>(['openid', 'email', 'profile', 'phone', SELF_SERVICE_SCOPE]);

/** A custom scope is `identifier/name` (Cognito resource servers); everything else is about the person. */
export const isCustomScope = (scope: string): boolean => !USER_SCOPES.has(scope) && scope.includes('/');

/** Whether a scope may be registered for a client at all. */
export const isKnownScopeShape = (scope: string): boolean => USER_SCOPES.has(scope) || /^[\x21-\x7e]+\/[\x21-\x7e]+$/.test(scope);

/** What a client may ask for in a person's sign-in: openid, email and profile always, plus what it was registered with. */
export const allowedScopes = (client: Pick<Client, 'scopes'>): string[] => [...new Set([...OIDC_SCOPES, ...client.scopes])];

/**
 * The scope a request is granted: the requested ones, each allowed for the client, or (none requested) all the
 * client's scopes of the kind the grant serves, as Cognito does. RFC 6749 §5.2: anything else is `invalid_scope`.
 */
export function grantScope(client: Client, requested: string | undefined, kind: 'user' | 'machine'): string {
  const fits = (s: string) => (kind === 'machine' ? isCustomScope(s) : true);
  const asked = requested?.split(' ').filter(Boolean);
  if (!asked || asked.length === 0) {
    const all = allowedScopes(client).filter(fits);
    if (all.length === 0) throw new AuthError('invalid_scope', 'this client has no scope it may be granted here');
    return all.join(' ');
  }
  for (const s of asked) {
    if (!allowedScopes(client).includes(s)) throw new AuthError('invalid_scope', `scope "${s.slice(0, 100)}" is not allowed for this client`);
    if (!fits(s)) throw new AuthError('invalid_scope', `scope "${s.slice(0, 100)}" needs a signed-in person; client_credentials takes only custom scopes`);
  }
  return [...new Set(asked)].join(' ');
}
