// Routes: the audit log (SPEC §11): who did what, when and from where.
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { listAudit } from '../../core/admin/list-audit.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { queryOf } from '../validate.ts';
import { auditQuery } from '../../core/admin/admin-user-requests.ts';

export function adminAuditRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/audit', adminAuth(deps));
  app.get('/v1/admin/audit', async (c) => c.json(await listAudit(deps, queryOf(c, auditQuery))));
  return app;
}
