// Port: a SAML 2.0 service provider (Node only: XML signatures need a DOM and xml-crypto). Absent on Workers.
import type { Provider } from './federation.ts';

export interface SamlAssertion {
  /** NameID: the upstream subject of the link */
  nameId: string;
  /** the assertion's ID, spent once in the replay cache */
  assertionId: string;
  /** epoch ms after which the assertion is no longer accepted (NotOnOrAfter) */
  notOnOrAfter: number;
  attributes: Record<string, string>;
}

export interface SamlServiceProvider {
  /** The IdP's SSO URL with a signed-or-plain AuthnRequest and RelayState. */
  loginUrl(provider: Provider, input: { relayState: string; acsUrl: string; audience: string }): Promise<string>;
  /** Validates a posted SAMLResponse (signature, audience, recipient, time window); throws a reason otherwise. */
  validate(provider: Provider, input: { samlResponse: string; acsUrl: string; audience: string }): Promise<SamlAssertion>;
}
