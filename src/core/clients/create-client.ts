// Registering an app: public (PKCE) or confidential (a secret shown once), with its grants, scopes, URIs and lifetimes.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { newId } from '../shared/crypto.ts';
import type { Client, GrantType } from '../ports/clients.ts';
import { DEFAULT_TENANT, publicClient } from './clients.ts';
import { hashClientSecret, newClientSecret } from './client-secret.ts';

export interface NewClientInput {
  name: string;
  redirectUris: string[];
  audience?: string;
  tenant?: string;
  confidential?: boolean;
  grantTypes?: GrantType[];
  scopes?: string[];
  logoutUris?: string[];
  readAttributes?: string[];
  accessTokenTtl?: number;
  idTokenTtl?: number;
  refreshTokenTtl?: number;
  allowCognitoSessionSwap?: boolean;
  /** Values brought from Cognito, kept as they are so apps change nothing. */
  clientId?: string;
  clientSecret?: string;
}

/** The client as stored, plus its secret in clear this one time (confidential clients only). */
export type CreatedClient = Client & { clientSecret?: string };

export async function buildClient(input: NewClientInput, now: number): Promise<CreatedClient> {
  const confidential = input.confidential ?? input.clientSecret !== undefined;
  if (!confidential && input.clientSecret !== undefined) throw new AuthError('invalid_request', 'clientSecret: a public client has no secret');
  const grantTypes = input.grantTypes ?? ['authorization_code', 'refresh_token'];
  // RFC 6749 §4.4: only a client that can keep a secret may act on its own behalf.
  if (!confidential && grantTypes.includes('client_credentials')) throw new AuthError('invalid_request', 'grantTypes: client_credentials needs a confidential client');
  const secret = confidential ? input.clientSecret ?? newClientSecret() : undefined;
  const client = publicClient({
    id: input.clientId ?? newId('cli').toLowerCase(),
    tenant: input.tenant ?? DEFAULT_TENANT,
    name: input.name,
    redirectUris: input.redirectUris,
    createdAt: now,
    audience: input.audience ?? null,
    confidential,
    secretHash: secret === undefined ? null : await hashClientSecret(secret),
    grantTypes,
    scopes: input.scopes ?? [],
    logoutUris: input.logoutUris ?? [],
    readAttributes: input.readAttributes ?? null,
    accessTokenTtl: input.accessTokenTtl ?? null,
    idTokenTtl: input.idTokenTtl ?? null,
    refreshTokenTtl: input.refreshTokenTtl ?? null,
    allowCognitoSessionSwap: input.allowCognitoSessionSwap ?? false,
  });
  return secret === undefined ? client : { ...client, clientSecret: secret };
}

export async function createClient(deps: Pick<Deps, 'stores' | 'clock'>, input: NewClientInput): Promise<CreatedClient> {
  const created = await buildClient(input, deps.clock.now());
  const { clientSecret: _secret, ...client } = created;
  if (!(await deps.stores.clients.insertIfAbsent(client))) throw new AuthError('conflict', `clientId: a client "${client.id}" already exists`);
  await deps.stores.audit.record({ type: 'client.created', tenant: client.tenant, clientId: client.id }, client.createdAt);
  return created;
}
