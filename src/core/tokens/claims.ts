// Building the access and ID token claims (SPEC §4): what API Gateway and migrated apps read.
import type { Client } from '../ports/clients.ts';
import type { User } from '../ports/users.ts';

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
    scope: ctx.scope,
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
