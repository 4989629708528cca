// Routes: admin invitations (SPEC §5).
import { Hono } from 'hono';
import type { Deps } from '../../core/deps.ts';

export function adminInvitationRoutes(_deps: Deps) {
  const app = new Hono();
  return app;
}
