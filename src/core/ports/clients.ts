// Port: registered apps (OAuth clients); each belongs to one tenant.

export interface Client {
  id: string;
  tenant: string;
  name: string;
  redirectUris: string[];
  /** The access token's `aud`; defaults to the client id. */
  audience: string | null;
  /** Scopes beyond the defaults this client's tokens may carry (e.g. `aws.cognito.signin.user.admin`). */
  scopes: string[];
  createdAt: number;
}

export interface ClientStore {
  findById(id: string): Promise<Client | null>;
  /** Inserts unless the id exists; returns whether it inserted. */
  insertIfAbsent(client: Client): Promise<boolean>;
  /** Sets the redirect URIs (used to keep the built-in client in step with CUTOVER_ISSUER). */
  setRedirectUris(id: string, redirectUris: string[]): Promise<void>;
  /** Every client (of one tenant when given), oldest first: a handful per deployment, so no paging. */
  list(tenant?: string): Promise<Client[]>;
}
