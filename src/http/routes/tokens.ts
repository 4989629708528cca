// The OAuth token endpoint (authorization code, refresh, client credentials), userinfo and revocation, on the
// house's /v1 paths and Cognito's /oauth2 paths (SPEC §8).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { authenticateClient } from '../../core/clients/authenticate-client.ts';
import { redeemRefreshToken } from '../../core/tokens/refresh-grant.ts';
import { redeemAuthorizationCode } from '../../core/tokens/authorization-code.ts';
import { issueClientCredentials } from '../../core/tokens/client-credentials-grant.ts';
import { revokeRefreshToken } from '../../core/tokens/revoke-refresh-token.ts';
import { swapCognitoSession, TOKEN_EXCHANGE_GRANT } from '../../core/tokens/swap-cognito-session.ts';
import { clientIp } from '../client-ip.ts';
import { formBody } from '../validate.ts';
import { parseInput } from '../../core/shared/input.ts';
import { presentedClient } from '../client-credentials.ts';
import { publicCors } from '../middleware/public-cors.ts';
import { userInfoRoutes } from './user-info.ts';

const clientFields = { client_id: z.string().min(1).max(128).optional(), client_secret: z.string().min(1).max(512).optional() };
const base = z.object({ grant_type: z.string().min(1).max(64), ...clientFields }).loose();
const GRANTS = {
  refresh_token: z.object({ refresh_token: z.string().min(1).max(512), scope: z.string().max(2048).optional() }),
  authorization_code: z.object({
    code: z.string().min(1).max(512),
    redirect_uri: z.string().min(1).max(2048),
    code_verifier: z.string().min(43).max(128).optional(),
  }),
  client_credentials: z.object({ scope: z.string().max(2048).optional() }),
  // RFC 8693 §2.1; Cognito's tokens are a few KiB.
  [TOKEN_EXCHANGE_GRANT]: z.object({
    subject_token: z.string().min(1).max(16_384),
    subject_token_type: z.string().min(1).max(128),
    actor_token: z.string().min(1).max(16_384).optional(),
    actor_token_type: z.string().max(128).optional(),
  }),
};
const revoke = z.object({ token: z.string().min(1).max(512), token_type_hint: z.string().optional(), ...clientFields });

export function tokenRoutes(deps: Deps) {
  const app = new Hono();
  for (const path of ['/v1/token', '/oauth2/token', '/v1/revoke', '/oauth2/revoke']) {
    app.use(path, publicCors({ allowMethods: ['POST'] }));
  }

  const token = async (c: Context) => {
    const form = await formBody(c, base);
    if (!(form.grant_type in GRANTS)) {
      throw new AuthError('unsupported_grant_type', `grant_type: must be authorization_code, refresh_token, client_credentials or ${TOKEN_EXCHANGE_GRANT}`);
    }
    const client = await authenticateClient(deps, presentedClient(c, form));
    let body: object;
    if (form.grant_type === 'refresh_token') {
      const input = parseInput(GRANTS.refresh_token, form);
      body = await redeemRefreshToken(deps, { refreshToken: input.refresh_token, client });
    } else if (form.grant_type === 'authorization_code') {
      const input = parseInput(GRANTS.authorization_code, form);
      body = await redeemAuthorizationCode(deps, { code: input.code, client, redirectUri: input.redirect_uri, codeVerifier: input.code_verifier });
    } else if (form.grant_type === TOKEN_EXCHANGE_GRANT) {
      const input = parseInput(GRANTS[TOKEN_EXCHANGE_GRANT], form);
      body = await swapCognitoSession(deps, { client, subjectToken: input.subject_token, subjectTokenType: input.subject_token_type, actorToken: input.actor_token, ip: clientIp(c) });
    } else {
      body = await issueClientCredentials(deps, { client, scope: parseInput(GRANTS.client_credentials, form).scope });
    }
    // RFC 6749 §5.1: token responses must not be cached.
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    return c.json(body);
  };
  app.post('/v1/token', token);
  app.post('/oauth2/token', token);

  const revocation = async (c: Context) => {
    const form = await formBody(c, revoke);
    // RFC 7009 §2.1: a confidential client authenticates here as at the token endpoint.
    const client = await authenticateClient(deps, presentedClient(c, form));
    await revokeRefreshToken(deps, { token: form.token, clientId: client.id });
    return c.body(null, 200);
  };
  app.post('/v1/revoke', revocation);
  app.post('/oauth2/revoke', revocation);

  app.route('/', userInfoRoutes(deps));
  return app;
}
