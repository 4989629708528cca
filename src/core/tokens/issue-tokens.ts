// Token sets: an RS256 access token and ID token, plus a rotating opaque refresh token.
import type { Deps } from '../shared/deps.ts';
import { accessTokenClaims, idTokenClaims, type TokenContext } from './claims.ts';
import { randomToken, sha256 } from '../shared/crypto.ts';
import { newRefreshFamilyId, newRefreshToken } from './refresh-token-text.ts';
import type { Client } from '../ports/clients.ts';
import { allowedScopes } from '../clients/scopes.ts';
import type { JwtToSign } from '../ports/jwt-signer.ts';
import type { LegacyIdentity, User } from '../ports/users.ts';
import type { RefreshFamily } from '../ports/refresh-tokens.ts';

export interface TokenSet {
  access_token: string;
  id_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export interface SignInGrant {
  user: User;
  client: Client;
  /** RFC 8176 authentication methods, e.g. ["otp"], ["email"], ["hwk"] */
  amr: string[];
  /** default: every scope the client may have (Cognito grants all allowed scopes when none is asked for) */
  scope?: string;
  /** epoch seconds of the authentication; defaults to now */
  authTime?: number;
  nonce?: string;
  /** the refresh family to start (an authorization code reserves it, so a replay can revoke it) */
  familyId?: string;
  /** the user's legacy identity, when the sign-in already read it; else it is looked up */
  legacy?: LegacyIdentity;
  /** the family the sign-in made ready (its scope and auth time are the set's); `stored` when its own statement stored it */
  family?: PreparedFamily;
}

type SigningDeps = Pick<Deps, 'config' | 'clock' | 'keyring' | 'signer' | 'stores'>;

/** The client's lifetimes, else the instance's (seconds). */
export const lifetimesOf = (deps: Pick<Deps, 'config'>, client: Client) => ({
  access: client.accessTokenTtl ?? deps.config.accessTokenTtl,
  id: client.idTokenTtl ?? deps.config.idTokenTtl,
  refresh: client.refreshTokenTtl ?? deps.config.refreshTokenTtl,
});

/** One JWT to sign: iss, sub, iat, nbf, exp and a fresh jti added to `claims`. */
export function jwtToSign(deps: Pick<Deps, 'config'>, kid: string, now: number, typ: string, sub: string, claims: Record<string, unknown>, ttl: number): JwtToSign {
  return {
    header: { alg: 'RS256', kid, typ },
    claims: { ...claims, iss: deps.config.issuer, sub, iat: now, nbf: now, exp: now + ttl, jti: randomToken(16) },
  };
}

export async function signAccessAndIdTokens(deps: SigningDeps, ctx: TokenContext): Promise<{ accessToken: string; idToken: string }> {
  const key = await deps.keyring.signingKey();
  const now = Math.floor(deps.clock.now() / 1000);
  const ttl = lifetimesOf(deps, ctx.client);
  // RFC 9068: access tokens are typed at+jwt so they cannot be confused with ID tokens.
  const [accessToken, idToken] = await deps.signer.sign(key, [
    jwtToSign(deps, key.kid, now, 'at+jwt', ctx.user.id, accessTokenClaims(ctx), ttl.access),
    jwtToSign(deps, key.kid, now, 'JWT', ctx.user.id, idTokenClaims(ctx), ttl.id),
  ]);
  return { accessToken, idToken };
}

export async function legacyOf(deps: Pick<Deps, 'stores'>, userId: string): Promise<LegacyIdentity> {
  const [first] = await deps.stores.users.legacyLinks(userId);
  return { sub: first?.sub ?? null, username: first?.username ?? null };
}

export async function legacySubOf(deps: Pick<Deps, 'stores'>, userId: string): Promise<string | null> {
  return (await legacyOf(deps, userId)).sub;
}

/** A sign-in's refresh family and token, made before it is stored (by issueTokenSet, or with the sign-in itself). */
export interface FamilyToStart {
  family: Omit<RefreshFamily, 'userId'>;
  refreshToken: string;
  tokenHash: string;
  /** epoch ms: the family's absolute expiry */
  expiresAt: number;
}

/** A family made ready by the sign-in (verifyEmailCode's startFamily), and whether that sign-in's statement stored it. */
export type PreparedFamily = FamilyToStart & { stored: boolean };

/** The family a grant starts at `nowMs`: the grant's scope, or every scope the client may have; its own id unless reserved. */
export async function familyToStart(deps: Pick<Deps, 'config'>, grant: Pick<SignInGrant, 'client' | 'amr' | 'scope' | 'authTime' | 'familyId'>, nowMs: number): Promise<FamilyToStart> {
  const id = grant.familyId ?? newRefreshFamilyId();
  const refreshToken = newRefreshToken(id);
  return {
    family: {
      id, clientId: grant.client.id, scope: grant.scope ?? allowedScopes(grant.client).join(' '), amr: grant.amr,
      authTime: grant.authTime ?? Math.floor(nowMs / 1000),
    },
    refreshToken,
    tokenHash: await sha256(refreshToken),
    expiresAt: nowMs + lifetimesOf(deps, grant.client).refresh * 1000,
  };
}

/**
 * Issues a fresh token set and starts a new refresh-token family (one per sign-in): the one the sign-in made ready,
 * if any, stored here unless the sign-in's own statement already did.
 */
export async function issueTokenSet(deps: SigningDeps, grant: SignInGrant): Promise<TokenSet> {
  const nowMs = deps.clock.now();
  const legacy = grant.legacy ?? await legacyOf(deps, grant.user.id);
  const start = grant.family ?? await familyToStart(deps, grant, nowMs);
  const ctx: TokenContext = {
    user: grant.user, client: grant.client, legacySub: legacy.sub, legacyUsername: legacy.username,
    scope: start.family.scope, amr: grant.amr, authTime: start.family.authTime, nonce: grant.nonce, originJti: start.family.id,
  };
  const [{ accessToken, idToken }] = await Promise.all([
    signAccessAndIdTokens(deps, ctx),
    grant.family?.stored ? undefined : deps.stores.refreshTokens.createFamily({ ...start.family, userId: grant.user.id }, start.tokenHash, nowMs, start.expiresAt),
  ]);
  return tokenSet(accessToken, idToken, start.refreshToken, lifetimesOf(deps, grant.client).access);
}

export function tokenSet(accessToken: string, idToken: string, refreshToken: string, expiresIn: number): TokenSet {
  return { access_token: accessToken, id_token: idToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: expiresIn };
}
