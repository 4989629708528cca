// The client_credentials grant (RFC 6749 §4.4): a machine's access token with custom scopes and no person in it.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { Client } from '../ports/clients.ts';
import { grantScope } from '../clients/scopes.ts';
import { jwtToSign, lifetimesOf } from './issue-tokens.ts';

export interface MachineTokenSet {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

/** `client` has authenticated with its secret. Like Cognito: `sub` is the client id, and no refresh or ID token. */
export async function issueClientCredentials(
  deps: Pick<Deps, 'config' | 'clock' | 'keyring' | 'signer'>,
  input: { client: Client; scope?: string },
): Promise<MachineTokenSet> {
  const { client } = input;
  if (!client.confidential || !client.grantTypes.includes('client_credentials')) {
    throw new AuthError('unauthorized_client', 'this client may not use the client_credentials grant');
  }
  const scope = grantScope(client, input.scope, 'machine');
  const key = await deps.keyring.signingKey();
  const now = Math.floor(deps.clock.now() / 1000);
  const ttl = lifetimesOf(deps, client).access;
  const claims = { aud: client.audience ?? client.id, client_id: client.id, scope, token_use: 'access' };
  const [accessToken] = await deps.signer.sign(key, [jwtToSign(deps, key.kid, now, 'at+jwt', client.id, claims, ttl)]);
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl };
}
