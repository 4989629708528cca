// The OAuth token endpoint (refresh and authorization-code grants), userinfo and revocation.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { redeemRefreshToken } from '../../core/tokens/refresh-grant.ts';
import { redeemAuthorizationCode } from '../../core/tokens/authorization-code.ts';
import { revokeRefreshToken } from '../../core/tokens/revoke-refresh-token.ts';
import { legacySubOf } from '../../core/tokens/issue-tokens.ts';
import { userInfo } from '../../core/tokens/user-info.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { formBody } from '../validate.ts';
import { fields, parseInput } from '../../core/shared/input.ts';
import { userAuth } from '../middleware/user-auth.ts';
import { publicCors } from '../middleware/public-cors.ts';

const grant = z.discriminatedUnion('grant_type', [
  z.object({ grant_type: z.literal('refresh_token'), refresh_token: z.string().min(1).max(512), client_id: fields.clientId }),
  z.object({
    grant_type: z.literal('authorization_code'),
    code: z.string().min(1).max(512),
    redirect_uri: z.string().min(1).max(2048),
    client_id: fields.clientId,
    code_verifier: z.string().min(43).max(128).optional(),
  }),
], { error: (issue) => (issue.code === 'invalid_union' ? 'must be refresh_token or authorization_code' : undefined) });

/** The grant types the union above accepts, read from it so the two cannot drift apart. */
const supportedGrants: ReadonlySet<string> = new Set(grant.options.map((o) => o.shape.grant_type.value));
const grantTypeOf = z.looseObject({ grant_type: z.string().min(1).max(128) });

const revoke = z.object({ token: z.string().min(1).max(512), client_id: fields.clientId, token_type_hint: z.string().optional() });

export function tokenRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/token', publicCors({ allowMethods: ['POST'] }));
  app.use('/v1/revoke', publicCors({ allowMethods: ['POST'] }));
  app.use('/v1/userinfo', publicCors({ allowMethods: ['GET', 'POST'], allowHeaders: ['authorization'] }));

  app.post('/v1/token', async (c) => {
    const form = await formBody(c, grantTypeOf);
    // RFC 6749 §5.2: a grant type this server does not know is unsupported_grant_type; a missing one stays invalid_request.
    if (!supportedGrants.has(form.grant_type)) throw new AuthError('unsupported_grant_type', `grant_type: must be ${[...supportedGrants].join(' or ')}`);
    const input = parseInput(grant, form);
    const set = input.grant_type === 'refresh_token'
      ? await redeemRefreshToken(deps, { refreshToken: input.refresh_token, clientId: input.client_id })
      : await redeemAuthorizationCode(deps, { code: input.code, clientId: input.client_id, redirectUri: input.redirect_uri, codeVerifier: input.code_verifier });
    // RFC 6749 §5.1: token responses must not be cached.
    c.header('Cache-Control', 'no-store');
    return c.json(set);
  });

  app.post('/v1/revoke', async (c) => {
    const input = await formBody(c, revoke);
    await revokeRefreshToken(deps, { token: input.token, clientId: input.client_id });
    return c.body(null, 200);
  });

  const info = userAuth(deps);
  app.on(['GET', 'POST'], '/v1/userinfo', info, async (c) => {
    const user = c.get('user');
    return c.json(userInfo(user, await legacySubOf(deps, user.id)));
  });
  return app;
}
