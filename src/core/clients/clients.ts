// The built-in `account` client, looking clients up, and checking redirect and logout URIs.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { Client } from '../ports/clients.ts';
import { SELF_SERVICE_SCOPE } from './scopes.ts';

export const ACCOUNT_CLIENT_ID = 'account';
export const DEFAULT_TENANT = 'default';

/**
 * SPEC §6: the `account` client always exists, redirecting to `<issuer>/account` in the default tenant; also to the
 * account deletion step (a fresh sign-in proves it is the person) and the admin console, which sign in through it.
 * Only the server owns those redirects (`keepInStep`): a CLI run, whose CUTOVER_ISSUER may be unset, only creates the
 * client when it is missing and never rewrites what the running server set.
 */
export async function ensureAccountClient(deps: Pick<Deps, 'stores' | 'clock' | 'config'>, options: { keepInStep: boolean }): Promise<void> {
  const redirectUris = [`${deps.config.issuer}/account`, `${deps.config.issuer}/account/delete`, `${deps.config.issuer}/admin`];
  // Its tokens always carry the self-service scope (claims.ts `grantedScope`), so its stored scopes need no upkeep.
  const inserted = await deps.stores.clients.insertIfAbsent(publicClient({
    id: ACCOUNT_CLIENT_ID, tenant: DEFAULT_TENANT, name: 'Account', redirectUris, scopes: [SELF_SERVICE_SCOPE], createdAt: deps.clock.now(),
  }));
  if (!inserted && options.keepInStep) await deps.stores.clients.setRedirectUris(ACCOUNT_CLIENT_ID, redirectUris);
}

/** A public client with the defaults (tests and the built-in client). */
export function publicClient(fields: Pick<Client, 'id' | 'tenant' | 'name' | 'redirectUris' | 'createdAt'> & Partial<Client>): Client {
  return {
    audience: null, confidential: false, secretHash: null, previousSecretHash: null, previousSecretExpiresAt: null,
    grantTypes: ['authorization_code', 'refresh_token'], scopes: [], logoutUris: [], readAttributes: null,
    accessTokenTtl: null, idTokenTtl: null, refreshTokenTtl: null, allowCognitoSessionSwap: false,
    ...fields,
  };
}

export async function requireClient(deps: Pick<Deps, 'stores'>, clientId: string): Promise<Client> {
  const client = await deps.stores.clients.findById(clientId);
  if (!client) throw new AuthError('invalid_client', `unknown client "${clientId.slice(0, 80)}"`);
  return client;
}

/** Exact string match, as OAuth 2.1 requires: no prefix or wildcard matching, so no open redirect. */
export function isRegisteredRedirect(client: Client, redirectUri: string): boolean {
  return client.redirectUris.includes(redirectUri);
}

export function requireRegisteredRedirect(client: Client, redirectUri: string | undefined): string {
  const uri = redirectUri ?? client.redirectUris[0];
  if (!uri || !isRegisteredRedirect(client, uri)) {
    throw new AuthError('invalid_request', 'redirectUri is not registered for this client');
  }
  return uri;
}

/** Logout sends the browser only to a URI registered in the client's logoutUris (exact match). */
export function requireRegisteredLogout(client: Client, uri: string): string {
  if (!client.logoutUris.includes(uri)) throw new AuthError('invalid_request', 'the logout redirect URI is not registered for this client');
  return uri;
}
