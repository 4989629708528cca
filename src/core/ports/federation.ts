// Port: federated sign-in — a tenant's upstream providers, sign-ins under way, and people's links to upstream identities.

export type ProviderType = 'google' | 'apple' | 'microsoft' | 'oidc' | 'saml';

/** What a provider needs besides its secret (stored as JSON; never holds a secret). */
export interface ProviderSettings {
  /** OpenID: the upstream client id (Cognito's client_id) */
  clientId?: string;
  /** OpenID: the issuer; for Microsoft multi-tenant the `{tenantid}` template */
  issuer?: string;
  scopes?: string[];
  /** Apple: the team and key ids the client secret JWT is signed with */
  appleTeamId?: string;
  appleKeyId?: string;
  /** Microsoft: the Entra tenant (a GUID or domain), or `common` / `organizations` / `consumers` */
  microsoftTenant?: string;
  /** Entra tenants allowed in when multi-tenant (empty: any) */
  allowedTenants?: string[];
  /** SAML: the IdP's metadata XML, or its entry point and signing certificates */
  samlMetadata?: string;
  samlEntryPoint?: string;
  samlCertificates?: string[];
  samlIdpIssuer?: string;
  /** upstream claim (or SAML attribute) for each cutover field, as Cognito's AttributeMapping: { email: "email" } */
  attributeMapping?: Record<string, string>;
  /** whether the upstream's verified email proves the address (clears freshlyMigrated) */
  vouchesForEmail?: boolean;
  /** Cognito's IdpIdentifiers (e.g. an email domain): `idp_identifier=` picks the provider by one of them */
  identifiers?: string[];
  /** a display label for the button ("Google", "Contoso SSO") */
  label?: string;
}

export interface Provider {
  tenant: string;
  name: string;
  type: ProviderType;
  settings: ProviderSettings;
  /** AES-GCM sealed client secret or private key (see secret-box.ts); null when the provider has none */
  secretSealed: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface ProviderStore {
  /** Inserts or replaces (tenant, name). */
  upsert(provider: Provider): Promise<void>;
  find(tenant: string, name: string): Promise<Provider | null>;
  list(tenant?: string): Promise<Provider[]>;
  remove(tenant: string, name: string): Promise<boolean>;
}

/** A federated sign-in under way, keyed by the SHA-256 of the state sent upstream. */
export interface FederatedRequest {
  stateHash: string;
  tenant: string;
  provider: string;
  clientId: string;
  redirectUri: string;
  state: string | null;
  codeChallenge: string | null;
  scope: string | null;
  nonce: string | null;
  createdAt: number;
  expiresAt: number;
}

export type LinkStatus = 'active' | 'untrusted' | 'pending';

export interface FederatedLink {
  tenant: string;
  provider: string;
  subject: string;
  userId: string;
  status: LinkStatus;
  email: string | null;
  createdAt: number;
  lastUsedAt: number | null;
}

export interface FederationStore {
  insertRequest(request: FederatedRequest): Promise<void>;
  /** Spends the request once (one conditional UPDATE); null when unknown, spent or expired. */
  consumeRequest(stateHash: string, now: number): Promise<FederatedRequest | null>;
  findLink(tenant: string, provider: string, subject: string): Promise<FederatedLink | null>;
  linksOf(userId: string): Promise<FederatedLink[]>;
  /** Adds an active link unless (tenant, provider, subject) is taken; the Cognito-shaped identity joins users.identities. */
  addLink(link: Omit<FederatedLink, 'lastUsedAt'>, identity: Record<string, unknown>, now: number): Promise<boolean>;
  /** A pending link bound to the browser whose cookie hashes to `pendingHash` (replaces an earlier pending one once expired). */
  putPendingLink(link: Omit<FederatedLink, 'lastUsedAt' | 'status'>, pendingHash: string, expiresAt: number, now: number): Promise<void>;
  /** Makes the user's pending link(s) bound to `pendingHash` active; returns the links completed. */
  completePendingLinks(userId: string, pendingHash: string, now: number): Promise<FederatedLink[]>;
  /** Puts (or replaces) the Cognito-shaped entry of one link in users.identities (the ID token's `identities`). */
  setIdentity(userId: string, provider: string, subject: string, identity: Record<string, unknown>, now: number): Promise<void>;
  /** Untrusted links of a user become active (the email was just proven). */
  trustLinks(userId: string, now: number): Promise<void>;
  markUsed(tenant: string, provider: string, subject: string, now: number): Promise<void>;
  /** Removes one link and its identity in users.identities; false when there was none. */
  removeLink(userId: string, provider: string, subject: string, now: number): Promise<boolean>;
  /** Housekeeping: sign-ins under way, pending links and replay-cache entries that expired before `before`; rows removed. */
  prune(before: number): Promise<number>;
  /** SAML replay cache: true the first time an assertion id is seen, false after. */
  spendAssertion(id: string, expiresAt: number, now: number): Promise<boolean>;
}
