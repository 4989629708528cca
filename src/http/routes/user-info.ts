// OIDC userinfo on /v1/userinfo and Cognito's /oauth2/userInfo: GET or POST, the token in the header or (POST) the form.
import { Hono, type Context } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { authenticateBearer } from '../../core/tokens/verify-access-token.ts';
import { userInfoFor } from '../../core/tokens/user-info.ts';
import { bearerToken } from '../middleware/admin-auth.ts';
import { publicCors } from '../middleware/public-cors.ts';
import { bodyText } from '../request-body.ts';

/** RFC 6750 §2.1 header, or §2.2 form field `access_token` (POST only); never both. */
async function accessTokenOf(c: Context): Promise<string> {
  const header = bearerToken(c.req.header('authorization'));
  const type = c.req.header('content-type') ?? '';
  const fromBody = c.req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(await bodyText(c)).get('access_token') : null;
  if (header && fromBody) throw new AuthError('invalid_request', 'send the access token in the Authorization header or the body, not both');
  const token = header ?? fromBody;
  if (!token) throw new AuthError('invalid_token', 'Authorization: Bearer <access token> is required');
  return token;
}

export function userInfoRoutes(deps: Deps) {
  const app = new Hono();
  const handler = async (c: Context) => {
    const { user, payload } = await authenticateBearer(deps, await accessTokenOf(c));
    c.header('Cache-Control', 'no-store');
    return c.json(await userInfoFor(deps, user, payload));
  };
  for (const path of ['/v1/userinfo', '/oauth2/userInfo']) {
    app.use(path, publicCors({ allowMethods: ['GET', 'POST'], allowHeaders: ['authorization'] }));
    app.on(['GET', 'POST'], path, handler);
  }
  return app;
}
