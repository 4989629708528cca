// Admin endpoints: `Authorization: Bearer <admin key>`; the key becomes the audited actor of what follows.
import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { authenticateAdminKey } from '../../core/admin/admin-keys.ts';
import { adminKeyActor, type AdminActor } from '../../core/admin/admin-actor.ts';
import { AuthError } from '../../core/shared/errors.ts';
import { clientIp } from '../client-ip.ts';

declare module 'hono' {
  interface ContextVariableMap {
    adminActor: AdminActor;
  }
}

export const bearerToken = (header: string | undefined): string | null => {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1] : null;
};

export function adminAuth(deps: Deps) {
  return createMiddleware(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new AuthError('unauthorized', 'Authorization: Bearer <admin key> is required');
    const key = await authenticateAdminKey(deps, token);
    c.set('adminActor', adminKeyActor(key.id, clientIp(c)));
    await next();
  });
}

/** The actor an admin route acts as (set by adminAuth, or by the console's session check). */
export function actorOf(c: Context): AdminActor {
  const actor = c.get('adminActor');
  if (!actor) throw new TypeError('actorOf: admin route mounted without adminAuth');
  return actor;
}
