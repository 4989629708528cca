// Routes: the migration report (SPEC §5).
import { Hono } from 'hono';
import type { Deps } from '../../core/deps.ts';

export function adminReportRoutes(_deps: Deps) {
  const app = new Hono();
  return app;
}
