// Routes: admin invitations (SPEC §5): create a batch, follow it, list its recipients, resend the unknown ones.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { createInvitationBatch } from '../../core/invitations/create-invitation-batch.ts';
import { getInvitationProgress } from '../../core/invitations/invitation-progress.ts';
import { listInvitations } from '../../core/invitations/list-invitations.ts';
import { resendUnknownInvitations } from '../../core/invitations/resend-unknown-invitations.ts';
import { resumeInvitationBatch } from '../../core/invitations/resume-invitation-batch.ts';
import { fields, jsonBody, parseInput, queryOf } from '../validate.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

/** At most this many explicit user ids per batch; larger campaigns use `freshlyMigrated`. */
export const MAX_USER_IDS = 10_000;

const userId = z.string().trim().min(1).max(64);
export const invitationRequestSchema = z.union([
  z.object({ freshlyMigrated: z.literal(true), tenant: fields.tenant.optional(), clientId: fields.clientId.optional() }).strict(),
  z.object({ userIds: z.array(userId).min(1).max(MAX_USER_IDS), tenant: fields.tenant.optional(), clientId: fields.clientId.optional() }).strict(),
]);

/** zod's union error names no field; this check names the one that is wrong first. */
function parseInvitationRequest(body: unknown) {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if (!('userIds' in b) && b.freshlyMigrated !== true) {
      parseInput(z.object({ freshlyMigrated: z.literal(true, 'must be true (or send "userIds" instead)') }), b);
    }
    const branch = 'userIds' in b ? invitationRequestSchema.options[1] : invitationRequestSchema.options[0];
    return parseInput(branch, b);
  }
  return parseInput(invitationRequestSchema, body);
}

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
    return c.json(await createInvitationBatch(deps, input), 202);
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
    return c.json(await resendUnknownInvitations(deps, batchId), 202);
  });

  // A campaign paused by its bounce or complaint rate goes on only when an admin says so (SPEC §13).
  app.post('/v1/admin/invitations/:batchId/resume', async (c) => {
    const { batchId } = parseInput(batchParam, c.req.param());
    return c.json(await resumeInvitationBatch(deps, batchId));
  });
  return app;
}
