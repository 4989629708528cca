// ListWebAuthnCredentials and DeleteWebAuthnCredential: the person's passkeys in Cognito's shape.
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import { removePasskey } from '../passkeys/remove-passkey.ts';
import { rpOf } from '../passkeys/webauthn.ts';
import { authenticateCognitoAccess } from './cognito-access.ts';
import { CognitoApiError, invalidParameter, notAuthorized } from './cognito-api-error.ts';
import { SELF_SERVICE_SCOPE } from '../clients/scopes.ts';

export interface WebAuthnCredentialDescription {
  CredentialId: string;
  FriendlyCredentialName: string;
  RelyingPartyId: string;
  AuthenticatorTransports: string[];
  /** epoch seconds, as the AWS JSON protocol writes timestamps */
  CreatedAt: number;
}

export async function listWebAuthnCredentials(
  deps: Deps,
  input: { accessToken: string; nextToken?: string; maxResults?: number },
): Promise<{ Credentials: WebAuthnCredentialDescription[]; NextToken?: string }> {
  const { user } = await authenticateCognitoAccess(deps, input.accessToken);
  const all = await deps.stores.passkeys.listByUser(user.id);
  // NextToken is the index of the next passkey (oldest first); a person holds at most a few dozen.
  const start = input.nextToken === undefined ? 0 : Number(input.nextToken);
  if (!Number.isInteger(start) || start < 0 || start > all.length) throw invalidParameter('NextToken is not valid');
  const size = input.maxResults ?? 20;
  const page = all.slice(start, start + size);
  return {
    Credentials: page.map((p) => ({
      CredentialId: p.id, FriendlyCredentialName: p.name, RelyingPartyId: rpOf(deps).rpID,
      AuthenticatorTransports: p.transports, CreatedAt: Math.floor(p.createdAt / 1000),
    })),
    ...(start + size < all.length ? { NextToken: String(start + size) } : {}),
  };
}

export async function deleteWebAuthnCredential(deps: Deps, input: { accessToken: string; credentialId: string; ip: string }): Promise<void> {
  const { user, payload } = await authenticateCognitoAccess(deps, input.accessToken);
  // Removing a way in is self-service, as adding one is: only a token of an app granted Cognito's self-service scope.
  if (!payload.scope.split(' ').includes(SELF_SERVICE_SCOPE)) throw notAuthorized(`Access Token does not have required scopes (${SELF_SERVICE_SCOPE})`);
  try {
    await removePasskey(deps, { userId: user.id, passkeyId: input.credentialId, ip: input.ip });
  } catch (e) {
    if (e instanceof AuthError && e.code === 'not_found') throw new CognitoApiError('ResourceNotFoundException', 'Credential not found.');
    throw e;
  }
}
