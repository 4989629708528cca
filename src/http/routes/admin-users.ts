// Routes: admin user lookups (SPEC §5).
import { Hono } from 'hono';
import type { Deps } from '../../core/deps.ts';

export function adminUserRoutes(_deps: Deps) {
  const app = new Hono();
  return app;
}
