// Building the access and ID token claims (SPEC §4, §8): what API Gateway and apps written against Cognito read.
import type { Client } from '../ports/clients.ts';
import type { User } from '../ports/users.ts';
import { ACCOUNT_CLIENT_ID } from '../clients/clients.ts';
import { SELF_SERVICE_SCOPE } from '../clients/scopes.ts';

export { SELF_SERVICE_SCOPE };

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
  /** Cognito sub and username of the first legacy link, when there is one */
  legacySub: string | null;
  legacyUsername?: string | null;
  scope: string;
  amr: string[];
  /** epoch seconds */
  authTime: number;
  nonce?: string;
  /** the sign-in this token descends from (its refresh family): Cognito's `origin_jti`, the same across refreshes */
  originJti?: string;
}

/** Cognito's `username` / `cognito:username`: the legacy username, else (people who never were in Cognito) our id. */
const usernameOf = (ctx: TokenContext) => ctx.legacyUsername ?? ctx.user.id;

export function accessTokenClaims(ctx: TokenContext): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    // API Gateway matches `aud` when present, else `client_id`
    aud: ctx.client.audience ?? ctx.client.id,
    client_id: ctx.client.id,
    scope: grantedScope(ctx.scope, ctx.client),
    token_use: 'access',
    auth_time: ctx.authTime,
    username: usernameOf(ctx),
    freshly_migrated: ctx.user.freshlyMigrated,
    groups: ctx.user.roles,
    // the claim Cognito puts roles in, so code written against Cognito keeps working
    'cognito:groups': ctx.user.roles,
  };
  if (ctx.originJti) claims.origin_jti = ctx.originJti;
  if (ctx.legacySub) claims.legacy_sub = ctx.legacySub;
  return claims;
}

const PROFILE_CLAIMS = ['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'picture', 'locale', 'zoneinfo', 'phone_number'];

/** The `custom:*` attributes this client may read (Cognito's ReadAttributes; null: all). */
export function readableAttributes(user: User, client: Client): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(user.attributes)) {
    if (!name.startsWith('custom:')) continue;
    if (client.readAttributes === null || client.readAttributes.includes(name)) out[name] = value;
  }
  return out;
}

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
    'cognito:username': usernameOf(ctx),
    ...readableAttributes(ctx.user, ctx.client),
  };
  for (const name of PROFILE_CLAIMS) if (ctx.user.profile[name]) claims[name] = ctx.user.profile[name];
  if (ctx.user.identities.length > 0) claims.identities = ctx.user.identities;
  if (ctx.legacySub) claims.legacy_sub = ctx.legacySub;
  // OIDC Core §3.1.3.7: echoed only when the request sent one (Auth.js and oauth4webapi refuse an unrequested nonce).
  if (ctx.nonce) claims.nonce = ctx.nonce;
  return claims;
}
