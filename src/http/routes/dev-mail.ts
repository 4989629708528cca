// Routes: /dev/mail: what the log mailer kept.
import { Hono } from 'hono';
import type { Deps } from '../../core/deps.ts';

export function devMailRoutes(_deps: Deps) {
  const app = new Hono();
  return app;
}
