// Token sets: an RS256 access token and ID token, plus a rotating opaque refresh token.
import type { Deps } from '../shared/deps.ts';
import { accessTokenClaims, idTokenClaims, type TokenContext } from './claims.ts';
import { randomToken, sha256 } from '../shared/crypto.ts';
import { newRefreshFamilyId, newRefreshToken } from './refresh-token-text.ts';
import type { Client } from '../ports/clients.ts';
import type { JwtToSign } from '../ports/jwt-signer.ts';
import type { User } from '../ports/users.ts';

export interface TokenSet {
  access_token: string;
  id_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

export const DEFAULT_SCOPE = 'openid email profile';

export interface SignInGrant {
  user: User;
  client: Client;
  /** RFC 8176 authentication methods, e.g. ["otp"], ["email"], ["hwk"] */
  amr: string[];
  scope?: string;
  /** epoch seconds of the authentication; defaults to now */
  authTime?: number;
  nonce?: string;
}

type SigningDeps = Pick<Deps, 'config' | 'clock' | 'keyring' | 'signer' | 'stores'>;

export async function signAccessAndIdTokens(deps: SigningDeps, ctx: TokenContext): Promise<{ accessToken: string; idToken: string }> {
  const key = await deps.keyring.signingKey();
  const now = Math.floor(deps.clock.now() / 1000);
  const token = (typ: string, claims: Record<string, unknown>, ttl: number): JwtToSign => ({
    header: { alg: 'RS256', kid: key.kid, typ },
    claims: { ...claims, iss: deps.config.issuer, sub: ctx.user.id, iat: now, nbf: now, exp: now + ttl, jti: randomToken(16) },
  });
  // RFC 9068: access tokens are typed at+jwt so they cannot be confused with ID tokens.
  const [accessToken, idToken] = await deps.signer.sign(key, [
    token('at+jwt', accessTokenClaims(ctx), deps.config.accessTokenTtl),
    token('JWT', idTokenClaims(ctx), deps.config.idTokenTtl),
  ]);
  return { accessToken, idToken };
}

export async function legacySubOf(deps: Pick<Deps, 'stores'>, userId: string): Promise<string | null> {
  const links = await deps.stores.users.legacyLinks(userId);
  return links[0]?.sub ?? null;
}

/** Issues a fresh token set and starts a new refresh-token family (one per sign-in). */
export async function issueTokenSet(deps: SigningDeps, grant: SignInGrant): Promise<TokenSet> {
  const nowMs = deps.clock.now();
  const authTime = grant.authTime ?? Math.floor(nowMs / 1000);
  const scope = grant.scope ?? DEFAULT_SCOPE;
  const ctx: TokenContext = {
    user: grant.user,
    client: grant.client,
    legacySub: await legacySubOf(deps, grant.user.id),
    scope,
    amr: grant.amr,
    authTime,
    nonce: grant.nonce,
  };
  const familyId = newRefreshFamilyId();
  const refreshToken = newRefreshToken(familyId);
  const [{ accessToken, idToken }] = await Promise.all([
    signAccessAndIdTokens(deps, ctx),
    deps.stores.refreshTokens.createFamily(
      { id: familyId, userId: grant.user.id, clientId: grant.client.id, scope, amr: grant.amr, authTime },
      await sha256(refreshToken),
      nowMs,
      nowMs + deps.config.refreshTokenTtl * 1000,
    ),
  ]);
  return tokenSet(deps, accessToken, idToken, refreshToken);
}

export function tokenSet(deps: Pick<Deps, 'config'>, accessToken: string, idToken: string, refreshToken: string): TokenSet {
  return { access_token: accessToken, id_token: idToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: deps.config.accessTokenTtl };
}
