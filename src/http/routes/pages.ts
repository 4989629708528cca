// Routes: hosted pages: /login, /account (SPEC §6).
import { Hono } from 'hono';
import type { Deps } from '../../core/deps.ts';

export function pageRoutes(_deps: Deps) {
  const app = new Hono();
  return app;
}
