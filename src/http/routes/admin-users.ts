// Routes: admin user lookups (SPEC §5): list with filters and a cursor, one user, by legacy sub.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { listUsers } from '../../core/admin/list-users.ts';
import { findUser, findUserByLegacySub } from '../../core/admin/find-user.ts';
import { DEFAULT_TENANT } from '../../core/clients/clients.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { queryOf } from '../validate.ts';
import { fields, parseInput } from '../../core/shared/input.ts';

const listQuery = z.object({
  tenant: fields.tenant.default(DEFAULT_TENANT),
  email: z.string().trim().min(1).max(254).optional(),
  freshlyMigrated: z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true').optional(),
  cursor: z.string().min(1).max(400).optional(),
  limit: z.string().regex(/^\d+$/, 'must be an integer from 1 to 200').transform(Number)
    .pipe(z.number().int().min(1, 'must be an integer from 1 to 200').max(200, 'must be an integer from 1 to 200')).default(50),
});

const idParam = z.object({ id: z.string().min(1).max(128) });
const subParam = z.object({ sub: z.string().min(1).max(128) });

export function adminUserRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/users', adminAuth(deps));
  app.use('/v1/admin/users/*', adminAuth(deps));
  app.get('/v1/admin/users', async (c) => c.json(await listUsers(deps, queryOf(c, listQuery))));
  app.get('/v1/admin/users/by-legacy-sub/:sub', async (c) => c.json(await findUserByLegacySub(deps, parseInput(subParam, c.req.param()).sub)));
  app.get('/v1/admin/users/:id', async (c) => c.json(await findUser(deps, parseInput(idParam, c.req.param()).id)));
  return app;
}
