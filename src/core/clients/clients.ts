// Registering apps, the built-in `account` client, and checking redirect URIs.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { newId } from '../shared/crypto.ts';
import type { Client } from '../ports/clients.ts';

export const ACCOUNT_CLIENT_ID = 'account';
export const DEFAULT_TENANT = 'default';

export interface NewClientInput {
  name: string;
  redirectUris: string[];
  audience?: string;
  tenant?: string;
  scopes?: string[];
}

export async function createClient(deps: Pick<Deps, 'stores' | 'clock'>, input: NewClientInput): Promise<Client> {
  const client: Client = {
    id: newId('cli').toLowerCase(),
    tenant: input.tenant ?? DEFAULT_TENANT,
    name: input.name,
    redirectUris: input.redirectUris,
    audience: input.audience ?? null,
    scopes: input.scopes ?? [],
    createdAt: deps.clock.now(),
  };
  await deps.stores.clients.insertIfAbsent(client);
  await deps.stores.audit.record({ type: 'client.created', tenant: client.tenant, clientId: client.id }, client.createdAt);
  return client;
}

/**
 * SPEC §6: the `account` client always exists, redirecting to `<issuer>/account` in the default tenant; also to the
 * account deletion step (a fresh sign-in proves it is the person) and the admin console, which sign in through it.
 * Only the server owns those redirects (`keepInStep`): a CLI run, whose CUTOVER_ISSUER may be unset, only creates the
 * client when it is missing and never rewrites what the running server set.
 */
export async function ensureAccountClient(deps: Pick<Deps, 'stores' | 'clock' | 'config'>, options: { keepInStep: boolean }): Promise<void> {
  const redirectUris = [`${deps.config.issuer}/account`, `${deps.config.issuer}/account/delete`, `${deps.config.issuer}/admin`];
  const inserted = await deps.stores.clients.insertIfAbsent({
    id: ACCOUNT_CLIENT_ID, tenant: DEFAULT_TENANT, name: 'Account', redirectUris, audience: null, scopes: [], createdAt: deps.clock.now(),
  });
  if (!inserted && options.keepInStep) await deps.stores.clients.setRedirectUris(ACCOUNT_CLIENT_ID, redirectUris);
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
