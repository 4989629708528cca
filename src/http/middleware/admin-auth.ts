// Admin endpoints: `Authorization: Bearer <admin key>`.
import { createMiddleware } from 'hono/factory';
import type { Deps } from '../../core/shared/deps.ts';
import { authenticateAdminKey } from '../../core/admin/admin-keys.ts';
import { AuthError } from '../../core/shared/errors.ts';

export const bearerToken = (header: string | undefined): string | null => {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1] : null;
};

export function adminAuth(deps: Deps) {
  return createMiddleware(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new AuthError('unauthorized', 'Authorization: Bearer <admin key> is required');
    await authenticateAdminKey(deps, token);
    await next();
  });
}
