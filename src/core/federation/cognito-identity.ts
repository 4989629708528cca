// An entry of Cognito's `identities` attribute (and ID token claim) for a link made in cutover, in Cognito's shape.
import type { ProviderType } from '../ports/federation.ts';

// Cognito's ProviderType values for each kind of provider.
const COGNITO_TYPE: Record<ProviderType, string> = { google: 'Google', apple: 'SignInWithApple', microsoft: 'OIDC', oidc: 'OIDC', saml: 'SAML' };

export function cognitoIdentity(providerName: string, type: ProviderType, subject: string, now: number): Record<string, unknown> {
  return { userId: subject, providerName, providerType: COGNITO_TYPE[type], issuer: null, primary: 'false', dateCreated: String(now) };
}
