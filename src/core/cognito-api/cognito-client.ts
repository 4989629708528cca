// The app client of a Cognito JSON API call: known here, and public (Amplify in a browser or app holds no secret).
import type { Deps } from '../shared/deps.ts';
import type { Client } from '../ports/clients.ts';
import { CognitoApiError, notAuthorized } from './cognito-api-error.ts';

/**
 * A client with a secret would have Cognito check SECRET_HASH, an HMAC keyed with the secret; cutover keeps only the
 * secret's SHA-256, so it cannot check one and serves this API to public clients only, saying so.
 */
export async function requireCognitoApiClient(deps: Pick<Deps, 'stores'>, clientId: string): Promise<Client> {
  const client = await deps.stores.clients.findById(clientId);
  if (!client) throw new CognitoApiError('ResourceNotFoundException', `User pool client ${clientId.slice(0, 128)} does not exist.`, 'invalid_client');
  if (client.confidential) throw notAuthorized(`Client ${client.id} is configured with a secret; this user pools API serves public app clients only (use the OAuth endpoints with the secret).`);
  return client;
}
