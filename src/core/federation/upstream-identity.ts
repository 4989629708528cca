// The person an upstream vouched for, whatever the protocol: subject, email (and whether it is proven), profile.
import type { JWTPayload } from 'jose';
import type { Provider } from '../ports/federation.ts';
import type { SamlAssertion } from '../ports/saml.ts';

export interface UpstreamIdentity {
  subject: string;
  email: string | null;
  /** the provider vouches for its addresses and says this one is verified */
  emailProven: boolean;
  profile: Record<string, string>;
}

const PROFILE_FIELDS = ['name', 'given_name', 'family_name', 'picture', 'locale'] as const;

// Attribute mapping is Cognito's: { cutoverField: upstreamClaim }; absent fields read the claim of the same name.
const claimName = (p: Provider, field: string) => p.settings.attributeMapping?.[field] ?? field;
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function identityFromClaims(p: Provider, claims: JWTPayload & { sub: string }): UpstreamIdentity {
  const email = text(claims[claimName(p, 'email')]);
  const verified = claims.email_verified === true || claims.email_verified === 'true'
    // Entra sends no email_verified; xms_edov says the domain owner verified the address (the nOAuth lesson)
    || (p.type === 'microsoft' && (claims.xms_edov === true || claims.xms_edov === '1'));
  const profile: Record<string, string> = {};
  for (const f of PROFILE_FIELDS) {
    const v = text(claims[claimName(p, f)]);
    if (v) profile[f] = v.slice(0, 2048);
  }
  return { subject: claims.sub, email, emailProven: Boolean(email && p.settings.vouchesForEmail && verified), profile };
}

export function identityFromAssertion(p: Provider, a: SamlAssertion): UpstreamIdentity {
  const email = text(a.attributes[claimName(p, 'email')]);
  const profile: Record<string, string> = {};
  for (const f of PROFILE_FIELDS) {
    const v = text(a.attributes[claimName(p, f)]);
    if (v) profile[f] = v.slice(0, 2048);
  }
  // SAML has no email_verified: the provider's vouchesForEmail setting alone decides.
  return { subject: a.nameId, email, emailProven: Boolean(email && p.settings.vouchesForEmail), profile };
}
