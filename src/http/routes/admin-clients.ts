// Admin: registering apps (clients).
import { Hono } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../core/shared/deps.ts';
import { createClient } from '../../core/clients/clients.ts';
import { jsonBody, fields } from '../validate.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

export const newClientSchema = z.object({
  name: z.string().trim().min(1).max(120),
  redirectUris: z.array(fields.url.refine((u) => /^https?:|^[a-z][a-z0-9+.-]*:/i.test(u) && !u.includes('#'), 'must be an absolute URL without a fragment')).min(1).max(50),
  audience: z.string().min(1).max(256).optional(),
  tenant: fields.tenant.optional(),
  // RFC 6749 §3.3 scope-token characters; e.g. aws.cognito.signin.user.admin lets the app's tokens add passkeys
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,128}$/, 'must be a scope name (RFC 6749 §3.3)')).max(50).optional(),
});

export function adminClientRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/clients', adminAuth(deps));
  app.post('/v1/admin/clients', async (c) => {
    const input = await jsonBody(c, newClientSchema);
    const client = await createClient(deps, input);
    return c.json({ clientId: client.id, name: client.name, tenant: client.tenant, redirectUris: client.redirectUris, audience: client.audience ?? client.id, scopes: client.scopes }, 201);
  });
  return app;
}
