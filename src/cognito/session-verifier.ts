// The session swap's Cognito side: a token checked with aws-jwt-verify against the pool's JWKS, then proven live with Cognito.
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Config } from '../core/shared/config.ts';
import { AuthError } from '../core/shared/errors.ts';
import type { CognitoSession, CognitoSessionVerifier, SwapTokenType } from '../core/ports/cognito-sessions.ts';
import { createCognitoCaller, type CognitoCaller } from './client.ts';
import { regionOf } from './jit-import.ts';

/** SPEC §12: Cognito's issuer, or the emulator's when AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER is set. */
export function cognitoIssuer(config: Config, userPoolId: string): string {
  const endpoint = config.aws.cognitoEndpoint?.replace(/\/+$/, '');
  return endpoint ? `${endpoint}/${userPoolId}` : `https://cognito-idp.${regionOf(userPoolId) ?? config.aws.region}.amazonaws.com/${userPoolId}`;
}

const refused = (why: string) => new AuthError('invalid_grant', `the Cognito session was refused: ${why}`);

export function createCognitoSessionVerifier(config: Config, caller?: CognitoCaller): CognitoSessionVerifier {
  const userPoolId = config.cognitoUserPoolId;
  if (!userPoolId) throw new TypeError('createCognitoSessionVerifier: "cognitoUserPoolId" (CUTOVER_COGNITO_USER_POOL_ID) is not set');
  const issuer = cognitoIssuer(config, userPoolId);
  const cognito = caller ?? createCognitoCaller(config, { region: regionOf(userPoolId) ?? config.aws.region, maxRetries: 2 });
  // One key cache for every check; the fetcher is fetch (the library's own takes https only, an emulator serves http).
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      async fetch(uri: string) {
        const res = await fetch(uri);
        if (res.status !== 200) throw new Error(`JWKS ${uri}: HTTP ${res.status}`);
        return res.arrayBuffer();
      },
    },
  });

  /** Signature (RS256, kid from the pool's JWKS), issuer, expiry, token_use and the client it was issued to. */
  async function checkJwt(token: string, tokenUse: 'access' | 'id', clientId: string): Promise<JwtPayload> {
    const verifier = JwtRsaVerifier.create({
      issuer,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      // Cognito's access tokens carry the client in `client_id` and no `aud`; ID tokens carry it in `aud`.
      audience: tokenUse === 'id' ? clientId : null,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== tokenUse) throw new Error(`token_use must be ${tokenUse}`);
        if (tokenUse === 'access' && payload.client_id !== clientId) throw new Error('the token was issued to another app client');
        if (typeof payload.sub !== 'string' || !payload.sub) throw new Error('the token has no sub');
      },
    }, { jwksCache });
    try {
      return await verifier.verify(token);
    } catch (e) {
      throw refused((e as Error).message);
    }
  }

  /** GetUser fails for a signed-out, revoked, deleted or disabled session: what a signature cannot show. */
  async function liveUser(accessToken: string): Promise<{ username: string; email: string | null; sub: string | null }> {
    try {
      const res = await cognito.call((c) => c.send(new GetUserCommand({ AccessToken: accessToken })));
      const attr = (name: string) => res.UserAttributes?.find((a) => a.Name === name)?.Value ?? null;
      return { username: res.Username ?? '', email: attr('email'), sub: attr('sub') };
    } catch (e) {
      throw refused(`Cognito did not accept it (${(e as Error).name})`);
    }
  }

  async function fromAccessToken(accessToken: string, clientId: string): Promise<CognitoSession> {
    const payload = await checkJwt(accessToken, 'access', clientId);
    const live = await liveUser(accessToken);
    if (live.sub !== null && live.sub !== payload.sub) throw refused('Cognito names another user for this token');
    return { sub: payload.sub as string, username: live.username || String(payload.username ?? ''), email: live.email };
  }

  return {
    userPoolId,
    async verify(input: { token: string; type: SwapTokenType; clientId: string; accessToken?: string }) {
      if (input.type === 'access_token') return fromAccessToken(input.token, input.clientId);
      if (input.type === 'id_token') {
        const id = await checkJwt(input.token, 'id', input.clientId);
        const session = await fromAccessToken(input.accessToken ?? '', input.clientId);
        // The same sign-in: the same person, and (when Cognito says which) the same origin.
        const access = JSON.parse(atob(input.accessToken!.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
        if (id.sub !== session.sub || (id.origin_jti !== undefined && access.origin_jti !== undefined && id.origin_jti !== access.origin_jti)) {
          throw refused('the ID token and the access token are not of the same sign-in');
        }
        return session;
      }
      // A refresh token is opaque: Cognito redeems it (public app clients; a secret's SECRET_HASH is not held here).
      let accessToken: string | undefined;
      try {
        const res = await cognito.call((c) => c.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: input.clientId, AuthParameters: { REFRESH_TOKEN: input.token } })));
        accessToken = res.AuthenticationResult?.AccessToken;
      } catch (e) {
        throw refused(`Cognito did not redeem the refresh token (${(e as Error).name})`);
      }
      if (!accessToken) throw refused('Cognito issued no access token for the refresh token');
      return fromAccessToken(accessToken, input.clientId);
    },
  };
}
