// A SAML identity provider run in the test: its metadata (entity id, SSO URL, signing certificate) and Responses whose
// assertion it signs with xml-crypto (RSA-SHA256, exclusive C14N), with knobs to make them wrong.
import { randomUUID } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { SignedXml } from 'xml-crypto';

const RSA = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

export interface AssertionOptions {
  nameId: string;
  email?: string;
  audience: string;
  recipient: string;
  /** minutes from now the assertion stops being valid (negative: already expired) */
  validMinutes?: number;
  /** leave the assertion unsigned */
  unsigned?: boolean;
  assertionId?: string;
}

export interface SamlIdp {
  entityId: string;
  metadata: string;
  /** a base64 SAMLResponse */
  response(o: AssertionOptions): string;
  /** the XML before base64, for tests that tamper with a signed response */
  responseXml(o: AssertionOptions): string;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function createSamlIdp(entityId = 'https://idp.contoso.test'): Promise<SamlIdp> {
  const keys = await crypto.subtle.generateKey(RSA, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=idp.contoso.test', notBefore: new Date(Date.now() - 3600_000), notAfter: new Date(Date.now() + 86_400_000),
    signingAlgorithm: RSA, keys,
  });
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const privateKey = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  const certBase64 = cert.toString('base64');
  const metadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.contoso.test/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

  const responseXml = (o: AssertionOptions) => {
    const now = Date.now();
    const end = now + (o.validMinutes ?? 5) * 60_000;
    const issued = Math.min(now, end - 10 * 60_000);
    const id = o.assertionId ?? `_a${randomUUID()}`;
    const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomUUID()}" Version="2.0" IssueInstant="${iso(issued)}" Destination="${o.recipient}">`
      + `<saml:Issuer>${entityId}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>`
      + `<saml:Assertion ID="${id}" Version="2.0" IssueInstant="${iso(issued)}"><saml:Issuer>${entityId}</saml:Issuer>`
      + `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${o.nameId}</saml:NameID>`
      + `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(end)}" Recipient="${o.recipient}"/></saml:SubjectConfirmation></saml:Subject>`
      + `<saml:Conditions NotBefore="${iso(issued - 60_000)}" NotOnOrAfter="${iso(end)}"><saml:AudienceRestriction><saml:Audience>${o.audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`
      + `<saml:AuthnStatement AuthnInstant="${iso(issued)}" SessionIndex="_s${randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`
      + (o.email ? `<saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue>${o.email}</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` : '')
      + `</saml:Assertion></samlp:Response>`;
    if (o.unsigned) return xml;
    const sig = new SignedXml({ privateKey, signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
    sig.addReference({
      xpath: "//*[local-name(.)='Assertion']", digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    });
    sig.computeSignature(xml, { location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
    return sig.getSignedXml();
  };
  return { entityId, metadata, responseXml, response: (o) => Buffer.from(responseXml(o)).toString('base64') };
}
