// The SAML 2.0 service provider on Node (@node-saml/node-saml, xml-crypto underneath): signed assertions only,
// audience, recipient and destination, time window; the replay cache is the core's (in the database).
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import type { Provider } from '../../core/ports/federation.ts';
import type { SamlAssertion, SamlServiceProvider } from '../../core/ports/saml.ts';
import { AuthError } from '../../core/shared/errors.ts';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
/** Seconds of clock difference tolerated between the IdP and here (node-saml's default is none). */
const CLOCK_SKEW_MS = 60_000;

interface IdpSettings { entryPoint: string; certificates: string[]; idpIssuer: string | undefined }

/** The SSO URL, signing certificates and entity id from IdP metadata (or the provider's explicit settings). */
export function idpSettings(p: Provider): IdpSettings {
  let entryPoint = p.settings.samlEntryPoint;
  let certificates = p.settings.samlCertificates ?? [];
  let idpIssuer = p.settings.samlIdpIssuer;
  if (p.settings.samlMetadata) {
    const doc = new DOMParser().parseFromString(p.settings.samlMetadata, 'text/xml');
    const entity = doc.getElementsByTagNameNS(MD, 'EntityDescriptor')[0];
    idpIssuer ??= entity?.getAttribute('entityID') ?? undefined;
    const sso = Array.from(doc.getElementsByTagNameNS(MD, 'SingleSignOnService'));
    entryPoint ??= (sso.find((s) => s.getAttribute('Binding') === REDIRECT) ?? sso[0])?.getAttribute('Location') ?? undefined;
    if (certificates.length === 0) {
      certificates = Array.from(doc.getElementsByTagNameNS(MD, 'KeyDescriptor'))
        .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
        .flatMap((k) => Array.from(k.getElementsByTagNameNS(DSIG, 'X509Certificate')).map((c) => (c.textContent ?? '').replace(/\s+/g, '')))
        .filter(Boolean);
    }
  }
  if (!entryPoint || certificates.length === 0) throw new AuthError('unavailable', `SAML provider "${p.name}" has no SSO URL or signing certificate`);
  return { entryPoint, certificates, idpIssuer };
}

function samlFor(p: Provider, acsUrl: string, audience: string): SAML {
  const idp = idpSettings(p);
  return new SAML({
    callbackUrl: acsUrl, entryPoint: idp.entryPoint, issuer: audience, audience, idpCert: idp.certificates,
    ...(idp.idpIssuer ? { idpIssuer: idp.idpIssuer } : {}),
    // Many IdPs sign only the assertion; the assertion's signature is always required.
    wantAssertionsSigned: true, wantAuthnResponseSigned: false,
    acceptedClockSkewMs: CLOCK_SKEW_MS, maxAssertionAgeMs: 10 * 60_000,
    validateInResponseTo: ValidateInResponseTo.never, disableRequestedAuthnContext: true,
  });
}

type Parsed = { $?: Record<string, string>; [k: string]: unknown };
const first = (node: Parsed | undefined, name: string) => (node?.[name] as Parsed[] | undefined)?.[0];

export function createNodeSamlServiceProvider(): SamlServiceProvider {
  return {
    async loginUrl(p, input) {
      return samlFor(p, input.acsUrl, input.audience).getAuthorizeUrlAsync(input.relayState, undefined, {});
    },
    async validate(p, input) {
      const saml = samlFor(p, input.acsUrl, input.audience);
      let profile;
      try {
        ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: input.samlResponse }));
      } catch (e) {
        throw new AuthError('invalid_grant', `the provider's answer was refused: ${(e as Error).message}`);
      }
      if (!profile) throw new AuthError('invalid_grant', 'the provider\'s answer was refused: no assertion');
      // Everything below reads the assertion node-saml verified (getAssertion), never the unsigned envelope: a
      // wrapped copy next to the signed one cannot supply these values.
      const assertion = profile.getAssertion?.() as { Assertion?: Parsed } | undefined;
      const a = assertion?.Assertion;
      const id = a?.$?.ID;
      if (!id) throw new AuthError('invalid_grant', 'the provider\'s answer was refused: the assertion has no ID');
      const confirmations = (first(a, 'Subject')?.SubjectConfirmation as Parsed[] | undefined) ?? [];
      const bearer = confirmations.map((c) => first(c, 'SubjectConfirmationData')?.$ ?? {});
      // SAML profiles §4.1.4.2: the bearer confirmation names where the assertion may be delivered.
      if (!bearer.some((d) => d.Recipient === input.acsUrl)) {
        throw new AuthError('invalid_grant', `the provider's answer was refused: the assertion's Recipient is not ${input.acsUrl}`);
      }
      // SAML core §3.2.2: a Response that names its Destination must name this ACS.
      const envelope = profile.getSamlResponseXml?.();
      const destination = envelope ? new DOMParser().parseFromString(envelope, 'text/xml').documentElement?.getAttribute('Destination') : null;
      if (destination && destination !== input.acsUrl) {
        throw new AuthError('invalid_grant', `the provider's answer was refused: the Response's Destination is not ${input.acsUrl}`);
      }
      const conditionsEnd = first(a, 'Conditions')?.$?.NotOnOrAfter;
      const ends = [conditionsEnd, ...bearer.map((d) => d.NotOnOrAfter)].filter(Boolean).map((t) => Date.parse(t!)).filter((n) => !Number.isNaN(n));
      const nameId = profile.nameID;
      if (!nameId) throw new AuthError('invalid_grant', 'the provider\'s answer was refused: no NameID');
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(profile.attributes ?? {})) {
        const value = Array.isArray(v) ? v[0] : v;
        if (typeof value === 'string') attributes[k] = value;
      }
      const result: SamlAssertion = {
        nameId, assertionId: id, attributes,
        // kept in the replay cache until it could no longer be accepted anyway
        notOnOrAfter: (ends.length ? Math.max(...ends) : Date.now() + 10 * 60_000) + CLOCK_SKEW_MS,
      };
      return result;
    },
  };
}
