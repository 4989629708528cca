// Routes: passkey registration and sign-in (SPEC §3).
import { Hono } from 'hono';
import type { Deps } from '../../core/deps.ts';

export function passkeyRoutes(_deps: Deps) {
  const app = new Hono();
  return app;
}
