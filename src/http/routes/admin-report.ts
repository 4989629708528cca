// Routes: the migration report (SPEC §5): GET /v1/admin/report?tenant=&targetShare=.
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { buildMigrationReport } from '../../core/report/build-migration-report.ts';
import { queryOf } from '../validate.ts';
import { reportQuery } from '../../core/report/report-query.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

export function adminReportRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/report', adminAuth(deps));
  app.get('/v1/admin/report', async (c) => {
    const { report } = await buildMigrationReport(deps, queryOf(c, reportQuery));
    return c.json(report);
  });
  return app;
}
