// Routes: the migration report (SPEC §5): GET /v1/admin/report?tenant=&targetShare=.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { buildMigrationReport } from '../../core/report/build-migration-report.ts';
import { DEFAULT_TENANT } from '../../core/clients/clients.ts';
import { fields, queryOf } from '../validate.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

export const reportQuery = z.object({
  tenant: fields.tenant.default(DEFAULT_TENANT),
  targetShare: z.coerce.number().gt(0, 'must be between 0 and 1 (exclusive)').lt(1, 'must be between 0 and 1 (exclusive)').default(0.9),
});

export function adminReportRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/report', adminAuth(deps));
  app.get('/v1/admin/report', async (c) => {
    const { report } = await buildMigrationReport(deps, queryOf(c, reportQuery));
    return c.json(report);
  });
  return app;
}
