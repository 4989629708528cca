// Routes: suppressed addresses (SPEC §13): GET /v1/admin/suppressions, DELETE /v1/admin/suppressions/{email}.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { listSuppressions } from '../../core/suppressions/list-suppressions.ts';
import { liftSuppression } from '../../core/suppressions/lift-suppression.ts';
import { queryOf } from '../validate.ts';
import { fields, parseInput } from '../../core/shared/input.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

const listQuery = z.object({
  cursor: z.string().max(254).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function adminSuppressionRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/suppressions', adminAuth(deps));
  app.use('/v1/admin/suppressions/*', adminAuth(deps));
  app.get('/v1/admin/suppressions', async (c) => c.json(await listSuppressions(deps, queryOf(c, listQuery))));
  app.delete('/v1/admin/suppressions/:email', async (c) => {
    const { email } = parseInput(z.object({ email: fields.email }), { email: decodeURIComponent(c.req.param('email')) });
    return c.json({ lifted: await liftSuppression(deps, email) });
  });
  return app;
}
