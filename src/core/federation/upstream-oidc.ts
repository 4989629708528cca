// The relying party toward an upstream OpenID provider, on oauth4webapi (Web APIs only): discovery, the
// authorization URL (state, nonce, PKCE), the code exchange and the ID token's full validation.
import * as oauth from 'oauth4webapi';
import { createRemoteJWKSet, jwtVerify, SignJWT, importPKCS8, type JWTPayload } from 'jose';
import type { Provider } from '../ports/federation.ts';
import { AuthError } from '../shared/errors.ts';

/** The issuer whose discovery document describes the provider. */
export function discoveryIssuer(p: Provider): string {
  if (p.settings.issuer) return p.settings.issuer;
  switch (p.type) {
    case 'google': return 'https://accounts.google.com';
    case 'apple': return 'https://appleid.apple.com';
    case 'microsoft': return `https://login.microsoftonline.com/${p.settings.microsoftTenant ?? 'common'}/v2.0`;
    default: throw new TypeError(`provider "${p.name}" has no issuer`);
  }
}

// Plain http only toward this machine (tests, a local IdP); everything else must be https.
const isLoopbackHttp = (url: URL) => url.protocol === 'http:' && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname);
// Two internals oauth4webapi exports (undocumented, what openid-client uses for Entra): skip discovery's issuer
// equality, and compute the expected `iss` per token.
const internals = oauth as unknown as { _nodiscoverycheck: symbol; _expectedIssuer: symbol };
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Upstream {
  as: oauth.AuthorizationServer;
  /** Entra multi-tenant: the issuer template with `{tenantid}`, resolved per token from its `tid` */
  issuerTemplate: string | null;
  insecure: boolean;
}

// Discovery documents change rarely: one fetch per issuer per hour per instance.
const DISCOVERY_TTL_MS = 3_600_000;
const discovered = new Map<string, { at: number; upstream: Promise<Upstream> }>();
const jwksets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

export function discoverUpstream(issuer: string): Promise<Upstream> {
  const hit = discovered.get(issuer);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.upstream;
  const upstream = (async () => {
    const url = new URL(issuer);
    const insecure = isLoopbackHttp(url);
    let res: Response;
    try {
      res = await oauth.discoveryRequest(url, { algorithm: 'oidc', [oauth.allowInsecureRequests]: insecure, signal: AbortSignal.timeout(10_000) });
    } catch (e) {
      throw new AuthError('unavailable', `the provider's discovery document at ${issuer} cannot be read: ${(e as Error).message}`);
    }
    // Entra's multi-tenant document names the issuer `https://login.microsoftonline.com/{tenantid}/v2.0`: it cannot equal
    // the URL it came from, so it is checked per token instead (against the token's `tid`).
    const peek = (await res.clone().json().catch(() => ({}))) as { issuer?: unknown };
    const issuerTemplate = typeof peek.issuer === 'string' && peek.issuer.includes('{tenantid}') ? peek.issuer : null;
    const as = await oauth.processDiscoveryResponse(issuerTemplate ? internals._nodiscoverycheck as unknown as URL : url, res);
    return { as, issuerTemplate, insecure };
  })();
  discovered.set(issuer, { at: Date.now(), upstream });
  upstream.catch(() => discovered.delete(issuer));
  return upstream;
}

export function defaultScopes(p: Provider): string[] {
  if (p.settings.scopes?.length) return p.settings.scopes.includes('openid') ? p.settings.scopes : ['openid', ...p.settings.scopes];
  return p.type === 'apple' ? ['openid', 'email', 'name'] : ['openid', 'email', 'profile'];
}

export function authorizationUrl(up: Upstream, p: Provider, input: { redirectUri: string; state: string; nonce: string; codeChallenge: string }): string {
  if (!up.as.authorization_endpoint) throw new AuthError('unavailable', `provider "${p.name}" publishes no authorization endpoint`);
  const url = new URL(up.as.authorization_endpoint);
  const scopes = defaultScopes(p);
  url.searchParams.set('client_id', p.settings.clientId!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('state', input.state);
  url.searchParams.set('nonce', input.nonce);
  url.searchParams.set('code_challenge', input.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  // Apple answers a request for name or email only by a form POST to the callback.
  if (p.type === 'apple' && scopes.some((s) => s === 'name' || s === 'email')) url.searchParams.set('response_mode', 'form_post');
  return url.toString();
}

/** Apple's client secret: a short ES256 JWT signed with the team's key (Sign in with Apple REST API, "Creating a client secret"). */
async function appleClientSecret(p: Provider, privateKeyPem: string): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'ES256');
  return new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: p.settings.appleKeyId! }).setIssuer(p.settings.appleTeamId!)
    .setSubject(p.settings.clientId!).setAudience('https://appleid.apple.com').setIssuedAt().setExpirationTime('5m').sign(key);
}

const templateMatcher = (template: string) =>
  new RegExp(`^${template.split('{tenantid}').map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')}$`, 'i');

const refused = (why: string) => new AuthError('invalid_grant', `the provider's answer was refused: ${why}`);

/**
 * Trades the code for tokens and validates the ID token: state (and `iss` when the upstream sends it), nonce, issuer,
 * audience, expiry, azp, and the signature against the upstream's JWKS. Returns the ID token's claims.
 */
export async function exchangeCode(up: Upstream, p: Provider, secret: string, input: {
  callback: URLSearchParams; expectedState: string; redirectUri: string; codeVerifier: string; nonce: string;
}): Promise<JWTPayload & { sub: string }> {
  const client: oauth.Client = { client_id: p.settings.clientId! };
  // RFC 9207's `iss` from a per-tenant issuer names one tenant: it must fit the template, and the ID token must match it.
  const issParam = up.issuerTemplate ? input.callback.get('iss') : null;
  if (issParam !== null && !templateMatcher(up.issuerTemplate!).test(issParam)) throw refused(`iss: ${issParam} is not an issuer of this provider`);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(issParam !== null ? { ...up.as, issuer: issParam } : up.as, client, input.callback, input.expectedState);
  } catch (e) {
    if (e instanceof oauth.AuthorizationResponseError) throw refused(`${e.error}${e.error_description ? `: ${e.error_description}` : ''}`);
    throw refused((e as Error).message);
  }
  const methods = up.as.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const clientAuth = p.type === 'apple' ? oauth.ClientSecretPost(await appleClientSecret(p, secret))
    : methods.includes('client_secret_basic') ? oauth.ClientSecretBasic(secret) : oauth.ClientSecretPost(secret);
  const tenantIssuer = (tid: unknown) => {
    if (!up.issuerTemplate || typeof tid !== 'string' || !TENANT_ID.test(tid)) return null;
    return up.issuerTemplate.replace('{tenantid}', tid);
  };
  const as: oauth.AuthorizationServer = up.issuerTemplate
    ? { ...up.as, [internals._expectedIssuer]: (r: { claims: JWTPayload }) => tenantIssuer(r.claims.tid) ?? '(a token without a valid tid)' } as oauth.AuthorizationServer
    : up.as;
  let idToken: string;
  let claims: oauth.IDToken;
  try {
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, input.redirectUri, input.codeVerifier,
      { [oauth.allowInsecureRequests]: up.insecure, signal: AbortSignal.timeout(10_000) });
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: input.nonce, requireIdToken: true });
    idToken = result.id_token!;
    claims = oauth.getValidatedIdTokenClaims(result)!;
  } catch (e) {
    if (e instanceof AuthError) throw e;
    throw refused((e as Error).message);
  }
  if (up.issuerTemplate) {
    if (issParam !== null && claims.iss !== issParam) throw refused('the ID token\'s iss differs from the authorization response\'s');
    if (p.type !== 'microsoft') throw refused('only a microsoft provider may have a per-tenant issuer');
    const allowed = p.settings.allowedTenants;
    if (allowed?.length && !allowed.includes(String(claims.tid))) throw refused(`Entra tenant ${String(claims.tid)} is not allowed`);
  }
  // oauth4webapi trusts an ID token that came straight from the token endpoint over TLS (OIDC Core §3.1.3.7 allows
  // it); the signature is checked anyway, against the upstream's published keys, with every constraint again.
  if (!up.as.jwks_uri) throw refused('the provider publishes no jwks_uri');
  let jwks = jwksets.get(up.as.jwks_uri);
  if (!jwks) jwksets.set(up.as.jwks_uri, (jwks = createRemoteJWKSet(new URL(up.as.jwks_uri))));
  const algorithms = (up.as.id_token_signing_alg_values_supported ?? ['RS256']).filter((a) => a !== 'none' && !a.startsWith('HS'));
  try {
    await jwtVerify(idToken, jwks, { issuer: claims.iss, audience: p.settings.clientId!, algorithms });
  } catch (e) {
    throw refused(`ID token signature: ${(e as Error).message}`);
  }
  return claims as JWTPayload & { sub: string };
}
