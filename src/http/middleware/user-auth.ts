// User endpoints: `Authorization: Bearer <access token>`; puts the user on the context.
import { createMiddleware } from 'hono/factory';
import type { Deps } from '../../core/shared/deps.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { authenticateBearer, type AccessTokenPayload } from '../../core/tokens/verify-access-token.ts';
import type { User } from '../../core/ports/users.ts';
import { bearerToken } from './admin-auth.ts';

export type UserVars = { Variables: { user: User; token: AccessTokenPayload } };

export function userAuth(deps: Deps) {
  return createMiddleware<UserVars>(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new AuthError('invalid_token', 'Authorization: Bearer <access token> is required');
    const { user, payload } = await authenticateBearer(deps, token);
    c.set('user', user);
    c.set('token', payload);
    await next();
  });
}
