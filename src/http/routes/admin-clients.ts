// Admin: registering apps (clients), rotating their secrets, and Cognito-style resource servers.
import { Hono } from 'hono';
import type { Deps } from '../../core/shared/deps.ts';
import { createClient } from '../../core/clients/create-client.ts';
import { rotateClientSecret } from '../../core/clients/rotate-client-secret.ts';
import { saveResourceServer } from '../../core/clients/create-resource-server.ts';
import { newClientSchema, resourceServerSchema } from '../../core/clients/new-client-request.ts';
import { clientJson } from '../../core/clients/client-json.ts';
import { jsonBody, queryOf } from '../validate.ts';
import { fields, parseInput } from '../../core/shared/input.ts';
import { actorOf, adminAuth } from '../middleware/admin-auth.ts';
import { z } from 'zod';

export function adminClientRoutes(deps: Deps) {
  const app = new Hono();
  app.use('/v1/admin/clients', adminAuth(deps));
  app.use('/v1/admin/clients/*', adminAuth(deps));
  app.use('/v1/admin/resource-servers', adminAuth(deps));

  app.post('/v1/admin/clients', async (c) => {
    const created = await createClient(deps, await jsonBody(c, newClientSchema));
    // The secret is answered this once and never again (only its hash is kept).
    c.header('Cache-Control', 'no-store');
    return c.json({ ...clientJson(created), ...(created.clientSecret ? { clientSecret: created.clientSecret } : {}) }, 201);
  });

  app.get('/v1/admin/clients', async (c) => {
    const { tenant } = queryOf(c, z.object({ tenant: fields.tenant.optional() }));
    return c.json({ clients: (await deps.stores.clients.list(tenant)).map(clientJson) });
  });

  app.post('/v1/admin/clients/:id/rotate-secret', async (c) => {
    const { id } = parseInput(z.object({ id: fields.clientId }), c.req.param());
    const body = c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await jsonBody(c, z.object({ overlapSeconds: z.number().int().min(0).max(30 * 86_400).optional() }));
    c.header('Cache-Control', 'no-store');
    return c.json(await rotateClientSecret(deps, actorOf(c), { clientId: id, ...body }));
  });

  app.post('/v1/admin/resource-servers', async (c) => {
    const { server, outcome } = await saveResourceServer(deps, await jsonBody(c, resourceServerSchema));
    return c.json({ ...server, outcome }, outcome === 'created' ? 201 : 200);
  });
  return app;
}
