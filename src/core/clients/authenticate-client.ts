// Token-endpoint client authentication (RFC 6749 §2.3): a confidential client proves its secret, a public one names itself.
import type { Deps } from '../shared/deps.ts';
import { ClientAuthError } from '../shared/errors.ts';
import type { Client } from '../ports/clients.ts';
import { secretMatches } from './client-secret.ts';

export interface PresentedClient {
  clientId: string;
  /** absent for public clients */
  clientSecret?: string;
  /** how the secret came: Basic header or form body */
  method: 'client_secret_basic' | 'client_secret_post' | 'none';
}

export async function authenticateClient(deps: Pick<Deps, 'stores' | 'clock'>, presented: PresentedClient): Promise<Client> {
  const basic = presented.method === 'client_secret_basic';
  const client = await deps.stores.clients.findById(presented.clientId);
  // One message for an unknown client and a wrong secret: the answer must not tell which ids exist.
  const refused = () => new ClientAuthError('client authentication failed', basic);
  if (!client) throw refused();
  if (!client.confidential) {
    if (presented.clientSecret !== undefined) throw new ClientAuthError('a public client has no secret; send client_id only', basic);
    return client;
  }
  if (presented.clientSecret === undefined) throw new ClientAuthError('this client must authenticate (client_secret_basic or client_secret_post)', false);
  if (!(await secretMatches(client, presented.clientSecret, deps.clock.now()))) throw refused();
  return client;
}
