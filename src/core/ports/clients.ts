// Port: registered apps (OAuth clients), each in one tenant, and Cognito-style resource servers.

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

export interface Client {
  id: string;
  tenant: string;
  name: string;
  redirectUris: string[];
  /** The access token's `aud`; defaults to the client id. */
  audience: string | null;
  createdAt: number;
  /** SPEC §8: confidential clients authenticate with a secret; public ones must use PKCE. */
  confidential: boolean;
  /** SHA-256 of the secret (never the secret itself); null for public clients. */
  secretHash: string | null;
  /** The secret a rotation replaced, accepted until `previousSecretExpiresAt` (epoch ms). */
  previousSecretHash: string | null;
  previousSecretExpiresAt: number | null;
  grantTypes: GrantType[];
  /** Scopes the client may ask for beyond openid, email and profile (phone, the self-service scope, `identifier/name`). */
  scopes: string[];
  /** Where logout may send the browser back to (exact match). */
  logoutUris: string[];
  /** `custom:*` attributes its ID tokens carry; null: all. */
  readAttributes: string[] | null;
  /** Lifetimes in seconds; null: the instance default. */
  accessTokenTtl: number | null;
  idTokenTtl: number | null;
  refreshTokenTtl: number | null;
  /** SPEC §12: may swap a live Cognito session for a token set at the token endpoint (RFC 8693). */
  allowCognitoSessionSwap: boolean;
}

export interface ResourceServer {
  tenant: string;
  identifier: string;
  name: string;
  scopes: { name: string; description: string }[];
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface ClientStore {
  findById(id: string): Promise<Client | null>;
  /** Inserts unless the id exists; returns whether it inserted. */
  insertIfAbsent(client: Client): Promise<boolean>;
  /** Inserts or replaces every field but `createdAt` (imports re-run); says which it was. */
  upsert(client: Client): Promise<UpsertOutcome>;
  /** Sets the redirect URIs (used to keep the built-in client in step with CUTOVER_ISSUER). */
  setRedirectUris(id: string, redirectUris: string[]): Promise<void>;
  /** Replaces the secret, keeping the old one valid until `previousExpiresAt`. */
  rotateSecret(id: string, secretHash: string, previousHash: string | null, previousExpiresAt: number | null): Promise<void>;
  list(tenant?: string): Promise<Client[]>;
}

export interface ResourceServerStore {
  /** Inserts or replaces (name and scopes); says which it was. */
  upsert(server: ResourceServer, now: number): Promise<UpsertOutcome>;
  listByTenant(tenant: string): Promise<ResourceServer[]>;
}
