// The callback (/oauth2/idpresponse): the browser that left must be the one back, the state is spent once, the
// upstream's answer is fully validated, then the identity is resolved to a person.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { constantTimeEqual, sha256 } from '../shared/crypto.ts';
import { requireClient } from '../clients/clients.ts';
import { openSecret, secretContext } from './secret-box.ts';
import { discoverUpstream, discoveryIssuer, exchangeCode } from './upstream-oidc.ts';
import { pkceVerifier, upstreamNonce } from './federated-secrets.ts';
import { callbackUrl } from './provider-json.ts';
import { identityFromAssertion, identityFromClaims, type UpstreamIdentity } from './upstream-identity.ts';
import { requireSaml } from './saml-support.ts';
import { resolveFederatedIdentity, type FederatedOutcome } from './resolve-federated-identity.ts';

export async function completeFederatedSignIn(deps: Deps, input: { params: URLSearchParams; browserState: string | undefined; ip: string }): Promise<FederatedOutcome> {
  const state = input.params.get('state') ?? input.params.get('RelayState');
  if (!state || state.length > 128) throw new AuthError('invalid_request', 'state: missing from the provider\'s answer');
  // Login CSRF: an answer carried to another browser (someone else's code) is refused.
  if (!input.browserState || !constantTimeEqual(state, input.browserState)) {
    throw new AuthError('invalid_request', 'state: this sign-in did not start in this browser; start again');
  }
  const now = deps.clock.now();
  const request = await deps.stores.federation.consumeRequest(await sha256(state), now);
  if (!request) throw new AuthError('invalid_grant', 'state: this sign-in is unknown, expired or already used; start again');
  const client = await requireClient(deps, request.clientId);
  const provider = await deps.stores.providers.find(request.tenant, request.provider);
  if (!provider) throw new AuthError('invalid_grant', `the provider "${request.provider}" was removed meanwhile`);
  const acsUrl = callbackUrl(deps.config.issuer);

  let identity: UpstreamIdentity;
  if (provider.type === 'saml') {
    const samlResponse = input.params.get('SAMLResponse');
    if (!samlResponse) throw new AuthError('invalid_request', 'SAMLResponse: missing');
    const assertion = await requireSaml(deps).validate(provider, { samlResponse, acsUrl, audience: deps.config.issuer });
    // Replay cache in the database, so an assertion is spent once across every instance.
    if (!(await deps.stores.federation.spendAssertion(`${provider.tenant}:${provider.name}:${assertion.assertionId}`, assertion.notOnOrAfter, now))) {
      throw new AuthError('invalid_grant', 'the provider\'s answer was refused: this SAML assertion was already used');
    }
    identity = identityFromAssertion(provider, assertion);
  } else {
    if (!provider.secretSealed) throw new AuthError('unavailable', `provider "${provider.name}" has no client secret`);
    const secret = await openSecret(deps.secret, provider.secretSealed, secretContext(provider.tenant, provider.name));
    const claims = await exchangeCode(await discoverUpstream(discoveryIssuer(provider)), provider, secret, {
      callback: input.params, expectedState: state, redirectUri: acsUrl,
      codeVerifier: await pkceVerifier(deps.secret, state), nonce: await upstreamNonce(deps.secret, state),
    });
    identity = identityFromClaims(provider, claims);
  }
  return resolveFederatedIdentity(deps, { provider, client, request, identity, ip: input.ip });
}
