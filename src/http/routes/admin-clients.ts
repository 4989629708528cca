// Admin: registering apps (clients).
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { createClient } from '../../core/clients/clients.ts';
import { jsonBody } from '../validate.ts';
import { newClientSchema } from '../../core/clients/new-client-request.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

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
