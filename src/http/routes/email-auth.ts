// Routes: email sign-in: magic links and one-time codes (SPEC §3).
import { Hono } from 'hono';
import type { Deps } from '../../core/deps.ts';

export function emailAuthRoutes(_deps: Deps) {
  const app = new Hono();
  return app;
}
