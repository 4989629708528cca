// Routes: import conflicts for admins: list them, and settle one (merge into a person, or import as a separate person).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { DEFAULT_TENANT } from '../../core/clients/clients.ts';
import { fields, parseInput } from '../../core/shared/input.ts';
import { listImportActivity } from '../../core/import/list-import-activity.ts';
import { resolveImportConflict } from '../../core/import/resolve-import-conflict.ts';
import { conflictKeyParam, resolveConflictRequest } from '../../core/import/resolve-conflict-request.ts';
import { actorOf, adminAuth } from '../middleware/admin-auth.ts';
import { jsonBody, queryOf } from '../validate.ts';

export function adminImportRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/import-conflicts', adminAuth(deps));
  app.use('/v1/admin/import-conflicts/*', adminAuth(deps));
  app.get('/v1/admin/import-conflicts', async (c) => {
    const { tenant } = queryOf(c, z.object({ tenant: fields.tenant.default(DEFAULT_TENANT) }));
    return c.json({ conflicts: (await listImportActivity(deps, tenant)).conflicts });
  });
  app.post('/v1/admin/import-conflicts/:userPoolId/:sub/resolve', async (c) => {
    const key = parseInput(conflictKeyParam, c.req.param());
    const how = await jsonBody(c, resolveConflictRequest);
    return c.json(await resolveImportConflict(deps, actorOf(c), { userPoolId: key.userPoolId, legacySub: key.sub }, how));
  });
  return app;
}
