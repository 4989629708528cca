// Starts a federated sign-in: records the downstream request under a fresh state, and sends the browser upstream
// with state, nonce and PKCE (OpenID) or an AuthnRequest with RelayState (SAML).
import * as oauth from 'oauth4webapi';
import type { Deps } from '../shared/deps.ts';
import type { Client } from '../ports/clients.ts';
import { AuthError } from '../shared/errors.ts';
import { randomToken, sha256 } from '../shared/crypto.ts';
import { authorizationUrl, discoverUpstream, discoveryIssuer } from './upstream-oidc.ts';
import { FEDERATED_REQUEST_TTL_MS, pkceVerifier, upstreamNonce } from './federated-secrets.ts';
import { callbackUrl } from './provider-json.ts';
import { requireSaml } from './saml-support.ts';
import { enforceRateLimit } from '../rate-limits/enforce-rate-limit.ts';

export interface DownstreamRequest {
  redirectUri: string;
  state?: string;
  codeChallenge?: string;
  scope?: string;
  nonce?: string;
}

export interface StartedFederatedSignIn {
  /** the upstream's authorization URL (or SAML SSO URL) */
  location: string;
  /** the state, for the browser's cookie: the callback must come back to the browser that left */
  browserState: string;
}

/** Which provider: Cognito's identity_provider names it; idp_identifier gives one of its identifiers (e.g. a domain). */
export type ProviderChoice = { name: string } | { identifier: string };

export async function startFederatedSignIn(deps: Deps, choice: ProviderChoice, client: Client, req: DownstreamRequest, ip = 'unknown'): Promise<StartedFederatedSignIn> {
  // Each start writes a row: the per-IP sign-in budget (CUTOVER_RATE_LIMIT_IP) keeps one address from flooding it.
  await enforceRateLimit(deps, `federated-start:${ip}`, deps.config.rateLimitIp, 'too many sign-ins from this address; try again later');
  const provider = 'name' in choice
    ? await deps.stores.providers.find(client.tenant, choice.name)
    : (await deps.stores.providers.list(client.tenant)).find((p) => p.settings.identifiers?.some((i) => i.toLowerCase() === choice.identifier.toLowerCase())) ?? null;
  if (!provider) {
    throw new AuthError('invalid_request', 'name' in choice ? `identity_provider: no provider "${choice.name}" in this client's tenant` : `idp_identifier: no provider has the identifier "${choice.identifier}"`);
  }
  // 32 random bytes: the state is the only handle on the sign-in under way (a bearer value until the callback).
  const state = randomToken();
  const now = deps.clock.now();
  await deps.stores.federation.insertRequest({
    stateHash: await sha256(state), tenant: client.tenant, provider: provider.name, clientId: client.id, redirectUri: req.redirectUri,
    state: req.state ?? null, codeChallenge: req.codeChallenge ?? null, scope: req.scope ?? null, nonce: req.nonce ?? null,
    createdAt: now, expiresAt: now + FEDERATED_REQUEST_TTL_MS,
  });
  if (provider.type === 'saml') {
    const saml = requireSaml(deps);
    return { location: await saml.loginUrl(provider, { relayState: state, acsUrl: callbackUrl(deps.config.issuer), audience: deps.config.issuer }), browserState: state };
  }
  const upstream = await discoverUpstream(discoveryIssuer(provider));
  const location = authorizationUrl(upstream, provider, {
    redirectUri: callbackUrl(deps.config.issuer), state,
    nonce: await upstreamNonce(deps.secret, state),
    codeChallenge: await oauth.calculatePKCECodeChallenge(await pkceVerifier(deps.secret, state)),
  });
  return { location, browserState: state };
}
