// Admin: registering apps (clients).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { createClient } from '../../core/clients/clients.ts';
import { redirectUriProblem } from '../../core/clients/redirect-uri.ts';
import { jsonBody, fields } from '../validate.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

export const newClientSchema = z.object({
  name: z.string().trim().min(1).max(120),
  redirectUris: z.array(z.string().max(2048).superRefine((u, ctx) => {
    const problem = redirectUriProblem(u);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })).min(1).max(50),
  audience: z.string().min(1).max(256).optional(),
  tenant: fields.tenant.optional(),
});

export function adminClientRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/clients', adminAuth(deps));
  app.post('/v1/admin/clients', async (c) => {
    const input = await jsonBody(c, newClientSchema);
    const client = await createClient(deps, input);
    return c.json({ clientId: client.id, name: client.name, tenant: client.tenant, redirectUris: client.redirectUris, audience: client.audience ?? client.id }, 201);
  });
  return app;
}
