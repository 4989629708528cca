// GetUser: the signed-in person's username and attributes, as Cognito lists them (`[{Name, Value}]`, all strings).
import type { Deps } from '../shared/deps.ts';
import { legacyOf } from '../tokens/issue-tokens.ts';
import { readableAttributes } from '../tokens/claims.ts';
import { authenticateCognitoAccess } from './cognito-access.ts';

const PROFILE = ['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'picture', 'locale', 'zoneinfo', 'website', 'gender', 'birthdate', 'phone_number', 'address', 'updated_at'];

export interface CognitoUser {
  Username: string;
  UserAttributes: { Name: string; Value: string }[];
}

export async function getCognitoUser(deps: Deps, accessToken: string): Promise<CognitoUser> {
  const { user, payload } = await authenticateCognitoAccess(deps, accessToken);
  const legacy = await legacyOf(deps, user.id);
  const client = await deps.stores.clients.findById(payload.client_id);
  // `sub` is the token's sub (the internal id), so fetchUserAttributes and the tokens agree on who this is.
  const attributes: [string, string][] = [['sub', user.id]];
  if (user.email) attributes.push(['email', user.email], ['email_verified', String(user.emailVerified)]);
  for (const name of PROFILE) if (user.profile[name]) attributes.push([name, user.profile[name]]);
  if (client) attributes.push(...Object.entries(readableAttributes(user, client)));
  return {
    Username: legacy.username ?? user.id,
    UserAttributes: attributes.map(([Name, Value]) => ({ Name, Value })),
  };
}
