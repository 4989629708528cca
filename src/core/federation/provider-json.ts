// A provider as admin answers and the CLI show it: its settings and where the upstream must send people back, never a secret.
import type { Provider } from '../ports/federation.ts';

export const callbackUrl = (issuer: string) => `${issuer}/oauth2/idpresponse`;

export type ProviderJson = ReturnType<typeof providerJson>;

export function providerJson(p: Provider, issuer: string) {
  const { samlMetadata, ...settings } = p.settings;
  return {
    name: p.name, type: p.type, tenant: p.tenant, ...settings,
    ...(samlMetadata ? { samlMetadata: true } : {}),
    hasSecret: p.secretSealed !== null,
    callbackUrl: callbackUrl(issuer),
    ...(p.type === 'saml' ? { samlAudience: issuer, samlAcsUrl: callbackUrl(issuer) } : {}),
    createdAt: p.createdAt, updatedAt: p.updatedAt,
  };
}
