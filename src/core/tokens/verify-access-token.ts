// Verifying our own access tokens (userinfo, passkey registration): every constraint given to jose.
import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { Deps } from '../shared/deps.ts';
import { AuthError } from '../shared/errors.ts';
import type { User } from '../ports/users.ts';

/** Cognito's longest access-token validity (one day); per-client lifetimes are bounded by it. */
export const MAX_ACCESS_TOKEN_TTL = 86_400;

export interface AccessTokenPayload extends JWTPayload {
  sub: string;
  client_id: string;
  scope: string;
  token_use: 'access';
}

export async function verifyAccessToken(deps: Pick<Deps, 'keyring' | 'config' | 'clock'>, token: string): Promise<AccessTokenPayload> {
  try {
    const { payload } = await jwtVerify(token, deps.keyring.verificationKeys(), {
      algorithms: ['RS256'],
      issuer: deps.config.issuer,
      typ: 'at+jwt',
      requiredClaims: ['sub', 'exp', 'iat', 'client_id'],
      // Lifetimes may be set per client, up to Cognito's ceiling of one day.
      maxTokenAge: MAX_ACCESS_TOKEN_TTL,
      currentDate: new Date(deps.clock.now()),
    });
    if (payload.token_use !== 'access') throw new AuthError('invalid_token', 'not an access token');
    return payload as AccessTokenPayload;
  } catch (e) {
    if (e instanceof AuthError) throw e;
    if (e instanceof errors.JWTExpired) throw new AuthError('invalid_token', 'access token expired');
    if (e instanceof errors.JOSEError) throw new AuthError('invalid_token', `access token rejected: ${e.code}`);
    throw e;
  }
}

/** The signed-in, still-enabled user behind an access token. */
export async function authenticateBearer(deps: Deps, token: string): Promise<{ user: User; payload: AccessTokenPayload }> {
  const payload = await verifyAccessToken(deps, token);
  // A signature cannot show a sign-out: the token's sign-in (its refresh family, `origin_jti`) must still be live, so
  // RevokeToken, GlobalSignOut, /v1/revoke and an admin's sign-out end the access tokens it issued too, as in Cognito.
  if (typeof payload.origin_jti === 'string') {
    const family = await deps.stores.refreshTokens.findFamily(payload.origin_jti);
    if (!family || family.revokedAt !== null) throw new AuthError('invalid_token', 'access token has been revoked');
  }
  const user = await deps.stores.users.findById(payload.sub);
  if (!user || !user.enabled) throw new AuthError('invalid_token', 'the user of this token is no longer active');
  return { user, payload };
}
