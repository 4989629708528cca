// Building the access and ID token claims (SPEC §4): what API Gateway and migrated apps read.
import type { Client } from '../ports/clients.ts';
import type { User } from '../ports/users.ts';
import { ACCOUNT_CLIENT_ID } from '../clients/clients.ts';

/** The scope Cognito gives a person's self-service calls; here it lets a token add a passkey (SPEC §3). */
export const SELF_SERVICE_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * The access token's `scope`: what was granted, with the self-service scope only for the built-in `account`
 * client or a client registered with it. Decided at every signing, so a refresh after the client lost the
 * scope no longer carries it, and no other client's token can ever plant a passkey.
 */
export function grantedScope(scope: string, client: Pick<Client, 'id' | 'scopes'>): string {
  const names = scope.split(' ').filter((s) => s && s !== SELF_SERVICE_SCOPE);
  if (client.id === ACCOUNT_CLIENT_ID || client.scopes.includes(SELF_SERVICE_SCOPE)) names.push(SELF_SERVICE_SCOPE);
  return names.join(' ');
}

export interface TokenContext {
  user: User;
  client: Client;
  /** Cognito sub of the first legacy link, when there is one */
  legacySub: string | null;
  scope: string;
  amr: string[];
  /** epoch seconds */
  authTime: number;
  nonce?: string;
}

export function accessTokenClaims(ctx: TokenContext): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    // API Gateway matches `aud` when present, else `client_id`
    aud: ctx.client.audience ?? ctx.client.id,
    client_id: ctx.client.id,
    scope: grantedScope(ctx.scope, ctx.client),
    token_use: 'access',
    auth_time: ctx.authTime,
    freshly_migrated: ctx.user.freshlyMigrated,
    groups: ctx.user.roles,
    // the claim Cognito puts roles in, so code written against Cognito keeps working
    'cognito:groups': ctx.user.roles,
  };
  if (ctx.legacySub) claims.legacy_sub = ctx.legacySub;
  return claims;
}

const PROFILE_CLAIMS = ['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'picture', 'locale', 'zoneinfo', 'phone_number'];

export function idTokenClaims(ctx: TokenContext): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    aud: ctx.client.id,
    auth_time: ctx.authTime,
    email: ctx.user.email ?? undefined,
    email_verified: ctx.user.emailVerified,
    token_use: 'id',
    freshly_migrated: ctx.user.freshlyMigrated,
    amr: ctx.amr,
    'cognito:groups': ctx.user.roles,
  };
  for (const name of PROFILE_CLAIMS) if (ctx.user.profile[name]) claims[name] = ctx.user.profile[name];
  if (ctx.legacySub) claims.legacy_sub = ctx.legacySub;
  if (ctx.nonce) claims.nonce = ctx.nonce;
  return claims;
}
