// Routes: admin invitations (SPEC §5): create a batch, follow it, list its recipients, resend the unknown ones.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { createInvitationBatch } from '../../core/invitations/create-invitation-batch.ts';
import { getInvitationProgress } from '../../core/invitations/invitation-progress.ts';
import { listInvitations } from '../../core/invitations/list-invitations.ts';
import { resendUnknownInvitations } from '../../core/invitations/resend-unknown-invitations.ts';
import { resumeInvitationBatch } from '../../core/invitations/resume-invitation-batch.ts';
import { jsonBody, queryOf } from '../validate.ts';
import { parseInput } from '../../core/shared/input.ts';
import { parseInvitationRequest } from '../../core/invitations/invitation-request.ts';
import { actorOf, adminAuth } from '../middleware/admin-auth.ts';

const batchParam = z.object({ batchId: z.string().min(1).max(64) });
const listQuery = z.object({
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'unknown', 'suppressed']).optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function adminInvitationRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/invitations', adminAuth(deps));
  app.use('/v1/admin/invitations/*', adminAuth(deps));

  app.post('/v1/admin/invitations', async (c) => {
    const input = parseInvitationRequest(await jsonBody(c, z.unknown()));
    return c.json(await createInvitationBatch(deps, input, actorOf(c)), 202);
  });

  app.get('/v1/admin/invitations/:batchId', async (c) => {
    const { batchId } = parseInput(batchParam, c.req.param());
    return c.json(await getInvitationProgress(deps, batchId));
  });

  app.get('/v1/admin/invitations/:batchId/recipients', async (c) => {
    const { batchId } = parseInput(batchParam, c.req.param());
    return c.json(await listInvitations(deps, batchId, queryOf(c, listQuery)));
  });

  // Unknown outcomes are never resent by themselves (SES may have delivered them): only on an admin's request.
  app.post('/v1/admin/invitations/:batchId/resend-unknown', async (c) => {
    const { batchId } = parseInput(batchParam, c.req.param());
    return c.json(await resendUnknownInvitations(deps, batchId, actorOf(c)), 202);
  });

  // A campaign paused by its bounce or complaint rate goes on only when an admin says so (SPEC §13).
  app.post('/v1/admin/invitations/:batchId/resume', async (c) => {
    const { batchId } = parseInput(batchParam, c.req.param());
    return c.json(await resumeInvitationBatch(deps, batchId));
  });
  return app;
}
