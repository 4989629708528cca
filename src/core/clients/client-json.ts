// A client as admin answers and the CLI show it: every setting, never a secret or its hash.
import type { Client } from '../ports/clients.ts';

export function clientJson(client: Client) {
  return {
    clientId: client.id,
    name: client.name,
    tenant: client.tenant,
    confidential: client.confidential,
    redirectUris: client.redirectUris,
    logoutUris: client.logoutUris,
    grantTypes: client.grantTypes,
    scopes: client.scopes,
    readAttributes: client.readAttributes,
    audience: client.audience ?? client.id,
    accessTokenTtl: client.accessTokenTtl,
    idTokenTtl: client.idTokenTtl,
    refreshTokenTtl: client.refreshTokenTtl,
    allowCognitoSessionSwap: client.allowCognitoSessionSwap,
    secretRotationOverlapEndsAt: client.previousSecretExpiresAt,
    createdAt: client.createdAt,
  };
}
