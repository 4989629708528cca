// A Cognito app client (DescribeUserPoolClient) as a cutover client: what carries over, and a sentence for what cannot.
import type { GrantType, ResourceServer } from '../ports/clients.ts';
import type { NewClientInput } from './create-client.ts';
import { appUri, newClientSchema, resourceServerSchema } from './new-client-request.ts';
import { OIDC_SCOPES } from './scopes.ts';

type TimeUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** The fields of Cognito's UserPoolClientType this import reads (the SDK's type fits it). */
export interface CognitoAppClient {
  ClientId?: string;
  ClientName?: string;
  ClientSecret?: string;
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  DefaultRedirectURI?: string;
  AllowedOAuthFlows?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  AllowedOAuthScopes?: string[];
  ExplicitAuthFlows?: string[];
  SupportedIdentityProviders?: string[];
  ReadAttributes?: string[];
  WriteAttributes?: string[];
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  RefreshTokenValidity?: number;
  TokenValidityUnits?: { AccessToken?: string; IdToken?: string; RefreshToken?: string };
  AnalyticsConfiguration?: unknown;
}

/** One Cognito resource server (ListResourceServers). */
export interface CognitoResourceServer {
  Identifier?: string;
  Name?: string;
  Scopes?: { ScopeName?: string; ScopeDescription?: string }[];
}

export interface MappedClient {
  /** null: the client cannot be carried at all (the first note says why) */
  input: NewClientInput | null;
  /** what of the client is not carried, one sentence each */
  notCarried: string[];
}

const SECONDS: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3_600, days: 86_400 };

/**
 * A lifetime in seconds from Cognito's value and unit. Cognito's documented defaults: units hours, hours and days;
 * values (when never set) 1 hour, 1 hour and 30 days. The effective value is carried, not our instance default,
 * so tokens keep the lifetime apps were built around.
 */
function lifetime(value: number | undefined, unit: string | undefined, defaultUnit: TimeUnit, defaultSeconds: number): number {
  if (value === undefined || value === null) return defaultSeconds;
  const u = (unit ?? defaultUnit) as TimeUnit;
  return value * (SECONDS[u] ?? SECONDS[defaultUnit]);
}

/** Standard attributes cutover's ID tokens carry by scope whatever ReadAttributes says. */
const STANDARD_READ = ['email', 'email_verified', 'name', 'given_name', 'family_name', 'phone_number'];

/** Sign-in flows of the Cognito API that need a password: cutover is passwordless. */
const PASSWORD_FLOWS = new Set(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH',
  'USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY']);

export function mapCognitoClient(c: CognitoAppClient, tenant: string): MappedClient {
  const notCarried: string[] = [];
  const flows = c.AllowedOAuthFlowsUserPoolClient === false ? [] : c.AllowedOAuthFlows ?? [];
  if (flows.length === 0) {
    return { input: null, notCarried: ['no OAuth flow is enabled (AllowedOAuthFlowsUserPoolClient): the client signs in through the Cognito API only, which this import does not carry'] };
  }
  const grantTypes: GrantType[] = [];
  if (flows.includes('code')) grantTypes.push('authorization_code', 'refresh_token');
  if (flows.includes('client_credentials')) grantTypes.push('client_credentials');
  if (flows.includes('implicit')) notCarried.push('the implicit flow (AllowedOAuthFlows: implicit): cutover gives tokens only at the token endpoint; switch the app to the code flow with PKCE');
  if (grantTypes.length === 0) return { input: null, notCarried };

  const redirectUris: string[] = [];
  for (const uri of c.CallbackURLs ?? []) {
    const ok = appUri.safeParse(uri);
    if (ok.success) redirectUris.push(uri);
    else notCarried.push(`callback URL ${uri}: ${ok.error.issues[0].message}`);
  }
  const logoutUris: string[] = [];
  for (const uri of c.LogoutURLs ?? []) {
    const ok = appUri.safeParse(uri);
    if (ok.success) logoutUris.push(uri);
    else notCarried.push(`sign-out URL ${uri}: ${ok.error.issues[0].message}`);
  }
  if (!c.ClientSecret && grantTypes.includes('authorization_code')) {
    notCarried.push('optional PKCE: a public client must now send code_challenge (S256) on every authorization request, which Cognito did not require');
  }
  if (c.DefaultRedirectURI) notCarried.push(`DefaultRedirectURI ${c.DefaultRedirectURI}: apps must send redirect_uri (one of the callback URLs)`);

  const scopes = c.AllowedOAuthScopes ?? [];
  const widened = OIDC_SCOPES.filter((s) => !scopes.includes(s) && grantTypes.includes('authorization_code'));
  if (widened.length > 0) notCarried.push(`AllowedOAuthScopes without ${widened.join(', ')}: cutover always lets a sign-in ask for openid, email and profile`);

  const password = (c.ExplicitAuthFlows ?? []).filter((f) => PASSWORD_FLOWS.has(f));
  if (password.length > 0) notCarried.push(`ExplicitAuthFlows ${password.join(', ')}: password and custom-challenge sign-in (cutover is passwordless)`);
  const providers = (c.SupportedIdentityProviders ?? []).filter((p) => p !== 'COGNITO');
  if (providers.length > 0) notCarried.push(`SupportedIdentityProviders ${providers.join(', ')}: federated providers are not imported with the client`);
  if ((c.WriteAttributes ?? []).length > 0) notCarried.push('WriteAttributes: apps cannot change attributes through cutover; admins do (PATCH /v1/admin/users)');
  if (c.AnalyticsConfiguration) notCarried.push('AnalyticsConfiguration: Pinpoint analytics are not sent');

  // ReadAttributes lists every attribute the app may read; cutover filters only the custom:* ones.
  let readAttributes: string[] | undefined;
  if (c.ReadAttributes && c.ReadAttributes.length > 0) {
    readAttributes = c.ReadAttributes.filter((a) => a.startsWith('custom:'));
    const unread = STANDARD_READ.filter((a) => !c.ReadAttributes!.includes(a));
    if (unread.length > 0) notCarried.push(`ReadAttributes omits ${unread.join(', ')}: cutover's ID tokens carry standard claims by scope`);
  }

  const units = c.TokenValidityUnits ?? {};
  const input: NewClientInput = {
    name: c.ClientName?.trim() || c.ClientId!,
    tenant,
    clientId: c.ClientId,
    confidential: Boolean(c.ClientSecret),
    ...(c.ClientSecret ? { clientSecret: c.ClientSecret } : {}),
    redirectUris,
    logoutUris,
    grantTypes,
    scopes,
    ...(readAttributes ? { readAttributes } : {}),
    accessTokenTtl: lifetime(c.AccessTokenValidity, units.AccessToken, 'hours', 3_600),
    idTokenTtl: lifetime(c.IdTokenValidity, units.IdToken, 'hours', 3_600),
    refreshTokenTtl: lifetime(c.RefreshTokenValidity, units.RefreshToken, 'days', 30 * 86_400),
  };
  // What cutover's own rules refuse (a public client given client_credentials, no usable callback URL, ...) is named.
  const checked = newClientSchema.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { input: null, notCarried: [...notCarried, `${issue.path.join('.') || 'client'}: ${issue.message}`] };
  }
  if (input.grantTypes!.includes('client_credentials') && !input.confidential) {
    return { input: null, notCarried: [...notCarried, 'client_credentials without a client secret'] };
  }
  return { input: checked.data, notCarried };
}

/** A resource server as cutover keeps it, or why it cannot be. */
export function mapCognitoResourceServer(r: CognitoResourceServer, tenant: string): { server: ResourceServer } | { problem: string } {
  const parsed = resourceServerSchema.safeParse({
    identifier: r.Identifier, name: r.Name ?? r.Identifier, tenant,
    scopes: (r.Scopes ?? []).map((s) => ({ name: s.ScopeName, description: s.ScopeDescription ?? '' })),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `${issue.path.join('.')}: ${issue.message}` };
  }
  return { server: { ...parsed.data, tenant } };
}
